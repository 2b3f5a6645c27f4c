import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { type GraphQLFormattedError, parse } from 'graphql';
import type { CryptoKey } from 'jose';
import { collectDefaultMetrics, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { exitOnConfigProblems, type ConfigGroup } from './config';
import { createDataSource, databaseUrlFromEnv, openDataSource, type DataSourceConfig, type StatementCounter, type Store } from './data-source';
import { enforceAccess, type AccessRules, type ServiceGrants } from './access';
import { enforceInputs, type InputRules } from './inputs';
import { enforceWritePolicy, type WritePolicy } from './write-policy';
import { DomainError } from './errors';
import { IDENTITY_HEADER, identityVerifier, loadGatewayPublicKey, type Identity } from './identity';
import { close, createGraphQLHttpServer, listen } from './http';
import { logger } from './logger';
import { createRegistry, graphqlMetricsPlugin, metricsRoute, sqlStatementsHistogram } from './metrics';
import { databaseConfig, environmentConfig, processConfig, subgraphConfig, subgraphProductionRule } from './settings';
import { flushTelemetry, startTelemetry, telemetryConfig } from './telemetry';

/** What every resolver gets: who is asking, the database, this request's DataLoaders, its id for logs. */
export interface SubgraphContext<TLoaders> extends BaseContext {
  identity: Identity;
  dataSource: DataSource;
  loaders: TLoaders;
  requestId: string;
}

/**
 * A model (a TypeORM entity, a view) as the parent of a contract type in the generated resolver
 * types (a codegen mapper, schema/codegen.ts). The fields the model serves as they are, those it
 * shares by name with the contract, must have the contract's types, so a contract change the
 * model does not follow fails to compile wherever a resolver returns the model. `Own` names the
 * shared fields that a resolver of their own converts.
 */
export type Serving<Contract, Model, Own extends keyof Contract = never> = Model & Pick<Contract, Exclude<keyof Contract & keyof Model, Own>>;

/** One slice of the graph: its contract name, storage and resolvers. */
export interface SubgraphDefinition<TLoaders> {
  /** Names the store (`<NAME>_DATABASE_URL`, `data/<name>.sqlite`), logs and metrics. */
  name: string;
  /** The SDL served: the slice's contract from `schema/`, or a province's adapted copy of it. */
  contract: string;
  entities: DataSourceConfig['entities'];
  migrations: DataSourceConfig['migrations'];
  /** The slice's resolver map, typed where it is written by the `Resolvers` generated from its contract (schema/codegen.ts). */
  resolvers: object;
  /** Row scope and personal fields per entity type, enforced on every path (see shared/access). */
  access: AccessRules;
  /** What other slices, calling as services, may read here (kit/access `ServiceGrants`); none: nothing. */
  services?: ServiceGrants;
  /** Length, range and format of every mutation's text, numbers and dates (kit/inputs), checked before any command. */
  inputs: InputRules;
  /** Who may call each mutation, the scope it acts in and its workflow step (kit/write-policy), checked first. */
  writes: WritePolicy;
  /** Fresh loaders per request, so no cache outlives a request. */
  createLoaders: (dataSource: DataSource) => TLoaders;
  /** The slice's own environment variables (its `config.ts`), checked at start with the kit's. */
  config?: readonly ConfigGroup[];
  /** Derived data built after the migrations when they leave it missing (kit/data-source `openDataSource`). */
  afterMigrations?: (dataSource: DataSource) => Promise<void>;
}

/** Everything a subgraph process reads from the environment: the kit's variables, its database's, its own. */
export function subgraphConfigGroups(definition: Pick<SubgraphDefinition<unknown>, 'name' | 'config'>): ConfigGroup[] {
  return [environmentConfig, processConfig, telemetryConfig, subgraphConfig, databaseConfig(definition.name), ...(definition.config ?? [])];
}

/** Errors clients may see as they are; everything else is logged and masked. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // A request the gateway did not sign (shared/identity): the caller should know why.
  'UNAUTHENTICATED',
]);

/**
 * What of an unexpected error may be logged. Database errors carry the statement's
 * parameters and may quote row values (a duplicate 身份证号) in their message, so for them
 * only the type, code and stack frames go to the logs.
 */
function loggable(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const fromDatabase = 'driverError' in error || 'parameters' in error || 'sqlMessage' in error;
  return {
    type: error.name,
    code: (error as { code?: unknown }).code,
    message: fromDatabase ? undefined : error.message,
    stack: error.stack?.split('\n').slice(1).join('\n'),
  };
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return formatted;
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
  logger.error({ err: loggable(original) }, 'unexpected error');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function createApolloSubgraph<TLoaders>(
  definition: SubgraphDefinition<TLoaders>,
  plugins: ApolloServerPlugin<SubgraphContext<TLoaders>>[] = [],
): ApolloServer<SubgraphContext<TLoaders>> {
  const built = buildSubgraphSchema([
    {
      typeDefs: parse(definition.contract),
      // Typed against the contract by the slice itself; buildSubgraphSchema only knows `unknown`.
      resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
    },
  ]);
  // Outermost first: who may write, then the arguments, then rows and fields.
  const schema = enforceWritePolicy(enforceInputs(enforceAccess(built, definition.access, definition.services), definition.inputs), definition.writes);
  return new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // runSubgraphMain handles SIGTERM: HTTP closes first so requests in flight finish.
    stopOnTerminationSignals: false,
    // Traces are for Apollo's hosted reporting, which this graph does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...plugins],
  });
}

