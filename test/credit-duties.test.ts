import type { Identity } from '../kit/identity';
import { checkCharacter } from '../standards/id-number';
import { Institution } from '../subgraphs/training/entities';
import { Region, School, Teacher, TeacherPlacement } from '../subgraphs/teachers/entities';
import { startTestGraph, type TestGraph } from './support/graph';

const REGISTER = `mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { id status } }`;
const REVIEW = `mutation($id: ID!) { reviewCreditRecord(id: $id, decision: APPROVE) { status } }`;
const VERIFY = `mutation($id: ID!) { verifyCreditRecord(id: $id) { status } }`;
const REPORT = `mutation($ids: [ID!]!) { reportCreditRecords(ids: $ids) { id status } }`;
const ACCOUNT = `query($id: ID!) { teacher(id: $id) { creditAccount(year: 2024) { earned pending pendingByStatus { status credits } } } }`;

/**
 * Separation of duties through the gateway under the Jiangxi policy (the demo province is Sichuan,
 * which the national fallback judges: see test/credits-workflow.test.ts). A Jiangxi county, school,
 * teacher and two county teacher schools are added to the registry and training stores.
 */
describe('separation of duties under the Jiangxi policy (through the gateway)', () => {
  let graph: TestGraph;
  const county = '360102';
  const school: Identity = { role: 'SCHOOL_ADMIN', subject: 'jx-admin-1', schoolId: 'jx-school', regionCode: county };
  const countySchool = (subject: string): Identity => ({ role: 'INSTITUTION', subject, institutionId: 'jx-county-school' });
  const otherCountySchool: Identity = { role: 'INSTITUTION', subject: 'jx-other', institutionId: 'jx-other-county-school' };
  const jiangxi: Identity = { role: 'PROVINCE_BUREAU', subject: 'jx-province', regionCode: '360000' };
  const input = (extra: Record<string, unknown> = {}) => ({
    teacherId: 'jx-teacher',
    schoolId: 'jx-school',
    regionCode: county,
    source: 'SCHOOL_BASED',
    category: 'SCHOOL_BASED',
    credits: '6.5',
    earnedOn: '2024-05-10',
    ...extra,
  });
  const ruleOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 30 });
    const registry = graph.stores.teachers.dataSource;
    const regions = registry.getRepository(Region);
    const province = (await regions.findOneBy({ code: '510000' }))!;
    const city = (await regions.findOneBy({ code: '510100' }))!;
    const countyRow = (await regions.findOneBy({ level: 'COUNTY' as Region['level'] }))!;
    await regions.save([
      { ...province, code: '360000', name: '江西省' },
      { ...city, code: '360100', name: '南昌市', parentCode: '360000' },
      { ...countyRow, code: county, name: '东湖区', parentCode: '360100' },
      { ...countyRow, code: '360103', name: '西湖区', parentCode: '360100' },
    ]);
    const sichuanTeacher = (await registry.getRepository(Teacher).find({ take: 1 }))[0];
    const sichuanSchool = (await registry.getRepository(School).findOneBy({ id: sichuanTeacher.schoolId }))!;
    await registry.getRepository(School).save({ ...sichuanSchool, id: 'jx-school', name: '南昌市东湖区测试小学', regionCode: county });
    const first17 = '36010219850101123';
    await registry.getRepository(Teacher).save({ ...sichuanTeacher, id: 'jx-teacher', idNumber: first17 + checkCharacter(first17), schoolId: 'jx-school', regionCode: county });
    // Credits are filed where the registry places the teacher on the day earned: placed there since hire.
    await registry.getRepository(TeacherPlacement).save({ id: 'jx-teacher', teacherId: 'jx-teacher', schoolId: 'jx-school', regionCode: county, from: sichuanTeacher.hireDate, to: null });
    const institutions = graph.stores.training.dataSource.getRepository(Institution);
    const any = (await institutions.find({ take: 1 }))[0];
    await institutions.save([
      { ...any, id: 'jx-county-school', name: '南昌市东湖区教师进修学校', kind: 'COUNTY_TEACHER_SCHOOL' as Institution['kind'], regionCode: county },
      { ...any, id: 'jx-other-county-school', name: '南昌市西湖区教师进修学校', kind: 'COUNTY_TEACHER_SCHOOL' as Institution['kind'], regionCode: '360103' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await graph?.stop();
  });

  it('a school registers; its registrar may not review; another admin reviews and reports up (上报); the county teacher school verifies only what was reported', async () => {
    const registered = await graph.query(REGISTER, { input: input() }, school);
    expect(registered.errors).toBeUndefined();
    const { id } = registered.data!.registerCredit;
    expect(ruleOf(await graph.query(REVIEW, { id }, school))).toMatchObject({ code: 'FORBIDDEN', rule: 'REGISTRAR_MAY_NOT_REVIEW' });
    expect((await graph.query(REVIEW, { id }, { ...school, subject: 'jx-admin-2' })).data!.reviewCreditRecord.status).toBe('APPROVED');

    const approved = await graph.query(ACCOUNT, { id: 'jx-teacher' }, jiangxi);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.teacher.creditAccount).toEqual({
      earned: '0',
      pending: '6.5',
      pendingByStatus: [
        { status: 'REGISTERED', credits: '0' },
        { status: 'APPROVED', credits: '6.5' },
        { status: 'REPORTED', credits: '0' },
      ],
    });

    // Not yet reported up: the county teacher school may not verify it.
    expect(ruleOf(await graph.query(VERIFY, { id }, countySchool('jx-cts-verifier')))).toMatchObject({ code: 'REPORT_REQUIRED', rule: 'REPORT_REQUIRED' });
    // 上报 is the school's: another school may not, nor the county teacher school; repeating it changes nothing.
    const otherSchool: Identity = { role: 'SCHOOL_ADMIN', subject: 'jx-other-admin', schoolId: 'jx-other-school', regionCode: '360103' };
    expect(ruleOf(await graph.query(REPORT, { ids: [id] }, otherSchool))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    expect(ruleOf(await graph.query(REPORT, { ids: [id] }, countySchool('jx-cts-reporter')))).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
    const reported = await graph.query(REPORT, { ids: [id] }, { ...school, subject: 'jx-admin-2' });
    expect(reported.errors).toBeUndefined();
    expect(reported.data!.reportCreditRecords).toEqual([{ id, status: 'REPORTED' }]);
    const again = await graph.query(REPORT, { ids: [id] }, { ...school, subject: 'jx-admin-3' });
    expect(again.data!.reportCreditRecords).toEqual([{ id, status: 'REPORTED' }]);
    const history = await graph.query(`query($id: ID!) { creditRecord(id: $id) { history { actorId to } } }`, { id }, jiangxi);
    expect(history.data!.creditRecord.history.filter((h: { to: string }) => h.to === 'REPORTED')).toEqual([{ actorId: 'jx-admin-2', to: 'REPORTED' }]);
    const waiting = await graph.query(ACCOUNT, { id: 'jx-teacher' }, jiangxi);
    expect(waiting.data!.teacher.creditAccount).toEqual({
      earned: '0',
      pending: '6.5',
      pendingByStatus: [
        { status: 'REGISTERED', credits: '0' },
        { status: 'APPROVED', credits: '0' },
        { status: 'REPORTED', credits: '6.5' },
      ],
    });

    // Verified by the county teacher school of the teacher's county: another county's may not, nor may the school.
    expect(ruleOf(await graph.query(VERIFY, { id }, otherCountySchool))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    expect(ruleOf(await graph.query(VERIFY, { id }, { ...school, subject: 'jx-admin-3' }))).toMatchObject({ code: 'FORBIDDEN' });
    const byCountySchool = await graph.query(VERIFY, { id }, countySchool('jx-cts-verifier'));
    expect(byCountySchool.errors).toBeUndefined();
    expect(byCountySchool.data!.verifyCreditRecord.status).toBe('VERIFIED');
    const verified = await graph.query(ACCOUNT, { id: 'jx-teacher' }, jiangxi);
    expect(verified.data!.teacher.creditAccount).toMatchObject({ earned: '6.5', pending: '0' });
  });

  it('the county teacher school registers, reviews and verifies, each step by a different person (issue 14: one institution did all three)', async () => {
    const registrar = countySchool('jx-cts-registrar');
    const registered = await graph.query(REGISTER, { input: input({ source: 'EXTERNAL_PROGRAMME', category: 'CONCENTRATED', credits: '10' }) }, registrar);
    expect(registered.errors).toBeUndefined();
    const { id } = registered.data!.registerCredit;
    expect(ruleOf(await graph.query(REVIEW, { id }, registrar))).toMatchObject({ code: 'FORBIDDEN', rule: 'REGISTRAR_MAY_NOT_REVIEW' });
    const reviewer = countySchool('jx-cts-reviewer');
    expect((await graph.query(REVIEW, { id }, reviewer)).data!.reviewCreditRecord.status).toBe('APPROVED');
    expect(ruleOf(await graph.query(VERIFY, { id }, reviewer))).toMatchObject({ code: 'FORBIDDEN', rule: 'REVIEWER_MAY_NOT_VERIFY' });
    expect((await graph.query(VERIFY, { id }, countySchool('jx-cts-verifier'))).data!.verifyCreditRecord.status).toBe('VERIFIED');
  });

  it('an institution that is not the county teacher school registers only its own projects’ completions and takes no step here', async () => {
    const sichuanInstitution: Identity = { role: 'INSTITUTION', subject: 'sc-inst', institutionId: graph.province.institutions[0].id };
    const registered = await graph.query(REGISTER, { input: input({ source: 'TRAINING_COMPLETION', category: 'CONCENTRATED', trainingProjectId: graph.province.projects[0].id }) }, sichuanInstitution);
    expect(ruleOf(registered)).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    const record = await graph.query(REGISTER, { input: input({ credits: '1' }) }, school);
    const { id } = record.data!.registerCredit;
    expect(ruleOf(await graph.query(REVIEW, { id }, sichuanInstitution))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    expect(ruleOf(await graph.query(REVIEW, { id }, otherCountySchool))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
  });
  it('bureaus see who took which step on which credit, per actor, school and county (问责)', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const AUDIT = `query($f: CreditAuditFilter!) { creditAuditEntries(filter: $f, first: 50) { nodes { actorId actorRole to record { teacher { id } } } } }`;
    const bySchool = await graph.query(AUDIT, { f: { schoolId: 'jx-school', step: 'VERIFIED', from: today, to: today } }, jiangxi);
    expect(bySchool.errors).toBeUndefined();
    const verifiers = bySchool.data!.creditAuditEntries.nodes;
    expect(verifiers.length).toBeGreaterThan(0);
    expect(verifiers.every((n: { to: string; actorId: string }) => n.to === 'VERIFIED' && n.actorId === 'jx-cts-verifier')).toBe(true);
    const byCounty = await graph.query(AUDIT, { f: { regionCode: county, actorId: 'jx-admin-2', from: today, to: today } }, jiangxi);
    expect(byCounty.data!.creditAuditEntries.nodes.map((n: { to: string }) => n.to)).toEqual(['APPROVED', 'REPORTED']);
    const otherCounty = await graph.query(AUDIT, { f: { regionCode: '360103', from: today, to: today } }, jiangxi);
    expect(otherCounty.data!.creditAuditEntries.nodes).toEqual([]);
    // Row scope still applies: Sichuan's bureau sees none of Jiangxi's steps.
    const sichuan = await graph.query(AUDIT, { f: { schoolId: 'jx-school', from: today, to: today } });
    expect(sichuan.data!.creditAuditEntries.nodes).toEqual([]);
  });

  it('a province without the 上报 step is unaffected: reporting answers NO_REPORT_STEP and the bureau verifies the approved record directly (Sichuan, national fallback)', async () => {
    const teacher = graph.province.teachers.find((t) => t.hireDate <= '2024-05-10')!;
    const placed = graph.province.schools.find((s) => s.id === teacher.schoolId)!;
    const sichuanSchool: Identity = { role: 'SCHOOL_ADMIN', subject: 'sc-admin-1', schoolId: placed.id, regionCode: placed.regionCode };
    const sichuanCounty = (subject: string): Identity => ({ role: 'COUNTY_BUREAU', subject, regionCode: placed.regionCode });
    const registered = await graph.query(
      REGISTER,
      { input: { teacherId: teacher.id, schoolId: placed.id, regionCode: placed.regionCode, source: 'SCHOOL_BASED', category: 'SCHOOL_BASED', credits: '3', earnedOn: '2024-05-10' } },
      sichuanSchool,
    );
    expect(registered.errors).toBeUndefined();
    const { id } = registered.data!.registerCredit;
    expect((await graph.query(REVIEW, { id }, { ...sichuanSchool, subject: 'sc-admin-2' })).data!.reviewCreditRecord.status).toBe('APPROVED');
    expect(ruleOf(await graph.query(REPORT, { ids: [id] }, { ...sichuanSchool, subject: 'sc-admin-2' }))).toMatchObject({ code: 'NO_REPORT_STEP', rule: 'NO_REPORT_STEP' });
    const policy = await graph.query(`query($id: ID!) { creditRecord(id: $id) { status policy { reportRoles } } }`, { id });
    expect(policy.data!.creditRecord).toEqual({ status: 'APPROVED', policy: { reportRoles: [] } });
    expect((await graph.query(VERIFY, { id }, sichuanCounty('sc-county-verifier'))).data!.verifyCreditRecord.status).toBe('VERIFIED');
  });

  it('Jiangxi’s policy names the reporting role as data', async () => {
    const policy = await graph.query(`{ creditPolicy(id: "jiangxi-county-practice") { reportRoles verifyRoles } }`);
    expect(policy.data!.creditPolicy).toEqual({ reportRoles: ['SCHOOL_ADMIN'], verifyRoles: ['INSTITUTION'] });
  });
});

