import type { Identity } from '../kit/identity';
import { graphAccess } from '../subgraphs/credits/graph-access';
import { factsAccess } from '../subgraphs/certification/graph-access';
import { registryAccess } from '../subgraphs/training/graph-access';
import { clientToken, serviceIdentity, SICHUAN_BUREAU } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';
import { buildFixture } from './support/mutations';

/**
 * Slices check each other's facts through the gateway with narrowly scoped service identities
 * (role SERVICE, `service` naming the slice), not SYSTEM: each reads only what the owning subgraphs
 * grant it (access.ts `services`), nothing else, and writes only where a write rule names it (the
 * credits service: registerCompletionCredits, test/completion-sync.test.ts). And the checks they make with
 * it: certification files a teacher where the registry places them and lets an institution record
 * pre-assessments only for its own trainees (training's record). On MariaDB, through the gateway.
 */

const CREDITS = serviceIdentity('credits');
const TRAINING = serviceIdentity('training');
const CERTIFICATION = serviceIdentity('certification');

function extensionsOf(result: GraphQLResult): Record<string, unknown> | undefined {
  return result.errors?.[0]?.extensions as Record<string, unknown> | undefined;
}

let graph: TestGraph;
let fixture: ReturnType<typeof buildFixture>;

beforeAll(async () => {
  graph = await startTestGraph('mariadb', { teachers: 120 });
  fixture = buildFixture(graph.province);
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

const PLACEMENTS = `query($id: ID!) { teacher(id: $id) { id idCardNumber placementOn(date: "2030-01-01") { school { id } regionCode } placements { regionCode to } } }`;

describe('the credits service identity', () => {
  it('reads the registry placement and the 身份证号 whole, which its checks need', async () => {
    const { teacher, school } = fixture;
    const result = await graph.query(PLACEMENTS, { id: teacher.id }, CREDITS);
    expect(result.errors).toBeUndefined();
    expect(result.data!.teacher).toMatchObject({
      id: teacher.id,
      idCardNumber: teacher.idNumber,
      placementOn: { school: { id: school.id }, regionCode: school.regionCode },
    });
    expect(result.data!.teacher.placements.at(-1)).toEqual({ regionCode: school.regionCode, to: null });
  });

  it('reads no credits, certificates, names or own `me`: FORBIDDEN (SERVICE_GRANT)', async () => {
    const id = fixture.teacher.id;
    for (const query of [
      `query($id: ID!) { teacher(id: $id) { creditAccount { earned } } }`,
      `query($id: ID!) { teacher(id: $id) { certificates { number } } }`,
      `query($id: ID!) { teacher(id: $id) { name phone } }`,
      `query($id: ID!) { creditRecords(first: 5, filter: { teacherId: $id }) { totalCount } }`,
      `{ me { role } }`,
    ]) {
      const result = await graph.query(query, { id }, CREDITS);
      expect({ query, extensions: extensionsOf(result) }).toMatchObject({ query, extensions: { code: 'FORBIDDEN', rule: 'SERVICE_GRANT' } });
    }
  });

  it('calls no mutation whose write rule does not name it (WRITE_POLICY), and nothing is stored', async () => {
    const { teacher, school } = fixture;
    const before = await graph.stores.credits.dataSource.query('SELECT COUNT(*) AS n FROM credit_record WHERE teacher_id = ?', [teacher.id]);
    const register = await graph.query(
      `mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { id } }`,
      { input: { teacherId: teacher.id, schoolId: school.id, regionCode: school.regionCode, source: 'SCHOOL_BASED', category: 'SCHOOL_BASED', offlineHours: '4', earnedOn: '2025-04-01' } },
      CREDITS,
    );
    expect(extensionsOf(register)).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
    const assign = await graph.query(`mutation($c: ID!) { assignTeacher(classId: $c, teachers: [{ teacherId: "${teacher.id}" }]) { id } }`, { c: fixture.classId }, CREDITS);
    expect(extensionsOf(assign)).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
    const after = await graph.stores.credits.dataSource.query('SELECT COUNT(*) AS n FROM credit_record WHERE teacher_id = ?', [teacher.id]);
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });
});

describe("each slice's lookups, with its own service token, as deployed", () => {
  const tokenOf = (service: string) => clientToken(serviceIdentity(service));

  it('credits: teachers with 身份证号 and history, the placement on a day, enrollments, institutions', async () => {
    const { teacher, school, completed, institutionId, projectId, province } = fixture;
    const credits = graphAccess({ url: graph.gatewayUrl, token: await tokenOf('credits') });
    const found = await credits.teachers([teacher.id, 'no-such-teacher']);
    expect([...found.keys()]).toEqual([teacher.id]);
    expect(found.get(teacher.id)).toMatchObject({ idNumber: teacher.idNumber, schoolId: school.id, regionCode: school.regionCode, schoolCategory: school.category });
    expect(await credits.placementOn(teacher.id, '2030-01-01')).toEqual({ placement: { schoolId: school.id, regionCode: school.regionCode } });
    expect(await credits.enrollment(completed.id)).toEqual({ status: 'COMPLETED', teacherId: teacher.id, projectId, institutionId });
    expect(await credits.completedProjects(teacher.id)).toContainEqual({ projectId, institutionId });
    const institution = province.institutions.find((i) => i.id === institutionId)!;
    expect(await credits.institution(institutionId)).toEqual({ kind: institution.kind, regionCode: institution.regionCode });
  });

  it("training: every assigned teacher's school, county, stage and subject in one lookup", async () => {
    const { teacher, school } = fixture;
    const training = registryAccess({ url: graph.gatewayUrl, token: await tokenOf('training') });
    expect(await training.placements([teacher.id, 'no-such-teacher'])).toEqual(
      new Map([[teacher.id, { schoolId: school.id, regionCode: school.regionCode, stage: teacher.stage, subject: teacher.subject }]]),
    );
  });

  it("certification: a teacher's school, county and category, and their trainers", async () => {
    const { teacher, school, institutionId } = fixture;
    const certification = factsAccess({ url: graph.gatewayUrl, token: await tokenOf('certification') });
    expect(await certification.placement(teacher.id)).toEqual({ schoolId: school.id, regionCode: school.regionCode, schoolCategory: school.category });
    expect(await certification.placement('no-such-teacher')).toBeNull();
    expect(await certification.enrollingInstitutions(teacher.id)).toContain(institutionId);
  });

  it('a token without the grant is a configuration problem, not a fact: GRAPH_NOT_CONFIGURED', async () => {
    const borrowed = registryAccess({ url: graph.gatewayUrl, token: await tokenOf('certification') });
    await expect(borrowed.placements([fixture.teacher.id])).rejects.toMatchObject({ extensions: { code: 'GRAPH_NOT_CONFIGURED' } });
  });
});

describe('each service its own grant', () => {
  it('training reads schools, counties, stages and subjects, not the 身份证号, names or the placement history', async () => {
    const ok = await graph.query(`query($ids: [ID!]) { teachers(first: 5, filter: { ids: $ids }) { nodes { id school { id region { code } } } } }`, { ids: [fixture.teacher.id] }, TRAINING);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.teachers.nodes).toEqual([{ id: fixture.teacher.id, school: { id: fixture.school.id, region: { code: fixture.school.regionCode } } }]);
    expect(extensionsOf(await graph.query(PLACEMENTS, { id: fixture.teacher.id }, TRAINING))).toMatchObject({ code: 'FORBIDDEN', rule: 'SERVICE_GRANT' });
    const named = await graph.query(`query($ids: [ID!]) { teachers(first: 5, filter: { ids: $ids }) { nodes { id stage subject name } } }`, { ids: [fixture.teacher.id] }, TRAINING);
    expect(extensionsOf(named)).toMatchObject({ code: 'FORBIDDEN', rule: 'SERVICE_GRANT' });
    expect(named.errors![0].message).toContain('Teacher.name');
  });

  it("certification reads a teacher's school and the institutions of their enrollments, not credits", async () => {
    const ok = await graph.query(
      `query($id: ID!) { teacher(id: $id) { school { id category region { code } } enrollments { status trainingClass { project { institution { id } } } } } }`,
      { id: fixture.teacher.id },
      CERTIFICATION,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.teacher.enrollments.map((e: any) => e.trainingClass.project.institution.id)).toContain(fixture.institutionId);
    expect(extensionsOf(await graph.query(`query($id: ID!) { teacher(id: $id) { creditRecords { id } } }`, { id: fixture.teacher.id }, CERTIFICATION))).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'SERVICE_GRANT',
    });
  });

  it('refuses a person’s token that names a service (401)', async () => {
    const result = await graph.query('{ regions { code } }', {}, { role: 'PROVINCE_BUREAU', subject: 'p', regionCode: '510000', service: 'credits' });
    expect(extensionsOf(result)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('certification checks the registry and training, not the caller', () => {
  const PRE = `mutation($input: PreAssessmentInput!) { recordPreAssessment(input: $input) { teacherId } }`;
  const DA = `mutation($input: DevelopmentAssessmentInput!) { issueDevelopmentAssessmentCertificate(input: $input) { number } }`;

  it('lets an institution record a pre-assessment only for a teacher enrolled in its projects', async () => {
    const { province, teacher, school, institutionId } = fixture;
    const own: Identity = { role: 'INSTITUTION', subject: 'i', institutionId };
    const input = (t: { id: string }, regionCode: string) => ({ teacherId: t.id, regionCode, assessedOn: '2025-03-01', programmeId: 'IT2-51' });
    expect((await graph.query(PRE, { input: input(teacher, school.regionCode) }, own)).errors).toBeUndefined();
    const classes = new Map(province.classes.map((c) => [c.id, c.projectId]));
    const projects = new Map(province.projects.map((p) => [p.id, p.institutionId]));
    const trainees = new Set(province.enrollments.filter((e) => projects.get(classes.get(e.classId)!) === institutionId).map((e) => e.teacherId));
    const stranger = province.teachers.find((t) => !trainees.has(t.id))!;
    const strangerCounty = province.schools.find((s) => s.id === stranger.schoolId)!.regionCode;
    const refused = await graph.query(PRE, { input: input(stranger, strangerCounty) }, own);
    expect(extensionsOf(refused)).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    const stored = await graph.stores.certification.dataSource.query('SELECT COUNT(*) AS n FROM it_pre_assessment WHERE teacher_id = ?', [stranger.id]);
    expect(Number(stored[0].n)).toBe(0);
  });

  it('refuses a certificate whose school, county or category is not the registry’s, and stores nothing', async () => {
    const { province } = fixture;
    const assessed = new Set(province.certificates.filter((c) => c.kind === 'DEVELOPMENT_ASSESSMENT').map((c) => c.teacherId));
    const teacher = province.teachers.find((t) => !assessed.has(t.id))!;
    const school = province.schools.find((s) => s.id === teacher.schoolId)!;
    const other = province.schools.find((s) => s.id !== school.id && s.regionCode === school.regionCode) ?? province.schools.find((s) => s.id !== school.id)!;
    const input = { teacherId: teacher.id, holderName: teacher.name, schoolId: school.id, regionCode: school.regionCode, schoolCategory: school.category, result: 'PASS' };
    const count = async () => Number((await graph.stores.certification.dataSource.query('SELECT COUNT(*) AS n FROM certificate WHERE teacher_id = ?', [teacher.id]))[0].n);
    const before = await count();
    expect(extensionsOf(await graph.query(DA, { input: { ...input, schoolId: other.id } }, SICHUAN_BUREAU))).toMatchObject({ code: 'PLACEMENT_MISMATCH', field: 'schoolId' });
    const category = school.category === 'VOCATIONAL' ? 'KINDERGARTEN' : 'VOCATIONAL';
    expect(extensionsOf(await graph.query(DA, { input: { ...input, schoolCategory: category } }, SICHUAN_BUREAU))).toMatchObject({ code: 'PLACEMENT_MISMATCH', field: 'schoolCategory' });
    expect(extensionsOf(await graph.query(DA, { input: { ...input, teacherId: 'no-such-teacher' } }, SICHUAN_BUREAU))).toMatchObject({ code: 'NOT_FOUND', rule: 'UNKNOWN_TEACHER' });
    expect(await count()).toBe(before);
    expect((await graph.query(DA, { input }, SICHUAN_BUREAU)).errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });

  it('checks an issuing bureau’s scope on the registry’s placement before asking for a review', async () => {
    const { teacher, school } = fixture;
    const elsewhere: Identity = { role: 'CITY_BUREAU', subject: 'c', regionCode: school.regionCode.startsWith('5101') ? '510300' : '510100' };
    const issue = `mutation($id: ID!) { issueItCompletionCertificate(teacherId: $id) { number } }`;
    expect(extensionsOf(await graph.query(issue, { id: teacher.id }, elsewhere))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    // Inside the region the scope passes and the domain answers (no review of this teacher is recorded).
    const home: Identity = { role: 'CITY_BUREAU', subject: 'c', regionCode: `${school.regionCode.slice(0, 4)}00` };
    const reviewed = await graph.stores.certification.dataSource.query('SELECT COUNT(*) AS n FROM it_completion_review WHERE teacher_id = ?', [teacher.id]);
    expect(Number(reviewed[0].n)).toBe(0);
    expect(extensionsOf(await graph.query(issue, { id: teacher.id }, home))).toMatchObject({ code: 'CITY_OFFICE_REVIEW_REQUIRED' });
  });
});
