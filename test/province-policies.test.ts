import type { Identity } from '../kit/identity';
import { generateProvinceSlices } from '../scripts/demo-slices';
import { CLOCK_VARIABLE } from '../subgraphs/training/clock';
import { participationOf } from '../subgraphs/training/rules/participation';
import { SHIPPED_TRAINING_POLICIES } from '../subgraphs/training/rules/policies';
import { TRAINING_POLICIES_AS_SHIPPED } from '../subgraphs/training/migrations/1765100000000-training-policies.data';
import { SICHUAN_BUREAU, SYSTEM } from './support/auth';
import { BACKENDS, startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/**
 * Issue 16, deliverable 1: training rules are each province's own policy data, selected by the
 * province of the declaring institution, through the gateway. A Sichuan institution declares and
 * publishes under Sichuan's policy (its notice, 省执行办 2017 第01号, gives no declaration rule);
 * a Zhejiang one under the Zhejiang 2020 notice; a Jiangxi one, whose notice gives none either and
 * which ships no policy, gets TRAINING_POLICY_NOT_CONFIGURED naming Jiangxi. Every refusal names
 * the notice it applied (`extensions.citation`).
 */

const ZHEJIANG = 'Zhejiang 2020 notice';
const slices = generateProvinceSlices();
const SICHUAN = 'Sichuan notice 省执行办 2017 第01号';

const DECLARE = `mutation($input: DeclareProjectInput!) { declareProject(input: $input) { id status level classes { id } } }`;
const SUBMIT = `mutation($id: ID!) { submitProject(id: $id) { id status } }`;
const REVIEW = `mutation($id: ID!) { reviewProject(id: $id, decision: APPROVE) { id status } }`;
const PUBLISH = `mutation($id: ID!) { publishProject(id: $id) { id status } }`;
const SCHEDULE = `mutation($classId: ID!) { publishClassSchedule(classId: $classId, schedule: "开班") { schedulePublishedOn } }`;
const POLICY = /* GraphQL */ `
  query($code: ID!) {
    trainingPolicy(provinceCode: $code) {
      id provinceCode citation effectiveFrom
      declarationQuota { levels perKind { kind quota } newlyAccreditedYears newlyAccreditedQuota }
      maxClassesPerLeaderPerTerm minimumProvinceWideLeaderTitle scheduleLeadDays allowedFeeItems specialAttentionCredits
      hybridOnlineCap { numerator denominator } fullCourseOnlineCap { minTotalCredits cap { numerator denominator } }
      trainersRequiredAtDeclaration reservedPlaces { groups sharePercent }
      terms { term declaration { from to } selectionRound2 { from to } }
      sources { field confirmed }
      recordedBy changes { actor changedFields beforePolicyId }
    }
  }
`;
const REVISE = /* GraphQL */ `
  mutation($input: ReviseTrainingPolicyInput!) {
    reviseTrainingPolicy(input: $input) { id citation effectiveFrom scheduleLeadDays maxClassesPerLeaderPerTerm replacesId recordedBy
      changes { actor changedFields beforePolicyId } }
  }
`;

const ALL_STAGES = ['KINDERGARTEN', 'PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL', 'SPECIAL_EDUCATION'];

/** A provincial hybrid 90-credit project; each call's leader is its own unless given. */
function declaration(staffId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: '骨干教师教学能力提升培训（90学分）',
    term: '2020H1',
    level: 'PROVINCIAL',
    mode: 'HYBRID',
    totalCredits: '90',
    onlineCredits: '22.5',
    leader: { name: '李明', staffId, title: 'ASSOCIATE_SENIOR' },
    classes: [{ name: '第一期', startsOn: '2020-04-10', endsOn: '2020-04-15', capacity: 30 }],
    fees: [{ item: 'TRAINING', amount: '1800' }],
    audience: { stages: ALL_STAGES, subjects: [], regionPrefixes: [] },
    trainers: [{ name: '陈教授', title: '教授', organisation: '浙江师范大学', topic: '信息技术与课堂教学融合' }],
    ...overrides,
  };
}

function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function refusal(result: GraphQLResult): Record<string, unknown> | undefined {
  expect(result.data ?? null).toBeNull();
  return result.errors?.[0]?.extensions as Record<string, unknown> | undefined;
}

describe('shipped training policies', () => {
  it('are what the migration stored (a change to rules/policies.ts needs a new migration)', () => {
    expect(JSON.parse(JSON.stringify(SHIPPED_TRAINING_POLICIES))).toEqual(TRAINING_POLICIES_AS_SHIPPED);
  });
});

