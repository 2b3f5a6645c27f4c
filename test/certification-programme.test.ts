import ExcelJS from 'exceljs';
import type { Identity } from '../kit/identity';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';
import { SICHUAN_BUREAU } from './support/auth';

/** Coverage, targets, plan and their xlsx exports; the partner-programme pass list flow with scopes. */

async function readSheet(base64: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

function rate(trained: number, total: number): string | null {
  if (total === 0) return null;
  const bp = Math.floor((trained * 20000 + total) / (2 * total));
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

describe.each(BACKENDS)('IT programme coverage and partner programmes on %s', (backend) => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 150 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  function handCoverage(prefix: string) {
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    const trainedIds = new Set(
      graph.province.certificates.filter((c) => c.kind === 'IT_CAPABILITY_COMPLETION' && c.status === 'ISSUED').map((c) => c.teacherId),
    );
    const cells = { KINDERGARTEN: [0, 0], PRIMARY_AND_SECONDARY: [0, 0], VOCATIONAL: [0, 0] } as Record<string, [number, number]>;
    for (const t of graph.province.teachers) {
      const school = schools.get(t.schoolId)!;
      if (!school.regionCode.startsWith(prefix) || !(school.category in cells)) continue;
      cells[school.category][0] += 1;
      if (trainedIds.has(t.id)) cells[school.category][1] += 1;
    }
    const cell = ([total, trained]: [number, number]) => ({ total, trained, untrained: total - trained, rate: rate(trained, total) });
    const all: [number, number] = [0, 1].map((i) => Object.values(cells).reduce((s, c) => s + c[i], 0)) as [number, number];
    return { kindergarten: cell(cells.KINDERGARTEN), primaryAndSecondary: cell(cells.PRIMARY_AND_SECONDARY), vocational: cell(cells.VOCATIONAL), all: cell(all) };
  }

  const CELL = 'total trained untrained rate';
  const COVERAGE = `kindergarten { ${CELL} } primaryAndSecondary { ${CELL} } vocational { ${CELL} } all { ${CELL} }`;

  it('matches hand-computed coverage for the province and every city', async () => {
    const result = await graph.query(
      `{ region(code: "510000") { itProgramCoverage { regionCode ${COVERAGE} } children { code itProgramCoverage { ${COVERAGE} } } } }`,
      {},
      { role: 'ANALYST', subject: 'analyst' },
    );
    expect(result.errors).toBeUndefined();
    const region = result.data!.region;
    expect(region.itProgramCoverage).toEqual({ regionCode: '510000', ...handCoverage('51') });
    expect(region.itProgramCoverage.all.trained).toBeGreaterThan(0);
    for (const child of region.children) expect(child.itProgramCoverage).toEqual(handCoverage(child.code.slice(0, 4)));
    const anonymous = await graph.query(`{ region(code: "510000") { itProgramCoverage { all { total } } } }`, {}, null);
    expect(anonymous.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('exports the coverage table as xlsx, read back with exceljs', async () => {
    const result = await graph.query(`{ region(code: "510000") { name itProgramCoverageXlsx { filename content } children { code } } }`);
    expect(result.errors).toBeUndefined();
    const rows = await readSheet(result.data!.region.itProgramCoverageXlsx.content);
    expect(result.data!.region.itProgramCoverageXlsx.filename).toBe('it-coverage-510000.xlsx');
    expect(rows[1]).toEqual(['地区代码', '市(州)/县(区)', '幼儿园', '中小学', '中职', '合计', '已培训', '未培训(下年任务)', '培训率(%)']);
    const province = handCoverage('51');
    expect(rows[2].slice(2, 8)).toEqual([
      province.kindergarten.total,
      province.primaryAndSecondary.total,
      province.vocational.total,
      province.all.total,
      province.all.trained,
      province.all.untrained,
    ]);
    expect(rows[2][8]).toBe(Number(province.all.rate));
    expect(rows).toHaveLength(3 + result.data!.region.children.length);
    const chengdu = rows.find((r) => r[0] === '510100')!;
    expect(chengdu[6]).toBe(handCoverage('5101').all.trained);
  });

  it('tracks targets and splits the plan 20/80 over counties, exported as xlsx', async () => {
    const set = await graph.query(
      `mutation { setItProgramTarget(input: { regionCode: "510100", year: 2026, kind: RATE, value: "30", aim: "40", source: "test notice" }) { value aim } }`,
      {},
      { role: 'CITY_BUREAU', subject: 'c', regionCode: '510100' },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.setItProgramTarget).toEqual({ value: '30.00', aim: '40.00' });
    const outside = await graph.query(
      `mutation { setItProgramTarget(input: { regionCode: "510300", year: 2026, kind: COUNT, value: "10", source: "x" }) { value } }`,
      {},
      { role: 'CITY_BUREAU', subject: 'c', regionCode: '510100' },
    );
    expect(outside.errors![0].extensions!.code).toBe('FORBIDDEN');

    const result = await graph.query(
      `{ region(code: "510100") { itProgramTargets { met requiredTeachers trained shortfall } itProgramPlan(year: 2023) { totalDemand provincial cityAndCounty rows { regionCode untrained planned executed } xlsx { content } } children { code } } }`,
    );
    expect(result.errors).toBeUndefined();
    const chengdu = handCoverage('5101');
    const required = Math.ceil((chengdu.all.total * 30) / 100);
    expect(result.data!.region.itProgramTargets).toEqual([
      { met: chengdu.all.trained >= required, requiredTeachers: required, trained: chengdu.all.trained, shortfall: Math.max(0, required - chengdu.all.trained) },
    ]);
    const plan = result.data!.region.itProgramPlan;
    expect(plan.totalDemand).toBe(chengdu.all.untrained);
    expect(plan.provincial).toBe(Math.round(chengdu.all.untrained / 5));
    expect(plan.provincial + plan.cityAndCounty).toBe(plan.totalDemand);
    expect(plan.rows.reduce((s: number, r: { planned: number }) => s + r.planned, 0)).toBe(plan.cityAndCounty);
    expect(plan.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(result.data!.region.children.map((c: { code: string }) => c.code));
    const executed2023 = graph.province.certificates.filter(
      (c) => c.kind === 'IT_CAPABILITY_COMPLETION' && c.replacesNumber === null && c.status !== 'REVOKED' && c.issuedOn.startsWith('2023') &&
        graph.province.schools.find((s) => s.id === graph.province.teachers.find((t) => t.id === c.teacherId)!.schoolId)!.regionCode.startsWith('5101'),
    ).length;
    expect(plan.rows.reduce((s: number, r: { executed: number }) => s + r.executed, 0)).toBe(executed2023);
    const rows = await readSheet(plan.xlsx.content);
    expect(rows[1]).toEqual(['培训需求', plan.totalDemand, '省级 20%', plan.provincial, '市县 80%', plan.cityAndCounty]);
    expect(rows.slice(3).map((r) => [r[0], r[3], r[4]])).toEqual(plan.rows.map((r: any) => [r.regionCode, r.planned, r.executed]));
  });

  it('runs a partner pass list: import, county verification, city aggregation, province approval, printable certificate', async () => {
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    const bySchoolRegion = (t: (typeof graph.province.teachers)[number]) => schools.get(t.schoolId)!.regionCode;
    const countyA = bySchoolRegion(graph.province.teachers[0]);
    const inA = graph.province.teachers.filter((t) => bySchoolRegion(t) === countyA).slice(0, 2);
    const other = graph.province.teachers.find((t) => !bySchoolRegion(t).startsWith(countyA.slice(0, 4)))!;
    const listed = [inA[0], other, ...inA.slice(1)];
    const xlsx = async (teachers: typeof listed, start: number) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('合格名单');
      sheet.addRow(['序号', '姓名', '身份证号', '县区代码', '证书编号']);
      teachers.forEach((t, i) => sheet.addRow([start + i, t.name, t.idNumber, bySchoolRegion(t), `CM-2016-${start + i}`]));
      return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    };
    const IMPORT = `mutation($input: ImportPassListInput!) { importPartnerPassList(input: $input) { id entries { position name idNumber status } } }`;
    const county: Identity = { role: 'COUNTY_BUREAU', subject: 'county', regionCode: countyA };
    const refused = await graph.query(IMPORT, { input: { programme: '中国移动', regionCode: '510000', xlsxBase64: await xlsx(listed, 1) } }, county);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    const imported = await graph.query(IMPORT, { input: { programme: '中国移动', regionCode: '510000', year: 2016, content: await xlsx(listed, 1) } }, SICHUAN_BUREAU);
    expect(imported.errors).toBeUndefined();
    const listId = imported.data!.importPartnerPassList.id;
    const otherYear = await graph.query(IMPORT, { input: { listId, programme: '中国移动', regionCode: '510000', year: 2017, content: await xlsx([inA[0]], 4) } }, SICHUAN_BUREAU);
    expect(otherYear.errors![0].extensions!.rule).toBe('PASS_YEAR_MISMATCH');
    const appended = await graph.query(
      IMPORT,
      { input: { listId, programme: '中国移动', regionCode: '510000', xlsxBase64: await xlsx([inA[0]], 4) } },
      SICHUAN_BUREAU,
    );
    const entries = appended.data!.importPartnerPassList.entries;
    expect(entries.map((e: { name: string }) => e.name)).toEqual([...listed, inA[0]].map((t) => t.name));
    expect(entries.map((e: { position: number }) => e.position)).toEqual([1, 2, 3, 4]);
    expect(entries[0].idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);

    const LIST = `query($id: ID!) { partnerPassList(id: $id) { entries { id position name status certificate { number status issuer issuedOn printable } } audit { action actorRole before after } } }`;
    const countyView = await graph.query(LIST, { id: listId }, county);
    const countyEntries = countyView.data!.partnerPassList.entries;
    expect(countyEntries.map((e: { position: number }) => e.position)).toEqual([1, 3, 4]);

    const VERIFY = `mutation($input: VerifyPassEntryInput!) { verifyPartnerPassEntry(input: $input) { status } }`;
    const verifyInput = (t: (typeof listed)[number], entryId: string, idNumberSeen = t.idNumber) => ({
      entryId, idNumberSeen, certificateNumberSeen: `CM-2016-${countyEntries.find((e: { id: string }) => e.id === entryId).position}`,
      teacherId: t.id, schoolId: t.schoolId, schoolCategory: schools.get(t.schoolId)!.category,
    });
    const mismatch = await graph.query(VERIFY, { input: verifyInput(inA[0], countyEntries[0].id, '11010519491231002X') }, county);
    expect(mismatch.errors![0].extensions!.rule).toBe('ID_NUMBER_MISMATCH');
    const otherCounty: Identity = { role: 'COUNTY_BUREAU', subject: 'other', regionCode: bySchoolRegion(other) };
    const wrongScope = await graph.query(VERIFY, { input: verifyInput(inA[0], countyEntries[0].id) }, otherCounty);
    expect(wrongScope.errors![0].extensions!.code).toBe('FORBIDDEN');
    const ok = await graph.query(VERIFY, { input: verifyInput(inA[0], countyEntries[0].id) }, county);
    expect(ok.data!.verifyPartnerPassEntry.status).toBe('COUNTY_VERIFIED');
    const reject = await graph.query(`mutation($id: ID!) { rejectPartnerPassEntry(entryId: $id, reason: "未到场") { status } }`, { id: countyEntries[2].id }, county);
    expect(reject.data!.rejectPartnerPassEntry.status).toBe('COUNTY_REJECTED');

    const early = await graph.query(`mutation($id: ID!) { approvePartnerPassList(listId: $id) { id } }`, { id: listId }, county);
    expect(early.errors![0].extensions!.code).toBe('FORBIDDEN');
    const city: Identity = { role: 'CITY_BUREAU', subject: 'city', regionCode: `${countyA.slice(0, 4)}00` };
    expect((await graph.query(`mutation($id: ID!) { aggregatePartnerPassList(listId: $id) { id } }`, { id: listId }, city)).errors).toBeUndefined();
    expect((await graph.query(`mutation($id: ID!) { approvePartnerPassList(listId: $id) { id } }`, { id: listId }, SICHUAN_BUREAU)).errors).toBeUndefined();

    const final = await graph.query(LIST, { id: listId }, SICHUAN_BUREAU);
    const finalEntries = final.data!.partnerPassList.entries;
    expect(finalEntries.map((e: { status: string }) => e.status)).toEqual(['PROVINCE_APPROVED', 'LISTED', 'LISTED', 'COUNTY_REJECTED']);
    const certificate = finalEntries[0].certificate;
    // 省执行办 2017 第01号: a 2016 中国移动 pass yields the 1.0 certificate of 2016, 由教育部统一颁发 — not a 2.0 one of the approval day.
    expect(certificate.number).toMatch(/^IT1-51-2016-\d{6}$/);
    expect(certificate).toMatchObject({ issuer: '教育部', issuedOn: '2016-12-31' });
    const capability = await graph.query(
      `query($id: ID!) { teacher(id: $id) { itCapability(asOf: "2017-06-30") { programme { id issuer minTotalHours } complete certificate { number } } } }`,
      { id: inA[0].id },
      SICHUAN_BUREAU,
    );
    expect(capability.data!.teacher.itCapability).toEqual({
      programme: { id: 'IT1-51', issuer: '教育部', minTotalHours: null },
      complete: true,
      certificate: { number: certificate.number },
    });
    expect(Buffer.from(certificate.printable, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const verified = await graph.query(
      `query($n: String!, $name: String!) { verifyCertificate(number: $n, name: $name) { result } }`,
      { n: certificate.number, name: inA[0].name },
      null,
    );
    expect(verified.data!.verifyCertificate.result).toBe('VALID');
    expect(final.data!.partnerPassList.audit.map((a: { action: string }) => a.action)).toEqual([
      'IMPORT', 'APPEND', 'COUNTY_VERIFY', 'COUNTY_REJECT: 未到场', 'CITY_AGGREGATE', 'PROVINCE_APPROVE',
    ]);
  });
});
