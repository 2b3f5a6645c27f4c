import type { Identity } from '../kit/identity';
import { CLOCK_VARIABLE } from '../subgraphs/training/clock';
import { SICHUAN_BUREAU } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/**
 * 选派 (direct assignment) and 选课 (a teacher's own selection) are judged on the project's
 * audience (适用对象) with the stage and subject the registry says each teacher teaches (任教学段,
 * 任教学科), asked through the graph in the same request as their school and county: a teacher
 * outside the audience is refused (NOT_IN_AUDIENCE) and nothing is stored; a matching teacher is
 * placed, filed at the registry's school whatever the identity's claims name. On MariaDB, through
 * the gateway.
 */

const SELECT = `mutation($classId: ID!) { selectClass(classId: $classId) { id status teacher { id } } }`;
const ASSIGN = `mutation($classId: ID!, $teachers: [AssignTeacherInput!]!) { assignTeacher(classId: $classId, teachers: $teachers) { id teacher { id } status } }`;

function extensionsOf(result: GraphQLResult): Record<string, unknown> | undefined {
  return result.errors?.[0]?.extensions as Record<string, unknown> | undefined;
}

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph('mariadb', { teachers: 200 });
}, 180_000);

const previousClock = process.env[CLOCK_VARIABLE];

afterAll(async () => {
  if (previousClock === undefined) delete process.env[CLOCK_VARIABLE];
  else process.env[CLOCK_VARIABLE] = previousClock;
  await graph?.stop();
});

describe('assignments and the project audience', () => {
  it("refuses a teacher whose stage or subject is outside the audience, by the registry's word, and assigns a matching one", async () => {
    const { province } = graph;
    const training = graph.stores.training.dataSource;
    const project = province.projects.find((p) => p.status === 'PUBLISHED')!;
    const trainingClass = province.classes.find((c) => c.projectId === project.id)!;
    const enrolled = new Set(province.enrollments.filter((e) => e.classId === trainingClass.id).map((e) => e.teacherId));
    const free = province.teachers.filter((t) => !enrolled.has(t.id));
    const matching = free[0];
    const otherStage = free.find((t) => t.stage !== matching.stage)!;
    const otherSubject = free.find((t) => t.stage === matching.stage && t.subject !== matching.subject && t.id !== matching.id)!;
    expect([otherStage, otherSubject].every(Boolean)).toBe(true);
    // The project is for the matching teacher's stage and subject, anywhere in Sichuan.
    await training.query("UPDATE training_project SET audience_stages = ?, audience_subjects = ?, audience_regions = '51' WHERE id = ?", [
      matching.stage,
      matching.subject,
      project.id,
    ]);
    await training.query('UPDATE training_class SET capacity = seats_taken + 10 WHERE id = ?', [trainingClass.id]);
    const seats = async () => Number((await training.query('SELECT seats_taken AS n FROM training_class WHERE id = ?', [trainingClass.id]))[0].n);
    const enrollmentsOf = async (teacherId: string) =>
      Number((await training.query('SELECT COUNT(*) AS n FROM enrollment WHERE class_id = ? AND teacher_id = ?', [trainingClass.id, teacherId]))[0].n);
    const before = await seats();

    const stageRefused = await graph.query(ASSIGN, { classId: trainingClass.id, teachers: [{ teacherId: matching.id }, { teacherId: otherStage.id }] }, SICHUAN_BUREAU);
    expect(extensionsOf(stageRefused)).toMatchObject({ code: 'NOT_IN_AUDIENCE', rule: 'NOT_IN_AUDIENCE', dimension: 'stage', actual: otherStage.stage, teacherId: otherStage.id });
    expect(stageRefused.errors![0].message).toContain(`teacher ${otherStage.id}'s is ${otherStage.stage}`);

    const school = province.schools.find((s) => s.id === otherSubject.schoolId)!;
    const schoolAdmin: Identity = { role: 'SCHOOL_ADMIN', subject: 'audience-admin', schoolId: school.id, regionCode: school.regionCode };
    const subjectRefused = await graph.query(ASSIGN, { classId: trainingClass.id, teachers: [{ teacherId: otherSubject.id }] }, schoolAdmin);
    expect(extensionsOf(subjectRefused)).toMatchObject({ code: 'NOT_IN_AUDIENCE', dimension: 'subject', actual: otherSubject.subject });

    // Nothing stored for anyone of the refused calls, the matching teacher of the first included.
    expect(await seats()).toBe(before);
    for (const t of [matching, otherStage, otherSubject]) expect(await enrollmentsOf(t.id)).toBe(0);

    const assigned = await graph.query(ASSIGN, { classId: trainingClass.id, teachers: [{ teacherId: matching.id }] }, SICHUAN_BUREAU);
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignTeacher).toEqual([{ id: expect.any(String), teacher: { id: matching.id }, status: 'SCHOOL_APPROVED' }]);
    expect(await seats()).toBe(before + 1);
  });
});

