/**
 * Import speed of 100,000 credit rows from an .xlsx file (read, validate, store with
 * audit entries): a figure, not a test.
 *
 *   npm run bench:import                       embedded SQLite in a temp dir
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/bench npm run bench:import
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creditsSubgraph } from '../subgraphs/credits';
import { importCreditFile } from '../subgraphs/credits/import';
import { sampleSheet, sampleTeacherDirectory, sampleWorkbook } from '../subgraphs/credits/import-sample';
import { createDataSource, openDataSource } from '../kit/data-source';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const file = join(dir, 'credits.xlsx');
  const sheet = sampleSheet(ROWS, 0, `bench-${Date.now()}`);
  await sampleWorkbook(sheet, file);
  const { dataSource } = createDataSource({
    name: 'credits',
    entities: creditsSubgraph.entities,
    migrations: creditsSubgraph.migrations,
    url: process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'credits.sqlite')}`,
  });
  await openDataSource(dataSource);
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e9;
  // When each phase was last heard of: where the time goes (read and check, store records, then audit and summaries).
  const reached: Record<string, number> = {};
  const report = await importCreditFile(dataSource, { role: 'SYSTEM', subject: 'bench' }, { fileName: 'credits.xlsx', path: file }, {
    allOrNothing: true,
    onProgress: ({ phase }) => {
      reached[phase] = since();
    },
    // Answered in process: this figure is reading, validating and storing; registry lookups (100 ids per gateway request) are not in it.
    teachers: sampleTeacherDirectory(sheet),
  });
  const seconds = since();
  console.log(
    `${ROWS} rows (${(statSync(file).size / 1e6).toFixed(1)} MB .xlsx) on ${dataSource.options.type}: ` +
      `${report.imported} imported in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds)} rows/s`,
  );
  const read = reached.read ?? 0;
  const stored = reached.store ?? read;
  console.log(`  read and check ${read.toFixed(1)} s, records stored ${(stored - read).toFixed(1)} s, audit rows and summaries ${(seconds - stored).toFixed(1)} s`);
  await dataSource.destroy();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
