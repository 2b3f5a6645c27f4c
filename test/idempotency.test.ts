import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type { Identity } from '../kit/identity';
import { startTestGraph, type TestGraph } from './support/graph';
import { freshIdNumber, passListXlsx } from './support/mutations';

const REGISTER = `mutation($input: RegisterCreditInput!, $key: String) { registerCredit(input: $input, idempotencyKey: $key) { id } }`;

describe('idempotent creates (MariaDB)', () => {
  let graph: TestGraph;
  let school: Identity;
  let input: Record<string, unknown>;
  const stored = async (teacherId: string) =>
    Number((await graph.stores.credits.dataSource.query('SELECT COUNT(*) AS n FROM credit_record WHERE teacher_id = ? AND earned_on = ?', [teacherId, '2025-06-01']))[0].n);

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 60 });
    const teacher = graph.province.teachers[0];
    const placed = graph.province.schools.find((s) => s.id === teacher.schoolId)!;
    school = { role: 'SCHOOL_ADMIN', subject: 'school-admin-idem', schoolId: placed.id, regionCode: placed.regionCode };
    input = { teacherId: teacher.id, schoolId: placed.id, regionCode: placed.regionCode, source: 'SCHOOL_BASED', category: 'SCHOOL_BASED', offlineHours: '3', earnedOn: '2025-06-01' };
  }, 120_000);

  afterAll(async () => {
    await graph?.stop();
  });

  it('50 concurrent identical registerCredit calls with one key store one record, and every call gets it back', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 50 }, () => graph.query(REGISTER, { input, key }, school)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    const ids = new Set(answers.map((a) => a.data!.registerCredit.id));
    expect(ids.size).toBe(1);
    expect(await stored(input.teacherId as string)).toBe(1);
    const again = await graph.query(REGISTER, { input, key }, school);
    expect(again.data!.registerCredit.id).toBe([...ids][0]);
    expect(await stored(input.teacherId as string)).toBe(1);
  }, 120_000);

  it('refuses the same key with another payload, storing nothing', async () => {
    const key = randomUUID();
    expect((await graph.query(REGISTER, { input, key }, school)).errors).toBeUndefined();
    const before = await stored(input.teacherId as string);
    const reused = await graph.query(REGISTER, { input: { ...input, offlineHours: '5' }, key }, school);
    expect(reused.errors![0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    expect(await stored(input.teacherId as string)).toBe(before);
  });

  it('keeps keys per caller, and stores a record per call without a key', async () => {
    const key = randomUUID();
    const before = await stored(input.teacherId as string);
    const first = await graph.query(REGISTER, { input, key }, school);
    const other = await graph.query(REGISTER, { input, key }, { ...school, subject: 'another-admin' });
    expect(other.data!.registerCredit.id).not.toBe(first.data!.registerCredit.id);
    await graph.query(REGISTER, { input }, school);
    await graph.query(REGISTER, { input }, school);
    expect(await stored(input.teacherId as string)).toBe(before + 4);
  });
  it('registers a teacher once under 20 concurrent calls with one key (registerTeacher), and refuses the key for another teacher', async () => {
    const REGISTER_TEACHER = `mutation($input: RegisterTeacherInput!, $key: String) { registerTeacher(input: $input, idempotencyKey: $key) { id } }`;
    const template = graph.province.teachers[1];
    const teacher = { idNumber: freshIdNumber(), name: '幂等测试', schoolId: school.schoolId, stage: template.stage, subject: '语文', hireDate: '2015-09-01' };
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(REGISTER_TEACHER, { input: teacher, key }, school)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.registerTeacher.id)).size).toBe(1);
    const rows = await graph.stores.teachers.dataSource.query('SELECT COUNT(*) AS n FROM teacher WHERE id_number = ?', [teacher.idNumber]);
    expect(Number(rows[0].n)).toBe(1);
    const other = await graph.query(REGISTER_TEACHER, { input: { ...teacher, idNumber: freshIdNumber() }, key }, school);
    expect(other.errors![0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  }, 120_000);

  it('records one spot check under 20 concurrent calls with one key (training: recordSpotCheck)', async () => {
    const RECORD = `mutation($input: SpotCheckInput!, $key: String) { recordSpotCheck(input: $input, idempotencyKey: $key) { id } }`;
    const system: Identity = { role: 'SYSTEM', subject: 'spot-check-idem' };
    const institutionId = graph.province.institutions[0].id;
    const findings = `幂等抽查 ${randomUUID()}`;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(RECORD, { input: { institutionId, result: 'PASSED', findings }, key }, system)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.recordSpotCheck.id)).size).toBe(1);
    const rows = await graph.stores.training.dataSource.query('SELECT COUNT(*) AS n FROM spot_check WHERE findings = ?', [findings]);
    expect(Number(rows[0].n)).toBe(1);
    const other = await graph.query(RECORD, { input: { institutionId, result: 'FAILED', findings }, key }, system);
    expect(other.errors![0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
  }, 120_000);

  it('issues one certificate under 20 concurrent calls with one key (certification: issueDevelopmentAssessmentCertificate)', async () => {
    const ISSUE = `mutation($input: DevelopmentAssessmentInput!, $key: String) { issueDevelopmentAssessmentCertificate(input: $input, idempotencyKey: $key) { number } }`;
    const system: Identity = { role: 'SYSTEM', subject: 'issuer-idem' };
    const certified = new Set(graph.province.certificates.map((c) => c.teacherId));
    const teacher = graph.province.teachers.find((t) => !certified.has(t.id))!;
    const school = graph.province.schools.find((s) => s.id === teacher.schoolId)!;
    const input = { teacherId: teacher.id, holderName: teacher.name, schoolId: school.id, regionCode: school.regionCode, schoolCategory: school.category, result: 'PASS' };
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(ISSUE, { input, key }, system)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.issueDevelopmentAssessmentCertificate.number)).size).toBe(1);
    const rows = await graph.stores.certification.dataSource.query("SELECT COUNT(*) AS n FROM certificate WHERE teacher_id = ? AND kind = 'DEVELOPMENT_ASSESSMENT'", [teacher.id]);
    expect(Number(rows[0].n)).toBe(1);
    const other = await graph.query(ISSUE, { input: { ...input, result: 'EXCELLENT' }, key }, system);
    expect(other.errors![0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  }, 120_000);

  it('files one lost-certificate explanation under 20 concurrent calls with one key (certification: explainLostCertificate)', async () => {
    const EXPLAIN = `mutation($number: ID!, $statement: String!, $key: String) { explainLostCertificate(number: $number, statement: $statement, idempotencyKey: $key) { id } }`;
    const system: Identity = { role: 'SYSTEM', subject: 'explainer-idem' };
    const { number } = graph.province.certificates.find((c) => c.status === 'ISSUED')!;
    const key = randomUUID();
    const statement = `证书遗失，特此说明 ${key}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(EXPLAIN, { number, statement, key }, system)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.explainLostCertificate.id)).size).toBe(1);
    const rows = await graph.stores.certification.dataSource.query('SELECT COUNT(*) AS n FROM lost_certificate_explanation WHERE statement = ?', [statement]);
    expect(Number(rows[0].n)).toBe(1);
  }, 120_000);

  it('stores one statistics table under 20 concurrent calls with one key (teachers: submitStatisticsTable)', async () => {
    const SUBMIT = `mutation($input: SubmitStatisticsTableInput!, $key: String) { submitStatisticsTable(input: $input, idempotencyKey: $key) { stored tableId rows } }`;
    const system: Identity = { role: 'SYSTEM', subject: 'statistics-idem' };
    const [a, b] = graph.province.regions.filter((r) => r.level === 'CITY');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('附件1');
    sheet.addRow(['地区代码', '市（州）/县（区）', '幼儿园', '中小学', '中职', '合计', '已培训', '未培训(下年任务)', '培训率(%)']);
    sheet.addRow([a.code, a.name, 10, 80, 10, 100, 60, 40]);
    sheet.addRow([b.code, b.name, 5, 40, 5, 50, 25, 25]);
    const input = { regionCode: '510000', year: 2019, xlsxBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
    const tables = async () => Number((await graph.stores.teachers.dataSource.query('SELECT COUNT(*) AS n FROM statistics_table WHERE year = 2019'))[0].n);
    const before = await tables();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(SUBMIT, { input, key }, system)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(answers.map((a) => a.data!.submitStatisticsTable)).toEqual(Array(20).fill({ stored: true, tableId: answers[0].data!.submitStatisticsTable.tableId, rows: 2 }));
    expect(await tables()).toBe(before + 1);
    const other = await graph.query(SUBMIT, { input: { ...input, year: 2020 }, key }, system);
    expect(other.errors![0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  }, 120_000);

  it('reissues a lost certificate once under 20 concurrent calls with one key (certification: reissueCertificate)', async () => {
    const REISSUE = `mutation($number: ID!, $key: String) { reissueCertificate(number: $number, reason: "遗失", idempotencyKey: $key) { number replaces { number } } }`;
    const system: Identity = { role: 'SYSTEM', subject: 'reissuer-idem' };
    // Not the one explainLostCertificate used above: the last issued certificate.
    const { number } = graph.province.certificates.filter((c) => c.status === 'ISSUED').at(-1)!;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(REISSUE, { number, key }, system)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.reissueCertificate.number)).size).toBe(1);
    const rows = await graph.stores.certification.dataSource.query('SELECT COUNT(*) AS n FROM certificate WHERE replaces_number = ?', [number]);
    expect(Number(rows[0].n)).toBe(1);
  }, 120_000);

  it('answers a repeated pass-list import and policy revision with the first call’s record (importPartnerPassList, reviseTrainingPolicy)', async () => {
    const IMPORT = `mutation($input: ImportPassListInput!, $key: String) { importPartnerPassList(input: $input, idempotencyKey: $key) { id entries { id } } }`;
    const teacher = graph.province.teachers[2];
    const school = graph.province.schools.find((s) => s.id === teacher.schoolId)!;
    const input = { programme: '中国移动', regionCode: '510000', xlsxBase64: await passListXlsx([{ name: teacher.name, idNumber: teacher.idNumber, regionCode: school.regionCode }]) };
    const key = randomUUID();
    const [first, second] = await Promise.all([graph.query(IMPORT, { input, key }), graph.query(IMPORT, { input, key })]);
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(first.data!.importPartnerPassList.entries).toHaveLength(1);

    const REVISE = `mutation($input: ReviseTrainingPolicyInput!, $key: String) { reviseTrainingPolicy(input: $input, idempotencyKey: $key) { id } }`;
    const revision = {
      provinceCode: '51',
      name: '幂等修订',
      citation: 'Idempotency test revision (not a real notice)',
      effectiveFrom: '2098-01-01',
      scheduleLeadDays: 6,
      sources: [{ field: 'scheduleLeadDays', source: 'Test data.', confirmed: false }],
    };
    const revisionKey = randomUUID();
    const revised = await Promise.all(Array.from({ length: 5 }, () => graph.query(REVISE, { input: revision, key: revisionKey }, { role: 'SYSTEM', subject: 'reviser-idem' })));
    expect(revised.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(revised.map((a) => a.data!.reviseTrainingPolicy.id)).size).toBe(1);
    const versions = await graph.stores.training.dataSource.query("SELECT COUNT(*) AS n FROM training_policy WHERE effective_from = '2098-01-01'");
    expect(Number(versions[0].n)).toBe(1);
  }, 120_000);
});