export interface RunningSubgraph {
  name: string;
  port: number;
  url: string;
  dataSource: DataSource;
  counter: StatementCounter;
  /** This instance's metrics, served at `GET /metrics`. */
  registry: Registry;
  stop: () => Promise<void>;
}

export interface StartOptions {
  port: number;
  host?: string;
  /** Overrides `<NAME>_DATABASE_URL` / `DATABASE_URL`. */
  databaseUrl?: string;
  /** A store opened by the caller (tests, `npm start`), which the caller also closes. */
  store?: Store;
  /** The gateway's public key; default `GATEWAY_PUBLIC_KEY` or the development key. */
  gatewayPublicKey?: CryptoKey;
}

/** Opens the database, runs migrations and serves the subgraph over HTTP. */
export async function startSubgraph<TLoaders>(definition: SubgraphDefinition<TLoaders>, options: StartOptions): Promise<RunningSubgraph> {
  const { dataSource, counter } =
    options.store ??
    createDataSource({
      name: definition.name,
      entities: definition.entities,
      migrations: definition.migrations,
      url: options.databaseUrl ?? databaseUrlFromEnv(definition.name),
    });
  await openDataSource(dataSource, definition.afterMigrations);
  const verifyIdentity = identityVerifier(options.gatewayPublicKey ?? (await loadGatewayPublicKey()));
  const registry = createRegistry(definition.name);
  const sqlStatements = sqlStatementsHistogram(registry);
  const apollo = createApolloSubgraph(definition, [graphqlMetricsPlugin(registry)]);
  await apollo.start();
  const http: Server = createGraphQLHttpServer({
    name: definition.name,
    server: apollo,
    context: async ({ requestId, headers }) => ({
      identity: await verifyIdentity(headers.get(IDENTITY_HEADER)),
      dataSource,
      loaders: definition.createLoaders(dataSource),
      requestId,
    }),
    around: async (_request, run) => {
      const stats = { statements: 0 };
      const result = await counter.runInScope(stats, run);
      sqlStatements.observe(stats.statements);
      return { result, headers: { 'x-sql-statements': String(stats.statements) } };
    },
    ready: async () => {
      await dataSource.query('SELECT 1');
      return true;
    },
    routes: { '/metrics': metricsRoute(registry) },
  });
  const port = await listen(http, options.port, options.host);
  logger.info({ service: definition.name, port }, 'subgraph listening');
  return {
    name: definition.name,
    port,
    url: `http://localhost:${port}/graphql`,
    dataSource,
    counter,
    registry,
    stop: async () => {
      await close(http);
      await apollo.stop();
      if (!options.store && dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/**
 * Entry point for `subgraphs/<name>/main.ts`: checks the configuration, then serves on `PORT`.
 * On SIGTERM/SIGINT it stops taking connections, lets the requests in flight finish (at most
 * `SHUTDOWN_GRACE_MS`), closes the database and exits.
 */
export async function runSubgraphMain<TLoaders>(definition: SubgraphDefinition<TLoaders>, defaultPort: number): Promise<void> {
  exitOnConfigProblems(`${definition.name} subgraph`, subgraphConfigGroups(definition), [subgraphProductionRule]);
  startTelemetry(definition.name);
  const running = await startSubgraph(definition, { port: processConfig.PORT ?? defaultPort });
  collectDefaultMetrics({ register: running.registry });
  console.log(`${definition.name} subgraph ready at ${running.url}`);
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ service: definition.name, signal }, 'shutting down');
    setTimeout(() => process.exit(1), processConfig.SHUTDOWN_GRACE_MS).unref();
    running.stop().then(flushTelemetry).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
