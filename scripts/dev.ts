/**
 * `npm start`: the whole graph in one process for trying it out: seeds the embedded
 * database on first run, starts the four subgraphs on 4001–4004 and the gateway on 4000.
 * In production each runs alone (`npm run start:<name>`, see docker-compose.yml).
 */
import { SUBGRAPHS } from '../schema/subgraphs';
import { certificationSubgraph } from '../subgraphs/certification';
import { createCreditsSubgraph, creditsSubgraph } from '../subgraphs/credits';
import { graphAccess, graphAccessFromEnv } from '../subgraphs/credits/graph-access';
import { exitOnConfigProblems } from '../kit/config';
import { ensureGatewayKeys } from '../kit/identity';
import { processConfig, subgraphProductionRule } from '../kit/settings';
import { startSubgraph, subgraphConfigGroups, type RunningSubgraph, type SubgraphDefinition } from '../kit/subgraph';
import { teachersSubgraph } from '../subgraphs/teachers';
import { trainingSubgraph } from '../subgraphs/training';
import { startGateway } from '../gateway/gateway';
import { GATEWAY_CONFIG, gatewayProductionRule, subgraphUrlsFromEnv } from '../gateway/config';
import { dataSourcesOf, openStores, seedIfEmpty } from './seed';
import { devToken } from './token';

async function main(): Promise<void> {
  exitOnConfigProblems(
    'npm start',
    [...GATEWAY_CONFIG, ...[teachersSubgraph, trainingSubgraph, creditsSubgraph, certificationSubgraph].flatMap((definition) => subgraphConfigGroups(definition))],
    [gatewayProductionRule, subgraphProductionRule],
  );
  await ensureGatewayKeys();
  const port = processConfig.PORT ?? 4000;
  // Credits checks imports and institutions' completions through this gateway, as a service with a SYSTEM token.
  const creditsToken = await devToken({ role: 'SYSTEM', subject: 'credits-service' }, 24 * 30);
  const credits = createCreditsSubgraph({
    graph: () => graphAccessFromEnv() ?? graphAccess({ url: `http://localhost:${port}/graphql`, token: creditsToken }),
  });
  const DEFINITIONS = { teachers: teachersSubgraph, training: trainingSubgraph, credits, certification: certificationSubgraph };
  const stores = await openStores();
  if (await seedIfEmpty(dataSourcesOf(stores))) console.log('Seeded the demo province (Sichuan, 2,000 teachers).');
  const running: RunningSubgraph[] = [];
  for (const { name, port } of SUBGRAPHS) {
    const definition = DEFINITIONS[name] as SubgraphDefinition<unknown>;
    running.push(await startSubgraph(definition, { port, store: stores[name] }));
  }
  const gateway = await startGateway({ port, subgraphUrls: subgraphUrlsFromEnv() });
  const analyst = await devToken({ role: 'ANALYST', subject: 'dev-analyst' });
  const province = await devToken({ role: 'PROVINCE_BUREAU', subject: 'dev-province', regionCode: '510000' });
  console.log(`
Teacher-training supergraph ready at ${gateway.url}

Send a token as the header  Authorization: Bearer <token>  (tokens last 12 hours):
  analyst (aggregates only):      ${analyst}
  Sichuan province bureau (all):  ${province}
More roles: npm run token -- --role county --region 510104
`);
  const shutdown = async () => {
    await gateway.stop();
    await Promise.all(running.map((s) => s.stop()));
    await Promise.all(Object.values(stores).map((store) => store.dataSource.destroy()));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