describe.each(BACKENDS)('training policy per province on %s', (backend) => {
  let graph: TestGraph;
  const previousClock = process.env[CLOCK_VARIABLE];
  const on = (date: string) => {
    process.env[CLOCK_VARIABLE] = date;
  };
  let sichuan: Identity;
  const zhejiangBureau: Identity = { role: 'PROVINCE_BUREAU', subject: 'test-zhejiang', regionCode: '330000' };
  // The demo slices (scripts/demo-slices.ts), with real GB/T 2260 codes: 浙江师范大学 in 婺城区 330702,
  // a Hangzhou institution accredited 2019-06-01 in 西湖区 330106, 南昌市东湖区教师进修学校 360102.
  const institution = (name: string): Identity => ({
    role: 'INSTITUTION',
    subject: `test-${name}`,
    institutionId: slices.institutions.find((i) => i.name === name)!.id,
  });
  const zhejiangNormal = institution('浙江师范大学');
  const zhejiangNewcomer = institution('杭州西湖教师培训中心');
  const jiangxi = institution('南昌市东湖区教师进修学校');

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 60, slices: true });
    const first = graph.province.institutions.find((i) => i.kind === 'NORMAL_UNIVERSITY')!;
    sichuan = { role: 'INSTITUTION', subject: 'test-sc', institutionId: first.id };
  });

  afterAll(async () => {
    if (previousClock === undefined) delete process.env[CLOCK_VARIABLE];
    else process.env[CLOCK_VARIABLE] = previousClock;
    await graph?.stop();
  });

  it("serves each province's policy with its sources; a province without one gets an explicit answer naming it", async () => {
    on('2020-01-02');
    const zj = ok(await graph.query(POLICY, { code: '33' }, null)).trainingPolicy;
    expect(zj).toMatchObject({
      provinceCode: '33',
      citation: ZHEJIANG,
      declarationQuota: {
        levels: ['NATIONAL', 'PROVINCIAL'],
        perKind: expect.arrayContaining([{ kind: 'NORMAL_UNIVERSITY', quota: 80 }, { kind: 'REMOTE_TRAINING_INSTITUTION', quota: 35 }]),
        newlyAccreditedYears: 1,
        newlyAccreditedQuota: 8,
      },
      maxClassesPerLeaderPerTerm: 4,
      minimumProvinceWideLeaderTitle: 'ASSOCIATE_SENIOR',
      scheduleLeadDays: 5,
      specialAttentionCredits: '90',
      hybridOnlineCap: { numerator: 1, denominator: 3 },
      fullCourseOnlineCap: { minTotalCredits: '90', cap: { numerator: 1, denominator: 4 } },
      trainersRequiredAtDeclaration: true,
      reservedPlaces: { groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent: null },
      recordedBy: 'MIGRATION',
    });
    expect(zj.terms.find((t: { term: string }) => t.term === '2020H1')).toEqual({
      term: '2020H1',
      declaration: { from: '2019-12-26', to: '2020-01-07' },
      selectionRound2: { from: '2020-02-26', to: '2020-03-01' },
    });
    expect(zj.sources).toEqual(expect.arrayContaining([{ field: 'terms.2020H1', confirmed: true }, { field: 'terms', confirmed: false }]));

    const sc = ok(await graph.query(POLICY, { code: '51' }, null)).trainingPolicy;
    expect(sc).toMatchObject({
      citation: SICHUAN,
      declarationQuota: null,
      maxClassesPerLeaderPerTerm: null,
      minimumProvinceWideLeaderTitle: null,
      scheduleLeadDays: null,
      allowedFeeItems: null,
      specialAttentionCredits: null,
      hybridOnlineCap: null,
      fullCourseOnlineCap: null,
      reservedPlaces: null,
    });
    expect(sc.sources.every((s: { confirmed: boolean }) => !s.confirmed)).toBe(true);

    for (const [code, name] of [
      ['36', 'Jiangxi'],
      ['35', 'Fujian'],
      ['43', 'Hunan'],
    ]) {
      const result = await graph.query(POLICY, { code }, null);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'TRAINING_POLICY_NOT_CONFIGURED', provinceCode: code });
      expect(result.errors?.[0]?.message).toContain(name);
    }
  });

  it("a Sichuan institution declares and publishes under Sichuan's policy; its refusal names the Sichuan notice", async () => {
    on('2020-01-02');
    // Zhejiang's leader title, class limit and 1/4 online cap are not Sichuan's rules.
    const input = declaration('SC-P1', {
      leader: { name: '王强', staffId: 'SC-P1', title: 'INTERMEDIATE' },
      onlineCredits: '45',
      classes: [1, 2, 3, 4, 5].map((n) => ({ name: `第${n}期`, startsOn: '2020-04-10', endsOn: '2020-04-12', capacity: 30 })),
    });
    const project = ok(await graph.query(DECLARE, { input }, sichuan)).declareProject;
    expect(project.status).toBe('DRAFT');
    ok(await graph.query(SUBMIT, { id: project.id }, sichuan));
    on('2020-01-10');
    ok(await graph.query(REVIEW, { id: project.id }, SICHUAN_BUREAU));
    on('2020-01-20');
    expect(ok(await graph.query(PUBLISH, { id: project.id }, SICHUAN_BUREAU)).publishProject.status).toBe('PUBLISHED');
    // No timetable lead is configured in Sichuan: one day before the class is accepted.
    on('2020-04-09');
    ok(await graph.query(SCHEDULE, { classId: project.classes[0].id }, sichuan));

    // A refusal under Sichuan's policy cites Sichuan's notice, not Zhejiang's.
    on('2020-01-09');
    const late = refusal(await graph.query(DECLARE, { input: declaration('SC-P2') }, sichuan));
    expect(late).toMatchObject({ code: 'OUTSIDE_WINDOW', citation: SICHUAN, policyId: 'sichuan-2017' });
  });

  it("a Zhejiang institution declares and publishes under the Zhejiang 2020 notice, refused by its rules", async () => {
    on('2020-01-02');
    // Zhejiang 2020 notice (as domain.md gives it): "a province-wide project's leader holds ≥ associate-senior title (副高)".
    expect(refusal(await graph.query(DECLARE, { input: declaration('ZJ-1', { leader: { name: '王强', staffId: 'ZJ-1', title: 'INTERMEDIATE' } }) }, zhejiangNormal))).toMatchObject({
      code: 'LEADER_TITLE_TOO_LOW',
      citation: ZHEJIANG,
    });
    // Zhejiang 2020 notice (domain.md): "provincial 90-credit training should not be hybrid; if it is, online ≤ 1/4 of its credits".
    expect(refusal(await graph.query(DECLARE, { input: declaration('ZJ-1', { onlineCredits: '22.6' }) }, zhejiangNormal))).toMatchObject({
      code: 'ONLINE_SHARE_OVER_CAP',
      citation: ZHEJIANG,
    });
    // Zhejiang 2020 notice (domain.md): "≤ 4 classes (班期) per leader".
    const five = [1, 2, 3, 4, 5].map((n) => ({ name: `第${n}期`, startsOn: '2020-04-10', endsOn: '2020-04-12', capacity: 30 }));
    expect(refusal(await graph.query(DECLARE, { input: declaration('ZJ-1', { classes: five }) }, zhejiangNormal))).toMatchObject({
      code: 'LEADER_CLASS_LIMIT',
      citation: ZHEJIANG,
    });
    // Zhejiang 2020 notice (domain.md): "Trainer (expert) details are entered at declaration."
    expect(refusal(await graph.query(DECLARE, { input: declaration('ZJ-1', { trainers: [] }) }, zhejiangNormal))).toMatchObject({
      code: 'TRAINERS_MISSING',
      citation: ZHEJIANG,
    });
    // Zhejiang 2020 notice (domain.md): "Fees are itemised (training, accommodation, meals) and nothing else may be charged."
    expect(refusal(await graph.query(DECLARE, { input: declaration('ZJ-1', { fees: [{ item: 'MATERIALS', amount: '50' }] }) }, zhejiangNormal))).toMatchObject({
      code: 'FEE_ITEM_NOT_ALLOWED',
      citation: ZHEJIANG,
    });

    const project = ok(await graph.query(DECLARE, { input: declaration('ZJ-1') }, zhejiangNormal)).declareProject;
    ok(await graph.query(SUBMIT, { id: project.id }, zhejiangNormal));
    on('2020-01-10');
    // The Sichuan bureau has no say over a Zhejiang project.
    expect(refusal(await graph.query(REVIEW, { id: project.id }, SICHUAN_BUREAU))?.code).toBe('FORBIDDEN');
    ok(await graph.query(REVIEW, { id: project.id }, zhejiangBureau));
    on('2020-01-20');
    expect(ok(await graph.query(PUBLISH, { id: project.id }, zhejiangBureau)).publishProject.status).toBe('PUBLISHED');
    // Zhejiang 2020 notice (domain.md): "The timetable is published ≥ 5 days before the class starts";
    // a class without one is flagged from that day on.
    const FLAG = `query($id: ID!) { trainingClass(id: $id) { timetableOverdue } }`;
    on('2020-04-04');
    expect(ok(await graph.query(FLAG, { id: project.classes[0].id })).trainingClass.timetableOverdue).toBe(false);
    on('2020-04-06');
    expect(ok(await graph.query(FLAG, { id: project.classes[0].id })).trainingClass.timetableOverdue).toBe(true);
    expect(refusal(await graph.query(SCHEDULE, { classId: project.classes[0].id }, zhejiangNormal))).toMatchObject({
      code: 'SCHEDULE_TOO_LATE',
      citation: ZHEJIANG,
      minimumLeadDays: 5,
    });
    on('2020-04-05');
    expect(ok(await graph.query(SCHEDULE, { classId: project.classes[0].id }, zhejiangNormal)).publishClassSchedule.schedulePublishedOn).toBe('2020-04-05');
    expect(ok(await graph.query(FLAG, { id: project.classes[0].id })).trainingClass.timetableOverdue).toBe(false);
    const trainers = ok(await graph.query(`query($id: ID!) { trainingProject(id: $id) { trainers { name title organisation } } }`, { id: project.id }));
    expect(trainers.trainingProject.trainers).toEqual([{ name: '陈教授', title: '教授', organisation: '浙江师范大学' }]);

    // Zhejiang 2020 notice (domain.md): "After publication, changes need bureau approval and enrolled teachers may then withdraw": they are told.
    const school = slices.schools.find((x) => x.regionCode === '330702')!;
    const teacher = slices.teachers.find((t) => t.schoolId === school.id)!;
    const admin: Identity = { role: 'SCHOOL_ADMIN', subject: 'test-admin', schoolId: school.id, regionCode: school.regionCode };
    on('2020-02-08');
    const [enrollment] = ok(
      await graph.query(`mutation($c: ID!, $t: [AssignTeacherInput!]!) { assignTeacher(classId: $c, teachers: $t) { id } }`, {
        c: project.classes[0].id,
        t: [{ teacherId: teacher.id }],
      }, admin),
    ).assignTeacher;
    on('2020-04-07');
    ok(await graph.query(`mutation($id: ID!) { requestProjectChange(id: $id, description: "第一期改为线上") { changePending } }`, { id: project.id }, zhejiangNormal));
    ok(await graph.query(`mutation($id: ID!) { approveProjectChange(id: $id) { enrolledMayWithdraw } }`, { id: project.id }, zhejiangBureau));
    const me: Identity = { role: 'TEACHER', subject: 'test-teacher', teacherId: teacher.id, schoolId: school.id, regionCode: school.regionCode };
    const notices = ok(await graph.query(`query($id: ID!) { enrollment(id: $id) { notices { kind message sentOn } } }`, { id: enrollment.id }, me));
    expect(notices.enrollment.notices).toEqual([{ kind: 'CHANGE_APPROVED', message: expect.stringContaining('第一期改为线上'), sentOn: '2020-04-07' }]);

    // Zhejiang 2020 notice (issue 16): quality spot checks (抽查) recorded against institutions.
    const SPOT = `mutation($input: SpotCheckInput!) { recordSpotCheck(input: $input) { id result findings checkedBy project { id } } }`;
    const spotInput = { institutionId: zhejiangNormal.institutionId, projectId: project.id, result: 'FAILED', findings: '课表与实际授课不符' };
    expect(refusal(await graph.query(SPOT, { input: spotInput }, SICHUAN_BUREAU))?.code).toBe('FORBIDDEN');
    expect(ok(await graph.query(SPOT, { input: spotInput }, zhejiangBureau)).recordSpotCheck).toMatchObject({
      result: 'FAILED',
      checkedBy: 'PROVINCE_BUREAU:test-zhejiang',
      project: { id: project.id },
    });
    const SPOTS = `query($id: ID!) { institution(id: $id) { spotChecks { result findings } } }`;
    expect(ok(await graph.query(SPOTS, { id: zhejiangNormal.institutionId }, zhejiangNormal)).institution.spotChecks).toEqual([
      { result: 'FAILED', findings: '课表与实际授课不符' },
    ]);
    expect(ok(await graph.query(SPOTS, { id: zhejiangNormal.institutionId }, null)).institution.spotChecks).toEqual([]);
  });

  it('counts only projects 面向全省 against the Zhejiang quota; city and county projects set locally are outside it', async () => {
    // Zhejiang 2020 notice (domain.md): "institutions accredited < 1 year 8" projects, quotas for projects 面向全省;
    // cities and counties set their own (由各地…设定, issue 16).
    on('2020-01-03');
    for (let n = 1; n <= 8; n += 1) {
      const { id } = ok(await graph.query(DECLARE, { input: declaration(`NEW-${n}`) }, zhejiangNewcomer)).declareProject;
      ok(await graph.query(SUBMIT, { id }, zhejiangNewcomer));
    }
    expect(refusal(await graph.query(DECLARE, { input: declaration('NEW-9') }, zhejiangNewcomer))).toMatchObject({
      code: 'DECLARATION_QUOTA_EXCEEDED',
      quota: 8,
      basis: 'NEWLY_ACCREDITED',
      citation: ZHEJIANG,
    });
    const city = ok(
      await graph.query(DECLARE, { input: declaration('NEW-10', { level: 'CITY', mode: 'OFFLINE', totalCredits: '24', onlineCredits: '0' }) }, zhejiangNewcomer),
    ).declareProject;
    expect(ok(await graph.query(SUBMIT, { id: city.id }, zhejiangNewcomer)).submitProject.status).toBe('SUBMITTED');
    const quota = ok(
      await graph.query(`query($id: ID!) { institution(id: $id) { declarationQuota(term: "2020H1") { quota basis declared remaining } } }`, {
        id: zhejiangNewcomer.institutionId,
      }),
    ).institution.declarationQuota;
    expect(quota).toEqual({ quota: 8, basis: 'NEWLY_ACCREDITED', declared: 8, remaining: 0 });
  });

  it('refuses a Jiangxi declaration with TRAINING_POLICY_NOT_CONFIGURED naming Jiangxi, never applying another province', async () => {
    on('2020-01-02');
    const result = await graph.query(DECLARE, { input: declaration('JX-1', { level: 'COUNTY', mode: 'OFFLINE', totalCredits: '24', onlineCredits: '0' }) }, jiangxi);
    expect(refusal(result)).toMatchObject({ code: 'TRAINING_POLICY_NOT_CONFIGURED', provinceCode: '36' });
    expect(result.errors?.[0]?.message).toContain('Jiangxi');
  });

  it("lets a province bureau revise its own province's policy, audited; the new rule cites the new notice", async () => {
    on('2020-01-02');
    const input = {
      provinceCode: '51',
      name: 'Sichuan test revision',
      citation: 'Sichuan test revision (not a real notice)',
      effectiveFrom: '2020-01-02',
      scheduleLeadDays: 3,
      sources: [{ field: 'scheduleLeadDays', source: 'Test data: a value a bureau would take from its own notice.', confirmed: false }],
    };
    expect(refusal(await graph.query(REVISE, { input }, zhejiangBureau))?.code).toBe('FORBIDDEN');
    expect(refusal(await graph.query(REVISE, { input }, sichuan))?.code).toBe('FORBIDDEN');
    expect(refusal(await graph.query(REVISE, { input: { ...input, sources: [] } }, SICHUAN_BUREAU))).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'SOURCE_REQUIRED' });
    // Steps already taken stay judged by the policy then in force: no revision back in time.
    expect(refusal(await graph.query(REVISE, { input: { ...input, effectiveFrom: '2020-01-01' } }, SICHUAN_BUREAU))).toMatchObject({ rule: 'EFFECTIVE_FROM_PAST' });
    const revised = ok(await graph.query(REVISE, { input }, SICHUAN_BUREAU)).reviseTrainingPolicy;
    expect(revised).toMatchObject({
      citation: input.citation,
      effectiveFrom: '2020-01-02',
      scheduleLeadDays: 3,
      maxClassesPerLeaderPerTerm: null,
      replacesId: 'sichuan-2017',
      recordedBy: 'PROVINCE_BUREAU:test-province',
      changes: [{ actor: 'PROVINCE_BUREAU:test-province', beforePolicyId: 'sichuan-2017', changedFields: expect.arrayContaining(['scheduleLeadDays', 'citation']) }],
    });
    const history = ok(await graph.query(`{ trainingPolicies(provinceCode: "51") { id } }`, {}, null)).trainingPolicies;
    expect(history.map((p: { id: string }) => p.id)).toEqual(['sichuan-2017', revised.id]);

    // A Sichuan project's timetable 2 days before the class is now refused, citing the revision.
    const { id, classes } = ok(await graph.query(DECLARE, { input: declaration('SC-R1') }, sichuan)).declareProject;
    ok(await graph.query(SUBMIT, { id }, sichuan));
    on('2020-01-10');
    ok(await graph.query(REVIEW, { id }, SYSTEM));
    on('2020-01-20');
    ok(await graph.query(PUBLISH, { id }, SYSTEM));
    on('2020-04-08');
    expect(refusal(await graph.query(SCHEDULE, { classId: classes[0].id }, sichuan))).toMatchObject({
      code: 'SCHEDULE_TOO_LATE',
      citation: input.citation,
      minimumLeadDays: 3,
    });
  });

  it('holds reserved places for rural and private-kindergarten teachers only once a share is configured (Zhejiang 2020 notice)', async () => {
    // Zhejiang 2020 notice (domain.md): "Rural and private-kindergarten teachers get reserved places." It gives no
    // share, so the shipped policy holds none (sharePercent null, checked above); a share the bureau sets is honoured.
    on('2020-01-02');
    const citation = 'Zhejiang 2020 notice; reserved share set by the province bureau (test)';
    const input = {
      provinceCode: '33',
      name: 'Zhejiang 2020 with a reserved share',
      citation,
      effectiveFrom: '2020-01-02',
      reservedPlaces: { groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent: 50 },
      sources: [{ field: 'reservedPlaces.sharePercent', source: 'Test data: a share the bureau decides (the notice gives none).', confirmed: false }],
    };
    expect(refusal(await graph.query(REVISE, { input: { ...input, reservedPlaces: { groups: ['URBAN'], sharePercent: 50 } } }, zhejiangBureau))).toMatchObject({
      rule: 'RESERVED_GROUP_UNKNOWN',
    });
    ok(await graph.query(REVISE, { input }, zhejiangBureau));
    expect(ok(await graph.query(POLICY, { code: '33' }, null)).trainingPolicy.reservedPlaces).toEqual({ groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent: 50 });

    // A class of 2 seats: 1 held (50 %, rounded up).
    const classes = [{ name: '第一期', startsOn: '2020-04-10', endsOn: '2020-04-15', capacity: 2 }];
    const project = ok(await graph.query(DECLARE, { input: declaration('ZJ-R1', { classes }) }, zhejiangNormal)).declareProject;
    ok(await graph.query(SUBMIT, { id: project.id }, zhejiangNormal));
    on('2020-01-10');
    ok(await graph.query(REVIEW, { id: project.id }, zhejiangBureau));
    on('2020-01-20');
    ok(await graph.query(PUBLISH, { id: project.id }, zhejiangBureau));

    on('2020-02-08');
    const ASSIGN = `mutation($c: ID!, $t: [AssignTeacherInput!]!) { assignTeacher(classId: $c, teachers: $t) { id } }`;
    const SELECT = `mutation($c: ID!) { selectClass(classId: $c) { id } }`;
    const urban = slices.schools.find((x) => x.name === '杭州市西湖区示范小学')!;
    const rural = slices.schools.find((x) => x.name === '金华市婺城区乡村中心小学')!;
    const [first, second] = slices.teachers.filter((t) => t.schoolId === urban.id);
    const ruralTeacher = slices.teachers.filter((t) => t.schoolId === rural.id).at(-1)!;
    const adminOf = (school: typeof urban): Identity => ({ role: 'SCHOOL_ADMIN', subject: `admin-${school.id}`, schoolId: school.id, regionCode: school.regionCode });
    const classId = project.classes[0].id;

    ok(await graph.query(ASSIGN, { c: classId, t: [{ teacherId: first.id }] }, adminOf(urban)));
    // The one free seat is held: neither a teacher's own selection nor an assignment without a group takes it.
    const me: Identity = { role: 'TEACHER', subject: 'test-second', teacherId: second.id, schoolId: urban.id, regionCode: urban.regionCode };
    expect(refusal(await graph.query(SELECT, { c: classId }, me))).toMatchObject({ code: 'RESERVED_PLACES', reservedSeats: 1, citation });
    expect(refusal(await graph.query(ASSIGN, { c: classId, t: [{ teacherId: second.id }] }, adminOf(urban)))).toMatchObject({ code: 'RESERVED_PLACES' });
    expect(refusal(await graph.query(ASSIGN, { c: classId, t: [{ teacherId: ruralTeacher.id, reservedGroup: 'URBAN' }] }, adminOf(rural)))).toMatchObject({
      rule: 'RESERVED_GROUP_UNKNOWN',
    });
    // The rural school places its teacher in the held seat; then the class is full for everyone.
    ok(await graph.query(ASSIGN, { c: classId, t: [{ teacherId: ruralTeacher.id, reservedGroup: 'RURAL' }] }, adminOf(rural)));
    expect(refusal(await graph.query(SELECT, { c: classId }, me))).toMatchObject({ code: 'CLASS_FULL' });
  });
});

