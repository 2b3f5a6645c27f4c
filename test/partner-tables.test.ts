import ExcelJS from 'exceljs';
import type { Identity } from '../kit/identity';
import { SICHUAN_BUREAU } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';
import { stagesOfSchoolType } from '../subgraphs/teachers/rules/schools';
import { freshIdNumber, passListXlsx } from './support/mutations';

/**
 * Issue 16, deliverable 3: the Sichuan notice's partner-programme tables through the gateway.
 * Sichuan notice (as domain.md gives it): "the summary sheet (附表) gives, per project, county and
 * year 2014–2017, 分配人数 (passed, as sent down) and 核实人数 (verified)"; "The county's feedback
 * sheet has 县(市、区), 年度, 序号, 教师姓名, 身份证号码, 联系电话, 所在学校, 备注, keeps the list's
 * order and appends new rows". Whose 身份证号 a row holds and the county they teach in are the
 * registry's facts: a row that differs is refused at import, and the county's verification files
 * the teacher where the registry places them today.
 */

function ok<T = Record<string, any>>(result: GraphQLResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function sheetRows(base64: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('partner-programme tables through the gateway (MariaDB)', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 60 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('serves 附表 (分配人数 vs 核实人数 per project, year, county) and the county feedback sheet in the list order', async () => {
    const { teachers, schools } = graph.province;
    const school = new Map(schools.map((s) => [s.id, s]));
    const county = school.get(teachers[0].schoolId)!.regionCode;
    const inCounty = teachers.filter((t) => school.get(t.schoolId)!.regionCode === county).slice(0, 3);
    expect(inCounty).toHaveLength(3);
    const row = (t: (typeof inCounty)[number]) => ({ name: t.name, idNumber: t.idNumber, regionCode: county });
    const IMPORT = `mutation($input: ImportPassListInput!) { importPartnerPassList(input: $input) { id year entries { id position } } }`;
    const first = ok(await graph.query(IMPORT, { input: { programme: '中国移动', regionCode: '510000', year: 2015, xlsxBase64: await passListXlsx(inCounty.slice(0, 2).map(row)) } }, SICHUAN_BUREAU));
    const listId = first.importPartnerPassList.id;
    expect(first.importPartnerPassList.year).toBe(2015);
    const appended = ok(
      await graph.query(IMPORT, { input: { listId, programme: '中国移动', regionCode: '510000', xlsxBase64: await passListXlsx([row(inCounty[2])]) } }, SICHUAN_BUREAU),
    ).importPartnerPassList.entries;

    const bureau: Identity = { role: 'COUNTY_BUREAU', subject: 'county', regionCode: county };
    const [e1, , e3] = appended as { id: string; position: number }[];
    const t = inCounty[0];
    ok(
      await graph.query(
        `mutation($input: VerifyPassEntryInput!) { verifyPartnerPassEntry(input: $input) { status } }`,
        { input: { entryId: e1.id, idNumberSeen: t.idNumber, certificateNumberSeen: 'CM-2024-1', teacherId: t.id, schoolId: t.schoolId, schoolCategory: school.get(t.schoolId)!.category } },
        bureau,
      ),
    );
    ok(await graph.query(`mutation($id: ID!) { rejectPartnerPassEntry(entryId: $id, reason: "未到场") { status } }`, { id: e3.id }, bureau));

    const summary = ok(await graph.query(`query($r: ID!) { partnerPassSummary(regionCode: $r) { rows { programme year regionCode allocated verified } xlsx { content } } }`, { r: county }, bureau))
      .partnerPassSummary;
    expect(summary.rows).toEqual([{ programme: '中国移动', year: 2015, regionCode: county, allocated: 3, verified: 1 }]);
    expect(await sheetRows(summary.xlsx.content)).toEqual([
      ['项目', '年度', '县(市、区)', '分配人数', '核实人数'],
      ['中国移动', 2015, county, 3, 1],
    ]);

    const sheet = ok(await graph.query(`query($id: ID!, $r: ID!) { partnerPassList(id: $id) { feedbackSheet(regionCode: $r) { content } } }`, { id: listId, r: county }, bureau))
      .partnerPassList.feedbackSheet;
    const rows = await sheetRows(sheet.content);
    expect(rows[0]).toEqual(['县(市、区)', '年度', '序号', '教师姓名', '身份证号码', '联系电话', '所在学校', '备注']);
    expect(rows.slice(1).map((r) => [r[2], r[3], r[4], r[7]])).toEqual([
      [1, inCounty[0].name, inCounty[0].idNumber, '已核实'],
      [2, inCounty[1].name, inCounty[1].idNumber, ''],
      [3, inCounty[2].name, inCounty[2].idNumber, '未核实'],
    ]);

    const otherCounty: Identity = { role: 'COUNTY_BUREAU', subject: 'other', regionCode: schools.find((s) => s.regionCode.slice(0, 4) !== county.slice(0, 4))!.regionCode };
    const refused = await graph.query(`query($id: ID!, $r: ID!) { partnerPassList(id: $id) { feedbackSheet(regionCode: $r) { content } } }`, { id: listId, r: county }, otherCounty);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('takes a lost certificate through the explanation stamped county → city → province', async () => {
    // Sichuan notice (domain.md): "Lost certificate: the issuing institution reissues it, or the teacher gets an
    // explanation stamped level by level, gathered per city and sent to the province office."
    const { certificates, teachers, schools } = graph.province;
    const certificate = certificates.find((c) => c.status === 'ISSUED')!;
    const county = schools.find((s) => s.id === teachers.find((t) => t.id === certificate.teacherId)!.schoolId)!.regionCode;
    const at = (role: Identity['role'], regionCode: string): Identity => ({ role, subject: `test-${role}`, regionCode });
    const EXPLAIN = `mutation($n: ID!) { explainLostCertificate(number: $n, statement: "2016年搬家时遗失") { id stamps { level } nextStamp } }`;
    const STAMP = `mutation($id: ID!) { stampLostCertificateExplanation(id: $id) { stamps { level stampedBy } nextStamp } }`;
    const filed = ok(await graph.query(EXPLAIN, { n: certificate.number }, at('COUNTY_BUREAU', county))).explainLostCertificate;
    expect(filed).toMatchObject({ stamps: [{ level: 'COUNTY' }], nextStamp: 'CITY' });
    const early = await graph.query(STAMP, { id: filed.id }, at('PROVINCE_BUREAU', `${county.slice(0, 2)}0000`));
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'STAMP_OUT_OF_ORDER', next: 'CITY' });
    ok(await graph.query(STAMP, { id: filed.id }, at('CITY_BUREAU', `${county.slice(0, 4)}00`)));
    const done = ok(await graph.query(STAMP, { id: filed.id }, at('PROVINCE_BUREAU', `${county.slice(0, 2)}0000`))).stampLostCertificateExplanation;
    expect(done.stamps.map((s: { level: string }) => s.level)).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
    expect(done.nextStamp).toBeNull();
    const listed = ok(await graph.query(`query($n: ID!) { certificate(number: $n) { lostExplanations { statement nextStamp } } }`, { n: certificate.number }, SICHUAN_BUREAU));
    expect(listed.certificate.lostExplanations).toEqual([{ statement: '2016年搬家时遗失', nextStamp: null }]);
  });

  it('serves 附件3 with the category split, 省级及以上项目需求数 and 市县级培训计划数 per row, and 备注', async () => {
    // Sichuan notice (domain.md): "附件3: per county, teachers by 幼儿园 / 中小学 / 职业中学, trained, untrained = gap,
    // 省级及以上项目需求数, 市县级培训计划数, 备注"; demand split 20 % provincial / 80 % city and county.
    const plan = ok(await graph.query(`{ region(code: "510100") { itProgramPlan(year: 2024) { rows { regionCode untrained } attachment3Xlsx { content } } } }`, {}, SICHUAN_BUREAU))
      .region.itProgramPlan;
    const rows = await sheetRows(plan.attachment3Xlsx.content);
    expect(rows[1]).toEqual(['地区代码', '县(市、区)', '幼儿园', '中小学', '职业中学', '合计', '已培训', '未培训(缺口)', '省级及以上项目需求数', '市县级培训计划数', '备注']);
    const body = rows.slice(2) as number[][];
    expect(body.map((r) => r[0])).toEqual(plan.rows.map((r: { regionCode: string }) => r.regionCode));
    for (const r of body) {
      expect(r[2] + r[3] + r[4]).toBe(r[5]);
      expect(r[6] + r[7]).toBe(r[5]);
      expect(r[8] + r[9]).toBe(r[7]);
      expect(Math.abs(r[8] - r[7] * 0.2)).toBeLessThan(1);
    }
    expect(body.some((r) => r[7] > 0)).toBe(true);
  });

  const IMPORT_LIST = `mutation($input: ImportPassListInput!) { importPartnerPassList(input: $input) { id entries { id position } } }`;
  const VERIFY = `mutation($input: VerifyPassEntryInput!) { verifyPartnerPassEntry(input: $input) { status } }`;

  it("refuses a pass list whose rows name another county than the registry's or an unknown 身份证号, listing every row, storing nothing", async () => {
    const { teachers, schools } = graph.province;
    const countyOf = new Map(schools.map((s) => [s.id, s.regionCode]));
    const [a, b] = teachers;
    const otherCounty = schools.map((s) => s.regionCode).find((code) => code !== countyOf.get(b.schoolId))!;
    const stored = async () => Number((await graph.stores.certification.dataSource.query('SELECT COUNT(*) AS n FROM partner_pass_entry'))[0].n);
    const before = await stored();
    const rows = [
      { name: a.name, idNumber: a.idNumber, regionCode: countyOf.get(a.schoolId)! },
      { name: b.name, idNumber: b.idNumber, regionCode: otherCounty },
      { name: '查无此人', idNumber: freshIdNumber(), regionCode: countyOf.get(a.schoolId)! },
    ];
    const refused = await graph.query(IMPORT_LIST, { input: { programme: '中国移动', regionCode: '510000', year: 2016, content: await passListXlsx(rows) } }, SICHUAN_BUREAU);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'PASS_LIST_REGISTRY_MISMATCH',
      rows: [
        { row: 3, column: '县区代码', rule: 'PLACEMENT_MISMATCH', reason: `the registry places this teacher in county ${countyOf.get(b.schoolId)}, not ${otherCounty}` },
        { row: 4, column: '身份证号', rule: 'UNKNOWN_TEACHER', reason: expect.any(String) },
      ],
    });
    // The numbers are the importer's: never echoed back.
    expect(JSON.stringify(refused.errors)).not.toContain(b.idNumber);
    expect(await stored()).toBe(before);
  });

  it('answers a retried import with the list it stored, though the registry has moved a teacher since', async () => {
    const { teachers, schools } = graph.province;
    const bySchool = new Map(schools.map((s) => [s.id, s]));
    const teacher = teachers[20];
    const from = bySchool.get(teacher.schoolId)!;
    const input = { programme: '中国电信', regionCode: '510000', year: 2017, content: await passListXlsx([{ name: teacher.name, idNumber: teacher.idNumber, regionCode: from.regionCode }]) };
    const KEYED = `mutation($input: ImportPassListInput!, $key: String) { importPartnerPassList(input: $input, idempotencyKey: $key) { id entries { id } } }`;
    const first = ok(await graph.query(KEYED, { input, key: 'retry-after-transfer' }, SICHUAN_BUREAU)).importPartnerPassList;
    const to = schools.find((s) => s.regionCode !== from.regionCode)!;
    const moved = `mutation($id: ID!, $school: ID!, $stage: TeachingStage) { transferTeacher(id: $id, schoolId: $school, stage: $stage) { id } }`;
    ok(await graph.query(moved, { id: teacher.id, school: to.id, stage: stagesOfSchoolType(to.type)[0] }, SICHUAN_BUREAU));
    // The same import without the key is judged on the registry's facts of today...
    expect((await graph.query(IMPORT_LIST, { input }, SICHUAN_BUREAU)).errors?.[0]?.extensions?.code).toBe('PASS_LIST_REGISTRY_MISMATCH');
    // ...and the retry of the first call gets the first call's answer, nothing stored twice.
    expect(ok(await graph.query(KEYED, { input, key: 'retry-after-transfer' }, SICHUAN_BUREAU)).importPartnerPassList).toEqual(first);
    const [{ n }] = await graph.stores.certification.dataSource.query('SELECT COUNT(*) AS n FROM partner_pass_entry WHERE list_id = ?', [first.id]);
    expect(Number(n)).toBe(1);
  });

  it("verifies a row with the registry's teacher, school and category today, not the ones named, and not a teacher moved away", async () => {
    const { teachers, schools } = graph.province;
    const bySchool = new Map(schools.map((s) => [s.id, s]));
    const [stays, moves] = teachers.slice(10, 12);
    const home = bySchool.get(stays.schoolId)!;
    const left = bySchool.get(moves.schoolId)!;
    const rows = [stays, moves].map((t) => ({ name: t.name, idNumber: t.idNumber, regionCode: bySchool.get(t.schoolId)!.regionCode }));
    const imported = ok(await graph.query(IMPORT_LIST, { input: { programme: '中国移动', regionCode: '510000', year: 2016, content: await passListXlsx(rows) } }, SICHUAN_BUREAU))
      .importPartnerPassList;
    const [first, second] = imported.entries as { id: string }[];
    // Moved to another county after the import: the row's county is no longer the registry's.
    const to = schools.find((s) => s.regionCode !== left.regionCode)!;
    const moved = `mutation($id: ID!, $school: ID!, $stage: TeachingStage) { transferTeacher(id: $id, schoolId: $school, stage: $stage) { id } }`;
    ok(await graph.query(moved, { id: moves.id, school: to.id, stage: stagesOfSchoolType(to.type)[0] }, SICHUAN_BUREAU));

    const county: Identity = { role: 'COUNTY_BUREAU', subject: 'county', regionCode: home.regionCode };
    const seen = { entryId: first.id, idNumberSeen: stays.idNumber, certificateNumberSeen: 'CM-2024-1' };
    const otherSchool = schools.find((s) => s.id !== home.id)!;
    const wrongSchool = await graph.query(VERIFY, { input: { ...seen, teacherId: stays.id, schoolId: otherSchool.id, schoolCategory: home.category } }, county);
    expect(wrongSchool.errors?.[0]?.extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', field: 'schoolId' });
    const wrongTeacher = await graph.query(VERIFY, { input: { ...seen, teacherId: moves.id, schoolId: home.id, schoolCategory: home.category } }, county);
    expect(wrongTeacher.errors?.[0]?.extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', field: 'teacherId' });
    // The deprecated fields left out: the registry's teacher, school and category are filed.
    expect(ok(await graph.query(VERIFY, { input: seen }, county)).verifyPartnerPassEntry.status).toBe('COUNTY_VERIFIED');
    const [filed] = await graph.stores.certification.dataSource.query('SELECT teacher_id, school_id, school_category FROM partner_pass_entry WHERE id = ?', [first.id]);
    expect(filed).toEqual({ teacher_id: stays.id, school_id: home.id, school_category: home.category });

    const leftCounty: Identity = { role: 'COUNTY_BUREAU', subject: 'left-county', regionCode: left.regionCode };
    const gone = await graph.query(
      VERIFY,
      { input: { entryId: second.id, idNumberSeen: moves.idNumber, certificateNumberSeen: 'CM-2024-2', teacherId: moves.id, schoolId: left.id, schoolCategory: left.category } },
      leftCounty,
    );
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', field: 'entryId' });
    // Where the teacher went is not the old county's to learn.
    expect(gone.errors![0].message).not.toContain(to.regionCode);
  });
});
