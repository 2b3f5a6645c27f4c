/**
 * `npm run migrate`: brings every subgraph's database up to date with its checked-in migrations,
 * then exits. Deployments run it once before the subgraphs start (docker-compose.yml's `migrate`
 * service, the Kubernetes `migrate` Job), so replicas starting together find nothing to do; a
 * subgraph still checks at start, under the same lock (kit/data-source.ts), for `npm start`.
 *
 *   npm run migrate                          the four subgraphs (DATABASE_URL / <NAME>_DATABASE_URL)
 *   npm run migrate -- --subgraph credits    one of them
 *   node dist/scripts/migrate.js             the same, built
 */
import { parseArgs } from 'node:util';
import { exitOnConfigProblems } from '../kit/config';
import { subgraphConfigGroups } from '../kit/subgraph';
import { openStores, SEEDED_SUBGRAPHS, type SubgraphName } from './seed';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { subgraph: { type: 'string', multiple: true } } });
  const names = (values.subgraph ?? SEEDED_SUBGRAPHS.map((definition) => definition.name)) as SubgraphName[];
  const definitions = SEEDED_SUBGRAPHS.filter((definition) => names.includes(definition.name as SubgraphName));
  const unknown = names.filter((name) => !definitions.some((definition) => definition.name === name));
  if (unknown.length > 0) throw new Error(`Unknown subgraph ${unknown.join(', ')}: one of ${SEEDED_SUBGRAPHS.map((d) => d.name).join(', ')}.`);
  exitOnConfigProblems('migrate', definitions.flatMap((definition) => subgraphConfigGroups(definition)));
  const stores = await openStores({}, names);
  for (const [name, store] of Object.entries(stores)) {
    console.log(`${name}: migrations up to date (${store.dataSource.migrations.length} checked in)`);
    await store.dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