describe('one rule per province through the gateway, on the demo slices (MariaDB)', () => {
  let graph: TestGraph;
  const SYSTEM_CALLER = SYSTEM;

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 30, slices: true });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('Jiangxi and Hunan (Changsha): credits registered in their counties are converted and judged under their own policies', async () => {
    const REGISTER = `mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { credits policy { id provinceCode } } }`;
    const ACCOUNT = `query($id: ID!) { teacher(id: $id) { creditAccount(year: 2021) { policy { id } } } }`;
    const placed = (prefix: string) => {
      const school = slices.schools.find((s) => s.regionCode.startsWith(prefix))!;
      return { teacher: slices.teachers.find((t) => t.schoolId === school.id)!, school };
    };
    const register = async (prefix: string, offlineHours: string) => {
      const { teacher, school } = placed(prefix);
      const input = { teacherId: teacher.id, schoolId: school.id, regionCode: school.regionCode, source: 'EXTERNAL_PROGRAMME', category: 'CONCENTRATED', offlineHours, earnedOn: '2021-05-01' };
      return { teacher, record: ok(await graph.query(REGISTER, { input }, SYSTEM_CALLER)).registerCredit };
    };
    // Jiangxi county practice: 集中培训10学时折算1学分 (concentrated training, 10 学时 = 1 credit; public sources).
    const jx = await register('36', '25');
    expect(jx.record).toEqual({ credits: '2.5', policy: { id: 'jiangxi-county-practice', provinceCode: '36' } });
    // Changsha: no hours-to-credit ratio is known, so hours alone are refused rather than guessed.
    const REFUSED = await graph.query(REGISTER, {
      input: { ...{ teacherId: placed('4301').teacher.id, schoolId: placed('4301').school.id, regionCode: placed('4301').school.regionCode }, source: 'EXTERNAL_PROGRAMME', category: 'CONCENTRATED', offlineHours: '10', earnedOn: '2021-05-01' },
    }, SYSTEM_CALLER);
    expect(REFUSED.errors?.[0]?.extensions?.code).toBe('CONVERSION_UNCONFIRMED');
    // Changsha 2019 rules replace the 2013 ones (≥ 30 per year; numbers carried over, unconfirmed): the account is judged by them.
    const { teacher } = placed('4301');
    const input = { teacherId: teacher.id, schoolId: placed('4301').school.id, regionCode: placed('4301').school.regionCode, source: 'EXTERNAL_PROGRAMME', category: 'CONCENTRATED', credits: '6', earnedOn: '2021-05-01' };
    expect(ok(await graph.query(REGISTER, { input }, SYSTEM_CALLER)).registerCredit.policy).toEqual({ id: 'changsha-2019', provinceCode: '43' });
    expect(ok(await graph.query(ACCOUNT, { id: teacher.id }, SYSTEM_CALLER)).teacher.creditAccount).toMatchObject({ policy: { id: 'changsha-2019' } });
  });

  it('serves Changsha and Ningde targets as data, each counted on the measure its notice names', async () => {
    const TARGETS = `query($code: ID!) { region(code: $code) { itProgramTargets { target { year kind value aim measure source } requiredTeachers trained } } }`;
    // Changsha notice (domain.md): "Changsha's target is 40,000 of them by 2020, counted on that certificate" (发展测评合格证书).
    const changsha = ok(await graph.query(TARGETS, { code: '430100' }, SYSTEM_CALLER)).region.itProgramTargets;
    expect(changsha).toEqual([
      {
        target: { year: 2020, kind: 'COUNT', value: '40000', aim: null, measure: 'DEVELOPMENT_ASSESSMENT_HOLDERS', source: expect.stringContaining('Changsha notice') },
        requiredTeachers: 40_000,
        trained: 0,
      },
    ]);
    // Ningde notice (domain.md): "≥ 30 % of teachers trained in 2016 (aim 40 %)".
    const ningde = ok(await graph.query(TARGETS, { code: '350900' }, SYSTEM_CALLER)).region.itProgramTargets;
    expect(ningde).toEqual([
      {
        target: { year: 2016, kind: 'RATE', value: '30.00', aim: '40.00', measure: 'IT_TRAINED_IN_YEAR', source: expect.stringContaining('Ningde notice') },
        requiredTeachers: 2,
        trained: 0,
      },
    ]);
  });

  it("Hunan (Changsha notice): the development assessment's 合格率 and 优秀率, and the target counted on its certificate", async () => {
    // Changsha notice (domain.md): holding the 发展测评合格证书 makes a 现代教育技术能手; "the assessment's 合格率 and 优秀率 reported".
    const ISSUE = `mutation($input: DevelopmentAssessmentInput!) { issueDevelopmentAssessmentCertificate(input: $input) { number level } }`;
    const changsha = slices.schools.filter((s) => s.regionCode.startsWith('4301'));
    const holders = slices.teachers.filter((t) => changsha.some((s) => s.id === t.schoolId)).slice(0, 2);
    const results = ['PASS', 'EXCELLENT'];
    for (const [i, t] of holders.entries()) {
      const school = changsha.find((s) => s.id === t.schoolId)!;
      const input = { teacherId: t.id, holderName: t.name, schoolId: school.id, regionCode: school.regionCode, schoolCategory: school.category, result: results[i] };
      expect(ok(await graph.query(ISSUE, { input }, SYSTEM_CALLER)).issueDevelopmentAssessmentCertificate.level).toBe(results[i]);
    }
    const SUMMARY = `{ region(code: "430100") { developmentAssessment { teachers holders excellent passRate excellentRate } itProgramTargets { trained shortfall } } }`;
    const region = ok(await graph.query(SUMMARY, {}, SYSTEM_CALLER)).region;
    expect(region.developmentAssessment).toEqual({ teachers: 6, holders: 2, excellent: 1, passRate: '33.33', excellentRate: '16.67' });
    // The target is for 2020: certificates issued today (after 2020) do not count toward it.
    expect(region.itProgramTargets).toEqual([{ trained: 0, shortfall: 40_000 }]);
  });

  it('Sichuan: 未参训 / 已参训 / 不合格 from participation in 国培/省培/市培/县培, not certificates', async () => {
    // Sichuan notice (domain.md): "Counties count each teacher as 未参训, 已参训 or 不合格; the notice's 已培训
    // counts participation in 国培/省培/市培/县培 … not certificates."
    const { province } = graph;
    const classes = new Map(province.classes.map((c) => [c.id, c]));
    const projects = new Map(province.projects.map((p) => [p.id, p]));
    const expected = (teacherId: string) =>
      participationOf(
        province.enrollments
          .filter((e) => e.teacherId === teacherId && (e.status === 'COMPLETED' || e.status === 'FAILED'))
          .map((e) => ({ status: e.status, level: projects.get(classes.get(e.classId)!.projectId)!.level, year: Number(classes.get(e.classId)!.startsOn.slice(0, 4)) })),
        2020,
        2026,
      );
    const PARTICIPATION = `query($id: ID!) { teacher(id: $id) { trainingParticipation(fromYear: 2020, toYear: 2026) { status completed failed } } }`;
    const seen = new Set<string>();
    for (const t of province.teachers.slice(0, 30)) {
      const answer = ok(await graph.query(PARTICIPATION, { id: t.id }, SICHUAN_BUREAU)).teacher.trainingParticipation;
      expect(answer).toEqual(expected(t.id));
      seen.add(answer.status);
    }
    expect(seen.has('TRAINED') && seen.has('NOT_TRAINED')).toBe(true);
    const analyst = await graph.query(PARTICIPATION, { id: province.teachers[0].id }, { role: 'ANALYST', subject: 'analyst' });
    // An analyst reaches no teacher row at all (the registry hides it), so no participation either.
    expect(analyst.data?.teacher ?? null).toBeNull();
  });

  it("serves each slice's regions with real GB/T 2260 codes under their province", async () => {
    const REGION = `query($code: ID!) { region(code: $code) { name level parent { code name } } }`;
    expect(ok(await graph.query(REGION, { code: '350902' })).region).toEqual({ name: '蕉城区', level: 'COUNTY', parent: { code: '350900', name: '宁德市' } });
    expect(ok(await graph.query(REGION, { code: '430100' })).region).toEqual({ name: '长沙市', level: 'CITY', parent: { code: '430000', name: '湖南省' } });
  });
});
