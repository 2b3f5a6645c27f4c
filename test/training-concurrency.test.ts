import { randomUUID } from 'node:crypto';
import { CLOCK_VARIABLE } from '../subgraphs/training/clock';
import { Institution, TrainingClass, TrainingProject } from '../subgraphs/training/entities';
import type { Identity } from '../kit/identity';
import { startTestGraph, type TestGraph } from './support/graph';

/**
 * 200 teachers select one 30-seat class at the same moment, through the gateway, on MariaDB:
 * the conditional seat update (subgraphs/training/seats.ts) lets exactly 30 in and answers the
 * other 170 with CLASS_FULL; the table never holds more than the capacity.
 */

const SELECT = `mutation($classId: ID!) { selectClass(classId: $classId) { id status } }`;
const CAPACITY = 30;
const TEACHERS = 200;

describe('concurrent course selection on MariaDB', () => {
  let graph: TestGraph;
  const previousClock = process.env[CLOCK_VARIABLE];
  let classId: string;

  beforeAll(async () => {
    graph = await startTestGraph('mariadb');
    // A published 2020H1 project with one 30-seat class, written straight into the training database.
    const training = graph.stores.training.dataSource;
    const institution = (await training.getRepository(Institution).find({ order: { id: 'ASC' }, take: 1 }))[0];
    const projectId = randomUUID();
    await training.getRepository(TrainingProject).insert({
      id: projectId,
      code: `SP-2020H1-RACE`,
      title: '并发选课测试项目',
      level: 'PROVINCIAL',
      mode: 'OFFLINE',
      totalCreditsMilli: 24_000,
      onlineCreditsMilli: 0,
      term: '2020H1',
      status: 'PUBLISHED',
      leaderName: '张伟',
      leaderTitle: '教授',
      leaderTitleLevel: 'SENIOR',
      leaderStaffId: 'RACE-1',
      feeTrainingMilli: 0,
      feeAccommodationMilli: 0,
      feeMealsMilli: 0,
      institutionId: institution.id,
      audienceStages: '',
      audienceSubjects: '',
      audienceRegions: '51',
      rejectionReason: null,
      changePending: false,
      changeDescription: null,
      changeApprovedOn: null,
    });
    classId = randomUUID();
    await training.getRepository(TrainingClass).insert({
      id: classId,
      projectId,
      name: '并发测试班',
      startsOn: '2020-03-20',
      endsOn: '2020-03-22',
      capacity: CAPACITY,
      schedulePublishedOn: null,
      seatsTaken: 0,
      schedule: null,
    });
    process.env[CLOCK_VARIABLE] = '2020-02-08'; // round 1
  });

  afterAll(async () => {
    if (previousClock === undefined) delete process.env[CLOCK_VARIABLE];
    else process.env[CLOCK_VARIABLE] = previousClock;
    await graph?.stop();
  });

  it(`lets exactly ${CAPACITY} of ${TEACHERS} simultaneous selections in and refuses the rest with CLASS_FULL`, async () => {
    const regionOfSchool = new Map(graph.province.schools.map((s) => [s.id, s.regionCode]));
    const identities: Identity[] = graph.province.teachers.slice(0, TEACHERS).map((t) => ({
      role: 'TEACHER',
      subject: `teacher-${t.id}`,
      teacherId: t.id,
      schoolId: t.schoolId,
      regionCode: regionOfSchool.get(t.schoolId)!,
    }));
    expect(identities).toHaveLength(TEACHERS);

    const started = Date.now();
    const results = await Promise.all(identities.map((identity) => graph.query(SELECT, { classId }, identity)));
    const elapsed = Date.now() - started;

    const selected = results.filter((r) => !r.errors && r.data?.selectClass?.status === 'SELECTED');
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions?.code);
    console.log(`${TEACHERS} concurrent selections of a ${CAPACITY}-seat class on MariaDB: ${selected.length} selected, ${codes.length} refused, ${elapsed} ms`);
    expect(selected).toHaveLength(CAPACITY);
    expect(codes).toHaveLength(TEACHERS - CAPACITY);
    expect(new Set(codes)).toEqual(new Set(['CLASS_FULL']));

    const seats = await graph.query(`query($id: ID!) { trainingClass(id: $id) { seatsTaken seatsLeft capacity } }`, { id: classId });
    expect(seats.data!.trainingClass).toEqual({ seatsTaken: CAPACITY, seatsLeft: 0, capacity: CAPACITY });

    const [row]: { seats_taken: number | string; enrolled: number | string; teachers: number | string }[] = await graph.stores.training.dataSource.query(
      `SELECT c.seats_taken,
              (SELECT COUNT(*) FROM enrollment e WHERE e.class_id = c.id) AS enrolled,
              (SELECT COUNT(DISTINCT e.teacher_id) FROM enrollment e WHERE e.class_id = c.id) AS teachers
         FROM training_class c WHERE c.id = ?`,
      [classId],
    );
    expect(Number(row.seats_taken)).toBe(CAPACITY);
    expect(Number(row.enrolled)).toBe(CAPACITY);
    expect(Number(row.teachers)).toBe(CAPACITY);
  });
});
