import { CLOCK_VARIABLE } from '../subgraphs/training/clock';
import type { Identity } from '../kit/identity';
import { SEAT_HOLDING_STATUSES } from '../subgraphs/training/rules/enrollment';
import { SICHUAN_BUREAU, SYSTEM } from './support/auth';
import { BACKENDS, startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/**
 * The 培训项目 workflow through the gateway, on MariaDB and SQLite: declare → review →
 * publish → select (round rules) → school review → institution re-check → complete, with
 * scopes and the error code of every refused step. The business day is pinned with
 * TRAINING_CLOCK (see subgraphs/training/clock.ts) inside the 2020H1 calendar. The demo
 * institutions are Sichuan's, judged under Sichuan's training policy, whose notice gives no
 * declaration rule (quotas, leader title and classes, online caps, timetable lead: not
 * configured); Zhejiang's rules are tried on a Zhejiang institution in province-policies.test.ts.
 */

const DECLARE = /* GraphQL */ `
  mutation Declare($input: DeclareProjectInput!) {
    declareProject(input: $input) {
      id status term level totalCredits onlineCredits
      leader { name title titleLevel staffId }
      fees { training accommodation meals total }
      audience { stages subjects regionPrefixes }
      reviewedBy
      classes { id name capacity seatsTaken seatsLeft }
    }
  }
`;
const SUBMIT = `mutation($id: ID!) { submitProject(id: $id) { id status } }`;
const REVIEW = `mutation($id: ID!, $decision: ReviewDecision!, $reason: String) { reviewProject(id: $id, decision: $decision, reason: $reason) { id status rejectionReason } }`;
const PUBLISH = `mutation($id: ID!) { publishProject(id: $id) { id status } }`;
const SCHEDULE = `mutation($classId: ID!, $schedule: String!) { publishClassSchedule(classId: $classId, schedule: $schedule) { id schedulePublishedOn schedule } }`;
const SELECT = `mutation($classId: ID!) { selectClass(classId: $classId) { id round status selectedOn trainingClass { id seatsTaken seatsLeft } } }`;
const ASSIGN = `mutation($classId: ID!, $teachers: [AssignTeacherInput!]!) { assignTeacher(classId: $classId, teachers: $teachers) { id round status assignedBy } }`;
const REVIEW_ENROLLMENT = `mutation($id: ID!, $approve: Boolean!, $reason: String) { reviewEnrollment(id: $id, approve: $approve, reason: $reason) { id status decisionReason } }`;
const RECHECK = `mutation($id: ID!, $confirm: Boolean!) { recheckEnrollment(id: $id, confirm: $confirm) { id status } }`;
const COMPLETE = `mutation($id: ID!, $input: CompletionInput!) { recordCompletion(id: $id, input: $input) { id status hoursAttended onlineHours completedOn } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawEnrollment(id: $id) { id status } }`;
const QUEUE = `{ reviewQueue(first: 100) { totalCount nodes { id status needsSpecialAttention teacher { id } trainingClass { id } } } }`;
const SEATS = `query($id: ID!) { trainingClass(id: $id) { seatsTaken seatsLeft capacity } }`;
const COMPLETIONS = /* GraphQL */ `
  query($after: String) {
    completedEnrollments(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { teacherId classId projectId totalCredits onlineCredits hoursAttended onlineHours completedOn recordedAt enrollment { id status } }
    }
  }
`;

function codeOf(result: GraphQLResult): unknown {
  return result.errors?.[0]?.extensions?.code;
}

function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const ALL_STAGES = ['KINDERGARTEN', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'SPECIAL_EDUCATION'];

/** A provincial hybrid 90-credit project with exactly 1/4 online (the cap's boundary). */
function declaration(overrides: Record<string, unknown> = {}) {
  return {
    title: '四川省中小学骨干教师教学能力提升培训（90学分）',
    term: '2020H1',
    level: 'PROVINCIAL',
    mode: 'HYBRID',
    totalCredits: '90',
    onlineCredits: '22.5',
    leader: { name: '李明', staffId: 'SC-0042', title: 'ASSOCIATE_SENIOR' },
    classes: [
      { name: '第一期', startsOn: '2020-03-20', endsOn: '2020-03-25', capacity: 2 },
      { name: '第二期', startsOn: '2020-04-10', endsOn: '2020-04-15', capacity: 30 },
    ],
    fees: [
      { item: 'TRAINING', amount: '1800' },
      { item: 'ACCOMMODATION', amount: '1200.5' },
      { item: 'MEALS', amount: '600' },
    ],
    audience: { stages: ALL_STAGES, subjects: [], regionPrefixes: ['51'] },
    ...overrides,
  };
}

describe.each(BACKENDS)('the training workflow on %s', (backend) => {
  let graph: TestGraph;
  const previousClock = process.env[CLOCK_VARIABLE];
  const on = (date: string) => {
    process.env[CLOCK_VARIABLE] = date;
  };

  let institution: Identity;
  let otherInstitution: Identity;
  const cityBureau: Identity = { role: 'CITY_BUREAU', subject: 'test-city', regionCode: '510100' };
  let teachers: { identity: Identity; admin: Identity }[];

  beforeAll(async () => {
    graph = await startTestGraph(backend);
    const { province } = graph;
    const [first, second] = province.institutions.filter((i) => i.kind === 'NORMAL_UNIVERSITY');
    institution = { role: 'INSTITUTION', subject: 'test-institution', institutionId: first.id };
    otherInstitution = { role: 'INSTITUTION', subject: 'test-other-institution', institutionId: second.id };
    // Teachers who made no round-1 selection in 2020H1 of the demo data, each of a different school.
    const termOfClass = new Map(province.classes.map((c) => [c.id, province.projects.find((p) => p.id === c.projectId)!.term]));
    const roundOne = new Set(province.enrollments.filter((e) => e.round === 1 && termOfClass.get(e.classId) === '2020H1').map((e) => e.teacherId));
    const regionOfSchool = new Map(province.schools.map((s) => [s.id, s.regionCode]));
    const schools = new Set<string>();
    teachers = [];
    for (const t of province.teachers) {
      if (roundOne.has(t.id) || schools.has(t.schoolId) || teachers.length === 5) continue;
      schools.add(t.schoolId);
      const regionCode = regionOfSchool.get(t.schoolId)!;
      teachers.push({
        identity: { role: 'TEACHER', subject: `teacher-${t.id}`, teacherId: t.id, schoolId: t.schoolId, regionCode },
        admin: { role: 'SCHOOL_ADMIN', subject: `admin-${t.schoolId}`, schoolId: t.schoolId, regionCode },
      });
    }
    expect(teachers).toHaveLength(5);
  });

  afterAll(async () => {
    if (previousClock === undefined) delete process.env[CLOCK_VARIABLE];
    else process.env[CLOCK_VARIABLE] = previousClock;
    await graph?.stop();
  });

  it('runs a project from declaration to completion, refusing every illegal step with its code', async () => {
    const [t1, t2, t3, t4, t5] = teachers;

    // --- declaration (window 2019-12-26 … 2020-01-07) -------------------------------------
    on('2020-01-02');
    const refusals: [Record<string, unknown>, string][] = [
      [{ fees: [{ item: 'MATERIALS', amount: '50' }] }, 'FEE_ITEM_NOT_RECORDED'],
      [{ audience: { stages: [] } }, 'AUDIENCE_MISSING'],
      [{ mode: 'OFFLINE' }, 'CREDITS_MODE_MISMATCH'],
      [{ leader: { name: '李明', staffId: 'SC-0042', title: 'SENIOR', institutionId: otherInstitution.institutionId } }, 'LEADER_NOT_STAFF'],
      [{ classes: [{ name: '第一期', startsOn: '2020-09-01', endsOn: '2020-09-03', capacity: 30 }] }, 'CLASS_OUTSIDE_TRAINING_WINDOW'],
      [{ term: '1999H1' }, 'BAD_USER_INPUT'],
    ];
    for (const [overrides, code] of refusals) {
      expect([code, codeOf(await graph.query(DECLARE, { input: declaration(overrides) }, institution))]).toEqual([code, code]);
    }
    expect(codeOf(await graph.query(DECLARE, { input: declaration() }, t1.identity))).toBe('FORBIDDEN');
    expect(codeOf(await graph.query(DECLARE, { input: { ...declaration(), institutionId: otherInstitution.institutionId } }, institution))).toBe(
      'FORBIDDEN',
    );

    const declared = ok(await graph.query(DECLARE, { input: declaration() }, institution)).declareProject;
    expect(declared).toMatchObject({
      status: 'DRAFT',
      totalCredits: '90',
      onlineCredits: '22.5',
      leader: { name: '李明', title: '副高级', titleLevel: 'ASSOCIATE_SENIOR', staffId: 'SC-0042' },
      fees: { training: '1800', accommodation: '1200.5', meals: '600', total: '3600.5' },
      audience: { stages: ALL_STAGES, subjects: [], regionPrefixes: ['51'] },
      reviewedBy: 'PROVINCE',
    });
    const id = declared.id;
    const [classA, classB] = declared.classes as { id: string; capacity: number }[];
    expect(classA.capacity).toBe(2);

    on('2020-01-08');
    expect(codeOf(await graph.query(SUBMIT, { id }, institution))).toBe('OUTSIDE_WINDOW');
    on('2020-01-06');
    expect(codeOf(await graph.query(SUBMIT, { id }, otherInstitution))).toBe('FORBIDDEN');
    expect(ok(await graph.query(SUBMIT, { id }, institution)).submitProject.status).toBe('SUBMITTED');
    expect(codeOf(await graph.query(SUBMIT, { id }, institution))).toBe('INVALID_TRANSITION');

    // --- review (2020-01-08 … 01-17) by the bureau of the project's level -------------------
    on('2020-01-06');
    expect(codeOf(await graph.query(REVIEW, { id, decision: 'APPROVE' }, SICHUAN_BUREAU))).toBe('OUTSIDE_WINDOW');
    on('2020-01-10');
    expect(codeOf(await graph.query(REVIEW, { id, decision: 'APPROVE' }, cityBureau))).toBe('WRONG_REVIEWER');
    expect(codeOf(await graph.query(REVIEW, { id, decision: 'APPROVE' }, institution))).toBe('FORBIDDEN');
    const noReason = await graph.query(REVIEW, { id, decision: 'REJECT', reason: '  ' }, SICHUAN_BUREAU);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'REASON_REQUIRED' });
    expect(ok(await graph.query(REVIEW, { id, decision: 'REJECT', reason: '请补充专家信息' }, SICHUAN_BUREAU)).reviewProject).toMatchObject({
      status: 'REJECTED',
      rejectionReason: '请补充专家信息',
    });
    on('2020-01-12');
    expect(ok(await graph.query(SUBMIT, { id }, institution)).submitProject.status).toBe('SUBMITTED');
    expect(ok(await graph.query(REVIEW, { id, decision: 'APPROVE' }, SICHUAN_BUREAU)).reviewProject).toMatchObject({
      status: 'APPROVED',
      rejectionReason: null,
    });

    // --- publication (from 2020-01-20) -------------------------------------------------------
    on('2020-01-15');
    expect(codeOf(await graph.query(PUBLISH, { id }, SICHUAN_BUREAU))).toBe('OUTSIDE_WINDOW');
    on('2020-01-20');
    expect(codeOf(await graph.query(PUBLISH, { id }, institution))).toBe('FORBIDDEN');
    expect(ok(await graph.query(PUBLISH, { id }, SICHUAN_BUREAU)).publishProject.status).toBe('PUBLISHED');

    // --- timetable: Sichuan configures no lead time, so 4 days before is accepted ------------------
    on('2020-03-15');
    expect(ok(await graph.query(SCHEDULE, { classId: classA.id, schedule: '3月20日 开班' }, institution)).publishClassSchedule).toMatchObject({
      schedulePublishedOn: '2020-03-15',
    });
    on('2020-04-06');
    expect(ok(await graph.query(SCHEDULE, { classId: classB.id, schedule: '4月10日 开班' }, institution)).publishClassSchedule).toMatchObject({
      schedulePublishedOn: '2020-04-06',
    });
    expect(codeOf(await graph.query(SCHEDULE, { classId: classB.id, schedule: 'x' }, otherInstitution))).toBe('FORBIDDEN');

    // --- selection round 1 (2020-02-06 … 02-14) --------------------------------------------
    on('2020-02-05');
    expect(codeOf(await graph.query(SELECT, { classId: classA.id }, t1.identity))).toBe('SELECTION_CLOSED');
    on('2020-02-08');
    const a1 = ok(await graph.query(SELECT, { classId: classA.id }, t1.identity)).selectClass;
    expect(a1).toMatchObject({ round: 1, status: 'SELECTED', selectedOn: '2020-02-08', trainingClass: { seatsTaken: 1, seatsLeft: 1 } });
    expect(codeOf(await graph.query(SELECT, { classId: classA.id }, t1.identity))).toBe('ALREADY_SELECTED');
    const a2 = ok(await graph.query(SELECT, { classId: classA.id }, t2.identity)).selectClass;
    expect(a2.trainingClass).toMatchObject({ seatsTaken: 2, seatsLeft: 0 });
    const full = await graph.query(SELECT, { classId: classA.id }, t4.identity);
    expect(full.errors?.[0]?.extensions).toMatchObject({ code: 'CLASS_FULL', capacity: 2 });
    expect(codeOf(await graph.query(SELECT, { classId: classB.id }, t1.admin))).toBe('FORBIDDEN');

    // --- round 2 (2020-02-26 … 03-01): only after a round-1 selection -------------------------
    on('2020-02-27');
    expect(codeOf(await graph.query(SELECT, { classId: classB.id }, t3.identity))).toBe('ROUND_TWO_REQUIRES_ROUND_ONE');
    const b1 = ok(await graph.query(SELECT, { classId: classB.id }, t1.identity)).selectClass;
    expect(b1).toMatchObject({ round: 2, status: 'SELECTED' });

    // --- school review: own teachers only ----------------------------------------------------
    const queue1 = ok(await graph.query(QUEUE, {}, t1.admin)).reviewQueue;
    expect(queue1.nodes.map((n: { id: string }) => n.id).sort()).toEqual([a1.id, b1.id].sort());
    // Sichuan configures no special-attention threshold (Zhejiang's 90 credits is not applied).
    expect(queue1.nodes.every((n: { teacher: { id: string }; needsSpecialAttention: boolean }) => n.teacher.id === t1.identity.teacherId && !n.needsSpecialAttention)).toBe(true);
    const pending = ok(await graph.query(`query($id: ID!) { school(id: $id) { pendingReviews { id } } }`, { id: t1.admin.schoolId }, t1.admin));
    expect(pending.school.pendingReviews).toHaveLength(2);
    expect(codeOf(await graph.query(REVIEW_ENROLLMENT, { id: a1.id, approve: true }, t2.admin))).toBe('FORBIDDEN');
    expect(codeOf(await graph.query(REVIEW_ENROLLMENT, { id: a1.id, approve: true }, t1.identity))).toBe('FORBIDDEN');
    expect(ok(await graph.query(REVIEW_ENROLLMENT, { id: a1.id, approve: true }, t1.admin)).reviewEnrollment.status).toBe('SCHOOL_APPROVED');
    expect(ok(await graph.query(REVIEW_ENROLLMENT, { id: b1.id, approve: true }, t1.admin)).reviewEnrollment.status).toBe('SCHOOL_APPROVED');
    expect(ok(await graph.query(REVIEW_ENROLLMENT, { id: a2.id, approve: false, reason: '与教学安排冲突' }, t2.admin)).reviewEnrollment).toMatchObject({
      status: 'SCHOOL_REJECTED',
      decisionReason: '与教学安排冲突',
    });
    expect(ok(await graph.query(SEATS, { id: classA.id })).trainingClass).toMatchObject({ seatsTaken: 1, seatsLeft: 1 });
    expect(codeOf(await graph.query(REVIEW_ENROLLMENT, { id: a2.id, approve: true }, t2.admin))).toBe('INVALID_TRANSITION');

    // --- institution re-check: own classes only -------------------------------------------------
    const instQueue = ok(await graph.query(QUEUE, {}, institution)).reviewQueue;
    expect(instQueue.nodes.map((n: { id: string }) => n.id).sort()).toEqual([a1.id, b1.id].sort());
    expect(ok(await graph.query(QUEUE, {}, otherInstitution)).reviewQueue.nodes.some((n: { id: string }) => n.id === a1.id)).toBe(false);
    expect(codeOf(await graph.query(RECHECK, { id: a1.id, confirm: true }, otherInstitution))).toBe('FORBIDDEN');
    expect(codeOf(await graph.query(RECHECK, { id: a2.id, confirm: true }, institution))).toBe('INVALID_TRANSITION');
    expect(ok(await graph.query(RECHECK, { id: a1.id, confirm: true }, institution)).recheckEnrollment.status).toBe('CONFIRMED');
    expect(ok(await graph.query(RECHECK, { id: b1.id, confirm: true }, institution)).recheckEnrollment.status).toBe('CONFIRMED');
    expect(codeOf(await graph.query(WITHDRAW, { id: a1.id }, t1.identity))).toBe('WITHDRAWAL_NOT_ALLOWED');
    expect(codeOf(await graph.query(QUEUE, {}, t1.identity))).toBe('FORBIDDEN');

    // --- completion -----------------------------------------------------------------------------
    on('2020-03-19');
    const hours = { hoursAttended: '60', onlineHours: '20', result: 'COMPLETED' };
    expect(codeOf(await graph.query(COMPLETE, { id: a1.id, input: hours }, institution))).toBe('COMPLETION_BEFORE_CLASS_START');
    on('2020-03-26');
    expect(codeOf(await graph.query(COMPLETE, { id: a1.id, input: hours }, otherInstitution))).toBe('FORBIDDEN');
    const over = await graph.query(COMPLETE, { id: a1.id, input: { ...hours, onlineHours: '61' } }, institution);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'ONLINE_HOURS_OVER_TOTAL' });
    expect(codeOf(await graph.query(COMPLETE, { id: a2.id, input: hours }, institution))).toBe('INVALID_TRANSITION');
    expect(ok(await graph.query(COMPLETE, { id: a1.id, input: hours }, institution)).recordCompletion).toMatchObject({
      status: 'COMPLETED',
      hoursAttended: '60',
      onlineHours: '20',
      completedOn: '2020-03-26',
    });

    // --- the completion feed, after a cursor -------------------------------------------------
    expect(codeOf(await graph.query(COMPLETIONS, {}, t1.identity))).toBe('FORBIDDEN');
    const feed: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await graph.query(COMPLETIONS, { after }, SYSTEM)).completedEnrollments;
      feed.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) {
        after = page.pageInfo.endCursor;
        break;
      }
      after = page.pageInfo.endCursor;
    }
    expect(feed.length).toBe(graph.province.enrollments.filter((e) => e.status === 'COMPLETED').length + 1);
    const order = feed.map((n) => `${n.recordedAt}|${n.enrollment.id}`);
    expect([...order].sort()).toEqual(order);
    expect(feed.at(-1)).toMatchObject({
      teacherId: t1.identity.teacherId,
      classId: classA.id,
      projectId: id,
      totalCredits: '90',
      onlineCredits: '22.5',
      hoursAttended: '60',
      onlineHours: '20',
      completedOn: '2020-03-26',
      enrollment: { id: a1.id, status: 'COMPLETED' },
    });
    // Nothing new after the last cursor; the institution sees only its own classes' completions.
    expect(ok(await graph.query(COMPLETIONS, { after }, SYSTEM)).completedEnrollments.nodes).toEqual([]);
    const own = ok(await graph.query(COMPLETIONS, {}, institution)).completedEnrollments.nodes;
    expect(own.length).toBeGreaterThan(0);
    expect(own.some((n: { enrollment: { id: string } }) => n.enrollment.id === a1.id) || own.length === 100).toBe(true);

    // --- a change after publication lets confirmed teachers withdraw ------------------------------
    expect(codeOf(await graph.query(WITHDRAW, { id: b1.id }, t1.identity))).toBe('WITHDRAWAL_NOT_ALLOWED');
    ok(await graph.query(`mutation($id: ID!) { requestProjectChange(id: $id, description: "第二期改为线上") { changePending } }`, { id }, institution));
    const approved = ok(await graph.query(`mutation($id: ID!) { approveProjectChange(id: $id) { changePending changeApprovedOn enrolledMayWithdraw } }`, { id }, SICHUAN_BUREAU));
    expect(approved.approveProjectChange).toEqual({ changePending: false, changeApprovedOn: '2020-03-26', enrolledMayWithdraw: true });
    expect(codeOf(await graph.query(WITHDRAW, { id: b1.id }, t2.identity))).toBe('FORBIDDEN');
    expect(ok(await graph.query(WITHDRAW, { id: b1.id }, t1.identity)).withdrawEnrollment.status).toBe('WITHDRAWN');
    expect(ok(await graph.query(SEATS, { id: classB.id })).trainingClass).toMatchObject({ seatsTaken: 0, seatsLeft: 30 });

    // --- 选派: a school admin assigns its own teacher (round 0, outside the rounds) --------------
    const assigned = ok(await graph.query(ASSIGN, { classId: classB.id, teachers: [{ teacherId: t4.identity.teacherId }] }, t4.admin)).assignTeacher;
    expect(assigned).toEqual([{ id: expect.any(String), round: 0, status: 'SCHOOL_APPROVED', assignedBy: 'SCHOOL_ADMIN' }]);
    const foreign = { teacherId: t3.identity.teacherId, schoolId: t3.admin.schoolId, regionCode: t3.admin.regionCode };
    expect(codeOf(await graph.query(ASSIGN, { classId: classB.id, teachers: [foreign] }, t4.admin))).toBe('FORBIDDEN');
    // The registry's placement decides, not the caller's word: a school or county other than the
    // registry's, or a teacher it does not have, is refused and nobody of the call is assigned.
    const seatsBefore = ok(await graph.query(SEATS, { id: classB.id })).trainingClass.seatsTaken;
    const wrongSchool = await graph.query(ASSIGN, { classId: classB.id, teachers: [{ teacherId: t5.identity.teacherId }, { ...foreign, schoolId: t4.admin.schoolId }] }, SICHUAN_BUREAU);
    expect(wrongSchool.errors?.[0]?.extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', rule: 'PLACEMENT_MISMATCH', field: 'teachers.schoolId' });
    const wrongCounty = await graph.query(ASSIGN, { classId: classB.id, teachers: [{ ...foreign, regionCode: t3.admin.regionCode === '510104' ? '510105' : '510104' }] }, SICHUAN_BUREAU);
    expect(wrongCounty.errors?.[0]?.extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', field: 'teachers.regionCode' });
    const unknown = await graph.query(ASSIGN, { classId: classB.id, teachers: [{ teacherId: t5.identity.teacherId }, { teacherId: 'no-such-teacher' }] }, SICHUAN_BUREAU);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', rule: 'UNKNOWN_TEACHER' });
    expect(ok(await graph.query(SEATS, { id: classB.id })).trainingClass.seatsTaken).toBe(seatsBefore);
    // The right school and county, or none: stored where the registry places each teacher.
    const [right, omitted] = ok(await graph.query(ASSIGN, { classId: classB.id, teachers: [foreign, { teacherId: t5.identity.teacherId }] }, SICHUAN_BUREAU)).assignTeacher;
    expect(right.assignedBy).toBe('PROVINCE_BUREAU');
    const filed = async (id: string) =>
      (await graph.stores.training.dataSource.query('SELECT school_id AS schoolId, region_code AS regionCode FROM enrollment WHERE id = ?', [id]))[0];
    expect(await filed(right.id)).toEqual({ schoolId: t3.admin.schoolId, regionCode: t3.admin.regionCode });
    expect(await filed(omitted.id)).toEqual({ schoolId: t5.admin.schoolId, regionCode: t5.admin.regionCode });
    // 选派问责: the bureau reads who dispatched the teachers of each school.
    const dispatch = `query($filter: DispatchOutcomeFilter!) { dispatchOutcomes(filter: $filter) { nodes { school { id } dispatched assignedBy } } }`;
    for (const [t, subject] of [
      [t4, t4.admin.subject],
      [t3, SICHUAN_BUREAU.subject],
    ] as const) {
      const filter = { regionCode: t.admin.regionCode, from: '2020-03-26', to: '2020-03-26', schoolId: t.admin.schoolId };
      expect(ok(await graph.query(dispatch, { filter }, SICHUAN_BUREAU)).dispatchOutcomes.nodes).toEqual([
        { school: { id: t.admin.schoolId }, dispatched: 1, assignedBy: [subject] },
      ]);
    }

    // --- closing ends selection ---------------------------------------------------------------
    ok(await graph.query(`mutation($id: ID!) { closeProject(id: $id) { status } }`, { id }, institution));
    on('2020-02-08');
    expect(codeOf(await graph.query(SELECT, { classId: classB.id }, t3.identity))).toBe('PROJECT_NOT_PUBLISHED');

    // --- the counter agrees with the enrollments that hold a seat ------------------------------------
    const rows: { id: string; capacity: number; seats_taken: number | string; held: number | string }[] = await graph.stores.training.dataSource.query(
      `SELECT c.id, c.capacity, c.seats_taken,
              (SELECT COUNT(*) FROM enrollment e WHERE e.class_id = c.id AND e.status IN (${SEAT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ')})) AS held
         FROM training_class c WHERE c.id IN (?, ?)`,
      [classA.id, classB.id],
    );
    for (const row of rows) {
      expect(Number(row.seats_taken)).toBe(Number(row.held));
      expect(Number(row.seats_taken)).toBeLessThanOrEqual(row.capacity);
    }
  });

  it("reports no quota for a Sichuan institution: Sichuan's notice sets none, and Zhejiang's is not applied", async () => {
    const { province } = graph;
    const newcomer = province.institutions.find((i) => i.accreditedSince === '2019-06-18')!;
    const result = ok(
      await graph.query(
        `query($a: ID!, $b: ID!) { a: institution(id: $a) { kind declarationQuota(term: "2020H1") { quota basis remaining } }
                                   b: institution(id: $b) { kind declarationQuota(term: "2020H1") { quota basis } } }`,
        { a: institution.institutionId, b: newcomer.id },
      ),
    );
    expect(result.a.declarationQuota).toEqual({ quota: null, basis: null, remaining: null });
    expect(result.b.declarationQuota).toEqual({ quota: null, basis: null });
  });
});