describe("a teacher's own selection and the registry", () => {
  /** The published project moved into term 2020H1, whose round 1 is open on 2020-02-08, with one class of 10 free seats. */
  async function openClass(audience: { stages: string; subjects: string; regions: string }) {
    const { province } = graph;
    const training = graph.stores.training.dataSource;
    const project = province.projects.find((p) => p.status === 'PUBLISHED')!;
    const trainingClass = province.classes.find((c) => c.projectId === project.id)!;
    await training.query('UPDATE training_project SET term = ?, audience_stages = ?, audience_subjects = ?, audience_regions = ? WHERE id = ?', [
      '2020H1',
      audience.stages,
      audience.subjects,
      audience.regions,
      project.id,
    ]);
    await training.query('UPDATE training_class SET capacity = seats_taken + 10 WHERE id = ?', [trainingClass.id]);
    process.env[CLOCK_VARIABLE] = '2020-02-08';
    // Teachers with no enrollment in the class so far, the earlier tests' included.
    const enrolled: { teacher_id: string }[] = await training.query('SELECT teacher_id FROM enrollment WHERE class_id = ?', [trainingClass.id]);
    const taken = new Set(enrolled.map((e) => e.teacher_id));
    const free = province.teachers.filter((t) => !taken.has(t.id));
    const regionOf = (schoolId: string) => province.schools.find((s) => s.id === schoolId)!.regionCode;
    const rows = async (teacherId: string) =>
      (await training.query('SELECT school_id, region_code FROM enrollment WHERE class_id = ? AND teacher_id = ?', [trainingClass.id, teacherId])) as {
        school_id: string;
        region_code: string;
      }[];
    return { trainingClass, free, regionOf, rows };
  }

  it("files a selection at the registry's school and county, not the ones the teacher's claims name", async () => {
    const { trainingClass, free, regionOf, rows } = await openClass({ stages: '', subjects: '', regions: '51' });
    const teacher = free[0];
    const elsewhere = graph.province.schools.find((s) => s.id !== teacher.schoolId && s.regionCode !== regionOf(teacher.schoolId))!;
    const claims: Identity = { role: 'TEACHER', subject: 'claims-elsewhere', teacherId: teacher.id, schoolId: elsewhere.id, regionCode: elsewhere.regionCode };
    const selected = await graph.query(SELECT, { classId: trainingClass.id }, claims);
    expect(selected.errors).toBeUndefined();
    expect(selected.data!.selectClass).toMatchObject({ status: 'SELECTED', teacher: { id: teacher.id } });
    expect(await rows(teacher.id)).toEqual([{ school_id: teacher.schoolId, region_code: regionOf(teacher.schoolId) }]);
  });

  it("refuses a teacher outside the audience by the registry's stage or county (NOT_IN_AUDIENCE), storing nothing", async () => {
    const { free, regionOf } = await openClass({ stages: '', subjects: '', regions: '' });
    const [matching] = free;
    const otherStage = free.find((t) => t.stage !== matching.stage)!;
    const otherCounty = free.find((t) => t.stage === matching.stage && regionOf(t.schoolId) !== regionOf(matching.schoolId))!;
    expect([otherStage, otherCounty].every(Boolean)).toBe(true);
    const { trainingClass, rows } = await openClass({ stages: matching.stage, subjects: '', regions: regionOf(matching.schoolId) });
    const training = graph.stores.training.dataSource;
    const seats = async () => Number((await training.query('SELECT seats_taken AS n FROM training_class WHERE id = ?', [trainingClass.id]))[0].n);
    const before = await seats();
    const teacherOf = (t: { id: string; schoolId: string }): Identity => ({ role: 'TEACHER', subject: `teacher-${t.id}`, teacherId: t.id, schoolId: t.schoolId, regionCode: regionOf(t.schoolId) });

    const stageRefused = await graph.query(SELECT, { classId: trainingClass.id }, teacherOf(otherStage));
    expect(extensionsOf(stageRefused)).toMatchObject({ code: 'NOT_IN_AUDIENCE', rule: 'NOT_IN_AUDIENCE', dimension: 'stage', actual: otherStage.stage });
    expect(stageRefused.errors![0].message).toContain(`yours is ${otherStage.stage}`);

    // Claims naming the audience's county do not stand for the registry's.
    const claimsInside: Identity = { ...teacherOf(otherCounty), schoolId: matching.schoolId, regionCode: regionOf(matching.schoolId) };
    const countyRefused = await graph.query(SELECT, { classId: trainingClass.id }, claimsInside);
    expect(extensionsOf(countyRefused)).toMatchObject({ code: 'NOT_IN_AUDIENCE', dimension: 'region', actual: regionOf(otherCounty.schoolId) });

    expect(await seats()).toBe(before);
    for (const t of [otherStage, otherCounty]) expect(await rows(t.id)).toEqual([]);
    const selected = await graph.query(SELECT, { classId: trainingClass.id }, teacherOf(matching));
    expect(selected.errors).toBeUndefined();
    expect(await seats()).toBe(before + 1);
  });
});
