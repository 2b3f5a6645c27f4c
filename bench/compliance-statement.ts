/**
 * The credits subgraph's `Region.creditCompliance` statement alone, warm, against a database
 * that holds credit summaries: a figure, not a test.
 *
 *   npm run bench:compliance -- [--year 2025] [--today 2026-12-01]    BENCH_DATABASE_URL (default tts_bench)
 *
 * Prints, for the province (510000), Chengdu (510100) and one county (510104), the median of three
 * runs after one warm-up, the number of (county, category) groups counted and the summary rows of
 * the cycle, so a figure can be read beside the number of teachers it covers.
 */
import { parseArgs } from 'node:util';
import { createDataSource } from '../kit/data-source';
import { creditsSubgraph } from '../subgraphs/credits';
import { loadPolicySet } from '../subgraphs/credits/policies-store';
import { candidateThreshold, countCompliance } from '../subgraphs/credits/queries';
import { planCompliance } from '../subgraphs/credits/rules/compliance';
import { DEFAULT_BENCH_DATABASE_URL } from './seed';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { year: { type: 'string', default: '2025' }, today: { type: 'string', default: '2026-12-01' } } });
  const year = Number(values.year);
  const { dataSource } = createDataSource({ name: 'credits', entities: creditsSubgraph.entities, migrations: [], url: process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL });
  await dataSource.initialize();
  try {
    const { rules } = await loadPolicySet(dataSource);
    for (const code of ['510000', '510100', '510104']) {
      const [batch] = planCompliance(rules, [{ regionCode: code, year }], values.today!);
      const times: number[] = [];
      let groups = 0;
      for (let i = 0; i < 4; i += 1) {
        const started = process.hrtime.bigint();
        groups = (await countCompliance(dataSource, batch)).length;
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      const warm = times.slice(1).sort((a, b) => a - b);
      const [{ rows, candidates }] = await dataSource.query(
        'SELECT COUNT(*) AS `rows`, SUM(earned_milli >= ?) AS candidates FROM credit_summary WHERE cycle_start_year = ? AND earned_records > 0 AND region_code LIKE ?',
        [candidateThreshold(batch), batch.cycle.startYear, `${batch.scanPrefix}%`],
      );
      console.log(`${code} ${year}: ${warm[1].toFixed(1)} ms (median of 3 warm; first ${times[0].toFixed(1)} ms), ${groups} groups, ${Number(rows)} summary rows, ${Number(candidates)} candidates`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
