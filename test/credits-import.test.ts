import { creditsSubgraph } from '../subgraphs/credits';
import { importCreditFile } from '../subgraphs/credits/import';
import { sampleCsv, sampleSheet, sampleWorkbook } from '../subgraphs/credits/import-sample';
import { createDataSource, openDataSource, type Store } from '../subgraphs/shared/data-source';
import { SYSTEM } from './support/auth';
import { createTestDatabase, type TestDatabase } from './support/mariadb';
import { BACKENDS } from './support/http';

/**
 * Import of a generated 10,000-row legacy workbook with bad rows: the report names
 * every bad row exactly, all-or-nothing stores nothing, and a re-import adds nothing.
 */
describe.each(BACKENDS)('credit import (%s)', (backend) => {
  let store: Store;
  let database: TestDatabase | undefined;
  const sheet = sampleSheet(10_000, 97);
  let workbook: Buffer;

  beforeAll(async () => {
    if (backend === 'mariadb') database = await createTestDatabase('import');
    store = createDataSource({
      name: 'credits',
      entities: creditsSubgraph.entities,
      migrations: creditsSubgraph.migrations,
      url: database?.url ?? 'sqlite::memory:',
    });
    await openDataSource(store.dataSource);
    workbook = (await sampleWorkbook(sheet))!;
  });

  afterAll(async () => {
    await store?.dataSource.destroy();
    await database?.drop();
  });

  const count = async (table: string) => Number((await store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('stores nothing in all-or-nothing mode when any row is bad', async () => {
    const report = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'legacy.xlsx', buffer: workbook }, { allOrNothing: true });
    expect(report).toMatchObject({ rows: 10_000, imported: 0, rolledBack: true, rejected: sheet.expected.length });
    expect(await count('credit_record')).toBe(0);
    expect(await count('credit_audit_entry')).toBe(0);
  });

  it('stores every valid row and reports each bad one by row number and rule', async () => {
    const progress: number[] = [];
    const report = await importCreditFile(
      store.dataSource,
      SYSTEM,
      { fileName: 'legacy.xlsx', buffer: workbook },
      { allOrNothing: false, onProgress: (p) => progress.push(p.rows) },
    );
    expect(sheet.expected.length).toBe(103);
    expect(report.errors.map(({ row, column, rule }) => ({ row, column, rule }))).toEqual(sheet.expected);
    expect(report.errors.every((e) => e.reason.length > 0)).toBe(true);
    expect(report).toMatchObject({ rows: 10_000, imported: 10_000 - 103, alreadyImported: 0, rejected: 103, rolledBack: false });
    expect(await count('credit_record')).toBe(10_000 - 103);
    expect(await count('credit_audit_entry')).toBe(10_000 - 103);
    expect(progress.length).toBeGreaterThan(2);
    const [row] = await store.dataSource.query("SELECT credits_milli, status, policy_id, school_category FROM credit_record WHERE teacher_id = 't-teacher-0'");
    expect({ ...row, credits_milli: Number(row.credits_milli) }).toEqual({ credits_milli: 1500, status: 'REGISTERED', policy_id: 'national-360-per-5-years', school_category: 'PRIMARY_AND_SECONDARY' });
  });

  it('creates no duplicates when the same rows are imported again, as .xlsx or .csv', async () => {
    const again = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'legacy.xlsx', buffer: workbook }, { allOrNothing: false });
    expect(again).toMatchObject({ imported: 0, alreadyImported: 10_000 - 103, rejected: 103 });
    const csv = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'legacy.csv', buffer: Buffer.from(sampleCsv(sheet)) }, { allOrNothing: false });
    expect(csv).toMatchObject({ imported: 0, alreadyImported: 10_000 - 103 });
    expect(csv.errors.map(({ row, column, rule }) => ({ row, column, rule }))).toEqual(sheet.expected);
    expect(await count('credit_record')).toBe(10_000 - 103);
  });

  it('reports a row repeated inside one file, and refuses rows outside a bureau region', async () => {
    const small = sampleSheet(3, 0, 'dup');
    small.rows.push([...small.rows[0]]);
    const report = await importCreditFile(store.dataSource, SYSTEM, { fileName: 'dup.csv', buffer: Buffer.from(sampleCsv(small)) }, { allOrNothing: false });
    expect(report.errors).toEqual([{ row: 5, column: null, rule: 'DUPLICATE_ROW', reason: 'the same credit as row 2' }]);
    const county = { role: 'COUNTY_BUREAU' as const, subject: 'c', regionCode: '510104' };
    const scoped = await importCreditFile(store.dataSource, county, { fileName: 'scoped.csv', buffer: Buffer.from(sampleCsv(sampleSheet(4, 0, 'scope'))) }, { allOrNothing: false });
    expect(scoped.errors.map((e) => [e.row, e.rule])).toEqual([[2, 'OUT_OF_SCOPE'], [4, 'OUT_OF_SCOPE']]);
    expect(scoped.imported).toBe(2);
  });
});
