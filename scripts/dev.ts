/**
 * `npm start`: the whole graph in one process for trying it out: seeds the embedded
 * database on first run, starts the four subgraphs on 4001–4004 and the gateway on 4000.
 * In production each runs alone (`npm run start:<name>`, see docker-compose.yml).
 */
import { SUBGRAPHS } from '../schema/subgraphs';
import { certificationSubgraph, createCertificationSubgraph } from '../subgraphs/certification';
import { factsAccess, factsAccessFromEnv } from '../subgraphs/certification/graph-access';
import { createCreditsSubgraph, creditsSubgraph } from '../subgraphs/credits';
import { graphAccess, graphAccessFromEnv } from '../subgraphs/credits/graph-access';
import { defaultEnv, exitOnConfigProblems } from '../kit/config';
import { ensureGatewayKeys } from '../kit/identity';
import { processConfig, subgraphProductionRule } from '../kit/settings';
import { startSubgraph, subgraphConfigGroups, type RunningSubgraph, type SubgraphDefinition } from '../kit/subgraph';
import { teachersSubgraph } from '../subgraphs/teachers';
import { createTrainingSubgraph, trainingSubgraph } from '../subgraphs/training';
import { registryAccess, registryAccessFromEnv } from '../subgraphs/training/graph-access';
import { startGateway } from '../gateway/gateway';
import { GATEWAY_CONFIG, gatewayProductionRule, subgraphUrlsFromEnv } from '../gateway/config';
import { Teacher } from '../subgraphs/teachers/entities';
import { dataSourcesOf, openStores, seedIfEmpty } from './seed';
import { SHOWCASE } from './demo-showcase';
import { CLOCK_VARIABLE } from '../subgraphs/training/clock';
import { demoTokens, serviceToken } from './token';
import { DEMO_TABS } from './explorer-tabs';

/** Waits until the gateway answers /ready, so the banner never promises an address that does not answer yet. */
async function untilReady(port: number): Promise<void> {
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Columns a label takes in a terminal: CJK characters take two. */
function columns(text: string): number {
  return [...text].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
}

function banner(port: number, clock: string | null, tokens: { label: string; token: string }[]): string {
  const width = Math.max(...tokens.map((t) => columns(t.label)));
  return `
Teacher-training supergraph ready.

  Explorer:   http://localhost:${port}/explorer   (example operations for each kind of user in its tabs)
  GraphQL:    http://localhost:${port}/graphql
${clock ? `  Demo clock: the training subgraph acts on ${clock}, inside term 2026H2's selection round 1 (set ${CLOCK_VARIABLE} to change it)\n` : ''}
Tokens (12 hours): paste one into the explorer's token box, or send  Authorization: Bearer <token>
${tokens.map((t) => `  ${t.label}${' '.repeat(width - columns(t.label))}  ${t.token}`).join('\n')}

Others: TOKEN=$(npm run -s token -- --role county --region 510104)
  roles: teacher, school, county, city, province, institution, analyst; name one with --teacher/--school/--institution ID
`;
}

async function main(): Promise<void> {
  exitOnConfigProblems(
    'npm start',
    [...GATEWAY_CONFIG, ...[teachersSubgraph, trainingSubgraph, creditsSubgraph, certificationSubgraph].flatMap((definition) => subgraphConfigGroups(definition))],
    [gatewayProductionRule, subgraphProductionRule],
  );
  await ensureGatewayKeys();
  const port = processConfig.PORT ?? 4000;
  // Slices check each other's facts through this gateway, each with its own service token (reads only what the owner grants it).
  const url = `http://localhost:${port}/graphql`;
  const [creditsToken, trainingToken, certificationToken] = await Promise.all(['credits', 'training', 'certification'].map((service) => serviceToken(service, 24 * 30)));
  const credits = createCreditsSubgraph({ graph: () => graphAccessFromEnv() ?? graphAccess({ url, token: creditsToken }) });
  // Built once, so concurrent selections share its batched registry requests.
  const localRegistry = registryAccess({ url, token: trainingToken });
  const training = createTrainingSubgraph({ registry: () => registryAccessFromEnv() ?? localRegistry });
  const certification = createCertificationSubgraph({ facts: () => factsAccessFromEnv() ?? factsAccess({ url, token: certificationToken }) });
  const DEFINITIONS = { teachers: teachersSubgraph, training, credits, certification };
  const stores = await openStores();
  if (await seedIfEmpty(dataSourcesOf(stores))) console.log('Seeded the demo province (Sichuan, 2,000 teachers, and the named rows README uses).');
  // The demo's selection round is open by default; real data keeps the real calendar.
  const demo = (await stores.teachers.dataSource.getRepository(Teacher).countBy({ id: SHOWCASE.teacher.id })) > 0;
  const clock = demo ? defaultEnv(CLOCK_VARIABLE, SHOWCASE.trainingClock) : null;
  const subgraphUrls = subgraphUrlsFromEnv();
  const running: RunningSubgraph[] = [];
  for (const { name } of SUBGRAPHS) {
    const definition = DEFINITIONS[name] as SubgraphDefinition<unknown>;
    // Each listens where the gateway will look for it: its default port, or SUBGRAPH_<NAME>_URL's.
    running.push(await startSubgraph(definition, { port: Number(new URL(subgraphUrls[name]).port), store: stores[name] }));
  }
  const gateway = await startGateway({ port, subgraphUrls, explorerTabs: demo ? DEMO_TABS : undefined });
  await untilReady(gateway.port);
  console.log(banner(gateway.port, clock, await demoTokens()));
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
