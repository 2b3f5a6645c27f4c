import { importCreditFile, type ImportOptions } from '../subgraphs/credits/import';
import { sampleCsv, sampleSheet, sampleWorkbook, type SampleSheet, type SampleTeacher } from '../subgraphs/credits/import-sample';
import { graphAccess, type TeacherDirectory } from '../subgraphs/credits/graph-access';
import type { Store } from '../kit/data-source';
import { clientToken, serviceIdentity, SYSTEM } from './support/auth';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

/**
 * Import of a generated 10,000-row legacy workbook with bad rows: the report names
 * every bad row exactly (including teachers the registry does not know and ID numbers
 * that are not the teacher's, checked through the running graph), all-or-nothing
 * stores nothing, and a re-import adds nothing.
 */
describe.each(BACKENDS)('credit import (%s)', (backend) => {
  let graph: TestGraph;
  let store: Store;
  let teachers: TeacherDirectory;
  let registered: SampleTeacher[];
  let sheet: SampleSheet;
  let workbook: Buffer;

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 300 });
    store = graph.stores.credits;
    // The credits service's own token, as deployed: it reads placements and 身份证号, nothing else.
    teachers = graphAccess({ url: graph.gatewayUrl, token: await clientToken(serviceIdentity('credits'), undefined, '1h') }).teachers;
    const schools = new Map(graph.province.schools.map((school) => [school.id, school]));
    // The sample rows are earned in 2023: teachers the registry placed somewhere all that year.
    registered = graph.province.teachers.filter((t) => t.hireDate < '2023-01-01').map((t) => ({
      id: t.id,
      idNumber: t.idNumber,
      schoolId: t.schoolId,
      regionCode: schools.get(t.schoolId)!.regionCode,
      schoolCategory: schools.get(t.schoolId)!.category,
    }));
    sheet = sampleSheet(10_000, 97, 't', registered);
    workbook = (await sampleWorkbook(sheet))!;
  });

  afterAll(async () => {
    await graph?.stop();
  });

  const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({ allOrNothing: false, teachers, ...extra });
  const imported = async () => Number((await store.dataSource.query('SELECT COUNT(*) AS n FROM credit_record WHERE import_key IS NOT NULL'))[0].n);
  const audited = async () => Number((await store.dataSource.query("SELECT COUNT(*) AS n FROM credit_audit_entry WHERE reason LIKE 'imported from %'"))[0].n);

  it('stores nothing in all-or-nothing mode when any row is bad', async () => {
    const report = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'legacy.xlsx', buffer: workbook }, options({ allOrNothing: true }));
    expect(report).toMatchObject({ rows: 10_000, imported: 0, rolledBack: true, rejected: sheet.expected.length });
    expect(await imported()).toBe(0);
    expect(await audited()).toBe(0);
  });

  it('stores every valid row and reports each bad one by row number and rule', async () => {
    const progress: number[] = [];
    const report = await importCreditFile(
      store.dataSource,
      SYSTEM,
      { fileName: 'legacy.xlsx', buffer: workbook },
      options({ onProgress: (p) => progress.push(p.rows) }),
    );
    expect(sheet.expected.length).toBe(103);
    expect(new Set(sheet.expected.map((e) => e.rule))).toEqual(
      new Set(['ID_NUMBER_CHECKSUM', 'DATE_FORMAT', 'HOURS_NEGATIVE', 'CATEGORY_UNKNOWN', 'REQUIRED', 'TEACHER_NOT_MATCHED']),
    );
    expect(report.errors.map(({ row, column, rule }) => ({ row, column, rule }))).toEqual(sheet.expected);
    expect(report.errors.every((e) => e.reason.length > 0)).toBe(true);
    expect(report).toMatchObject({ rows: 10_000, imported: 10_000 - 103, alreadyImported: 0, rejected: 103, rolledBack: false });
    expect(await imported()).toBe(10_000 - 103);
    expect(await audited()).toBe(10_000 - 103);
    expect(progress.length).toBeGreaterThan(2);
    const [row] = await store.dataSource.query(
      "SELECT credits_milli, status, policy_id, school_category, region_code FROM credit_record WHERE teacher_id = ? AND import_key IS NOT NULL ORDER BY credits_milli LIMIT 1",
      [registered[0].id],
    );
    expect({ ...row, credits_milli: Number(row.credits_milli) }).toEqual({
      credits_milli: 1500,
      status: 'REGISTERED',
      policy_id: 'national-360-per-5-years',
      school_category: registered[0].schoolCategory,
      region_code: registered[0].regionCode,
    });
  });

  it('creates no duplicates when the same rows are imported again, as .xlsx or .csv', async () => {
    const again = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'legacy.xlsx', buffer: workbook }, options());
    expect(again).toMatchObject({ imported: 0, alreadyImported: 10_000 - 103, rejected: 103 });
    const csv = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'legacy.csv', buffer: Buffer.from(sampleCsv(sheet)) }, options());
    expect(csv).toMatchObject({ imported: 0, alreadyImported: 10_000 - 103 });
    expect(csv.errors.map(({ row, column, rule }) => ({ row, column, rule }))).toEqual(sheet.expected);
    expect(await imported()).toBe(10_000 - 103);
  });

  it('reports a row repeated inside one file, and refuses rows outside a bureau region', async () => {
    const small = sampleSheet(3, 0, 'dup', registered.slice(100));
    small.rows.push([...small.rows[0]]);
    const report = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'dup.csv', buffer: Buffer.from(sampleCsv(small)) }, options());
    expect(report.errors).toEqual([{ row: 5, column: null, rule: 'DUPLICATE_ROW', reason: 'the same credit as row 2' }]);
    const county = registered[0].regionCode;
    const bureau = { role: 'COUNTY_BUREAU' as const, subject: 'c', regionCode: county };
    const mixed = [registered.find((t) => t.regionCode !== county)!, registered.find((t) => t.regionCode === county && t !== registered[0])!];
    const scoped = await importCreditFile(store.dataSource, bureau, { fileName: 'scoped.csv', buffer: Buffer.from(sampleCsv(sampleSheet(4, 0, 'scope', mixed))) }, options());
    expect(scoped.errors.map((e) => [e.row, e.rule])).toEqual([[2, 'OUT_OF_SCOPE'], [4, 'OUT_OF_SCOPE']]);
    expect(scoped.imported + scoped.alreadyImported).toBe(2);
  });

  it('says the graph could not be asked, and stores nothing, when the gateway does not answer', async () => {
    const before = await imported();
    const unreachable = graphAccess({ url: 'http://127.0.0.1:9/graphql', token: 'x', timeoutMs: 2_000 }).teachers;
    const attempt = importCreditFile(store.dataSource, SYSTEM, { fileName: 'late.csv', buffer: Buffer.from(sampleCsv(sampleSheet(5, 0, 'late', registered.slice(200)))) }, options({ teachers: unreachable }));
    await expect(attempt).rejects.toMatchObject({ extensions: { code: 'GRAPH_UNAVAILABLE' } });
    expect(await imported()).toBe(before);
  });

  it('checks rows through the importCreditRecords mutation too', async () => {
    const rows = sampleSheet(2, 0, 'mutation', registered.slice(250));
    rows.rows[1][1] = 'nobody';
    const mutation = `mutation($input: ImportCreditRecordsInput!) { importCreditRecords(input: $input) { imported rejected errors { row column rule reason } } }`;
    const result = await graph.query(mutation, { input: { fileName: 'm.csv', contentBase64: Buffer.from(sampleCsv(rows)).toString('base64') } }, SYSTEM);
    expect(result.errors).toBeUndefined();
    expect(result.data!.importCreditRecords).toEqual({
      imported: 1,
      rejected: 1,
      errors: [{ row: 3, column: 'teacherId', rule: 'TEACHER_NOT_MATCHED', reason: "no teacher nobody with this 身份证号 is registered within the importer's region" }],
    });
  });
});
