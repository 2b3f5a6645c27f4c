import { startGateway, type GatewayOptions, type RunningGateway } from '../../gateway/gateway';
import { SUBGRAPHS, type SubgraphName } from '../../schema/subgraphs';
import { dataSourcesOf, openStores, seedDemoProvince, seedLegacyCredits } from '../../scripts/seed';
import { generateDemoProvince, type DemoProvince } from '../../scripts/demo-province';
import { generateProvinceSlices } from '../../scripts/demo-slices';
import { withShowcase } from '../../scripts/demo-showcase';
import { certificationSubgraph, createCertificationSubgraph } from '../../subgraphs/certification';
import { factsAccess, type FactsAccess } from '../../subgraphs/certification/graph-access';
import { createCreditsSubgraph, creditsSubgraph } from '../../subgraphs/credits';
import { graphAccess, type GraphAccess } from '../../subgraphs/credits/graph-access';
import type { Store } from '../../kit/data-source';
import { startSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../../kit/subgraph';
import { teachersSubgraph } from '../../subgraphs/teachers';
import { createTrainingSubgraph, trainingSubgraph } from '../../subgraphs/training';
import { registryAccess, type RegistryAccess } from '../../subgraphs/training/graph-access';
import { post, type Backend, type GraphQLResult } from './http';
import { clientToken, serviceIdentity, SICHUAN_BUREAU, testAuthenticator, testGatewayKeys } from './auth';
import { createTestDatabase, type TestDatabase } from './mariadb';
import type { Identity } from '../../kit/identity';
import { LEGACY_CREDITS_SUPERGRAPH_PATH, createLegacyCreditsSubgraph, createLegacyStore, startLegacyCredits } from '../../subgraphs/legacy-credits/server';
import { legacyGraphAccess, type LegacyGraphAccess } from '../../subgraphs/legacy-credits/graph-access';

export { BACKENDS, post, type Backend, type GraphQLResult } from './http';


export const DEFINITIONS: Record<SubgraphName, SubgraphDefinition<unknown>> = {
  teachers: teachersSubgraph as SubgraphDefinition<unknown>,
  training: trainingSubgraph as SubgraphDefinition<unknown>,
  credits: creditsSubgraph as SubgraphDefinition<unknown>,
  certification: certificationSubgraph as SubgraphDefinition<unknown>,
};

export interface TestGraph {
  backend: Backend;
  province: DemoProvince;
  stores: Record<SubgraphName, Store>;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  gateway: RunningGateway;
  /** Asks the gateway as `identity` (default: Sichuan's province bureau, which sees the whole demo province). */
  query: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, identity?: Identity | null) => Promise<GraphQLResult<T>>;
  gatewayUrl: string;
  stop: () => Promise<void>;
}

/**
 * The whole graph on free ports, over real HTTP: four subgraphs on a fresh MariaDB
 * database (or in-memory SQLite), seeded with a small demo province, and the gateway.
 */
