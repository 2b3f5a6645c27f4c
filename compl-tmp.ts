import { createDataSource } from './kit/data-source';
import { creditsSubgraph } from './subgraphs/credits';
import { countCompliance } from './subgraphs/credits/queries';
import { planCompliance } from './subgraphs/credits/rules/compliance';
import { loadPolicySet } from './subgraphs/credits/policies-store';
async function main() {
  const { dataSource } = createDataSource({ name: 'credits', entities: creditsSubgraph.entities, migrations: [], url: process.argv[2] });
  await dataSource.initialize();
  const { rules } = await loadPolicySet(dataSource);
  for (const code of ['510000', '510100', '510104']) {
    const times: number[] = [];
    let teachers = 0;
    for (let i = 0; i < 4; i += 1) {
      const [batch] = planCompliance(rules, [{ regionCode: code, year: 2025 }], '2026-12-01');
      const t = process.hrtime.bigint();
      const rows = await countCompliance(dataSource, batch);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      teachers = rows.length;
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    console.log(code, 'median of 3 warm runs', warm[1].toFixed(1), 'ms; first', times[0].toFixed(1), 'ms; groups', teachers);
  }
  const [{ n }] = await dataSource.query("SELECT COUNT(*) AS n FROM credit_summary WHERE cycle_start_year = 2021 AND earned_records > 0");
  console.log('summary rows of the 2021-2025 cycle', n);
  await dataSource.destroy();
}
main();