export async function startTestGraph(
  backend: Backend,
  options: {
    teachers?: number;
    /** Which credits implementation serves the slice: ours (default) or the legacy Jiangxi-style platform, plugged in by configuration. */
    credits?: 'reference' | 'legacy';
    /** Add the named rows and credit levels `npm start` adds (scripts/demo-showcase.ts). */
    showcase?: boolean;
    /** Also seed the Zhejiang, Jiangxi, Fujian and Hunan slices `npm start` adds (scripts/demo-slices.ts). */
    slices?: boolean;
  } = {},
): Promise<TestGraph> {
  let database: TestDatabase | undefined;
  let urls: Record<SubgraphName, string>;
  if (backend === 'mariadb') {
    database = await createTestDatabase('graph');
    urls = { teachers: database.url, training: database.url, credits: database.url, certification: database.url };
  } else {
    urls = { teachers: 'sqlite::memory:', training: 'sqlite::memory:', credits: 'sqlite::memory:', certification: 'sqlite::memory:' };
  }
  const stores = await openStores(urls);
  const generated = generateDemoProvince({ teachers: options.teachers ?? 300 });
  const province = options.showcase ? withShowcase(generated) : generated;
  await seedDemoProvince(dataSourcesOf(stores), province);
  if (options.slices) await seedDemoProvince(dataSourcesOf(stores), generateProvinceSlices());
  const keys = await testGatewayKeys();
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  // Slices check each other's facts through this graph's gateway, which starts last, each with its own service token.
  let access: GraphAccess | null = null;
  let legacyAccess: LegacyGraphAccess | null = null;
  let registry: RegistryAccess | null = null;
  let facts: FactsAccess | null = null;
  if (options.credits === 'legacy') {
    // The legacy platform has its own store, seeded from the same province; the gateway gets
    // only configuration: its URL and the supergraph composed with its SDL.
    await stores.credits.dataSource.destroy();
    stores.credits = createLegacyStore(urls.credits);
    await stores.credits.dataSource.initialize();
    // It asks the registry and training as the credits service, the grant of the contract it implements.
    const legacy = createLegacyCreditsSubgraph({ graph: () => legacyAccess });
    subgraphs.credits = await startLegacyCredits({ port: 0, host: '127.0.0.1', store: stores.credits, gatewayPublicKey: keys.publicKey }, legacy);
    await seedLegacyCredits(stores.credits.dataSource, province);
  }
  const definitions = {
    ...DEFINITIONS,
    credits: createCreditsSubgraph({ graph: () => access }) as SubgraphDefinition<unknown>,
    training: createTrainingSubgraph({ registry: () => registry }) as SubgraphDefinition<unknown>,
    certification: createCertificationSubgraph({ facts: () => facts }) as SubgraphDefinition<unknown>,
  };
  for (const name of Object.keys(definitions) as SubgraphName[]) {
    if (subgraphs[name]) continue;
    subgraphs[name] = await startSubgraph(definitions[name], {
      port: 0,
      host: '127.0.0.1',
      store: stores[name],
      gatewayPublicKey: keys.publicKey,
    });
  }
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    signingKey: keys.signingKey,
    authenticate: await testAuthenticator(),
    supergraphPath: options.credits === 'legacy' ? LEGACY_CREDITS_SUPERGRAPH_PATH : undefined,
    subgraphUrls: Object.fromEntries(
      (Object.keys(subgraphs) as SubgraphName[]).map((name) => [name, `http://127.0.0.1:${subgraphs[name].port}/graphql`]),
    ) as Record<SubgraphName, string>,
  });
  const gatewayUrl = `http://127.0.0.1:${gateway.port}/graphql`;
  access = graphAccess({ url: gatewayUrl, token: await clientToken(serviceIdentity('credits'), undefined, '2h') });
  legacyAccess = legacyGraphAccess({ url: gatewayUrl, token: await clientToken(serviceIdentity('credits'), undefined, '2h') });
  registry = registryAccess({ url: gatewayUrl, token: await clientToken(serviceIdentity('training'), undefined, '2h') });
  facts = factsAccess({ url: gatewayUrl, token: await clientToken(serviceIdentity('certification'), undefined, '2h') });
  return {
    backend,
    province,
    stores,
    subgraphs,
    gateway,
    gatewayUrl,
    query: async (query, variables, identity = SICHUAN_BUREAU) =>
      post(gatewayUrl, query, variables, identity ? { authorization: `Bearer ${await clientToken(identity)}` } : {}),
    stop: async () => {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      await Promise.all(Object.values(stores).map((s) => s.dataSource.destroy()));
      await database?.drop();
    },
  };
}

/**
 * Another gateway with the test keys and client secret, over `graph`'s subgraphs (none given: an
 * address where nothing listens, for a gateway that answers alone), with the test's own options.
 */
export async function startTestGateway(graph: TestGraph | null, options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  const keys = await testGatewayKeys();
  const urls = Object.fromEntries(
    SUBGRAPHS.map(({ name }) => [name, graph ? `http://127.0.0.1:${graph.subgraphs[name].port}/graphql` : 'http://127.0.0.1:9/graphql']),
  ) as Record<SubgraphName, string>;
  return startGateway({
    port: 0,
    host: '127.0.0.1',
    signingKey: keys.signingKey,
    authenticate: await testAuthenticator(),
    ...options,
    subgraphUrls: { ...urls, ...options.subgraphUrls },
  });
}
