import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { CryptoKey } from 'jose';
import type { Registry } from 'prom-client';
import type { SubgraphName } from '../schema/subgraphs';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { CorsPolicy } from '../kit/cors';
import { close, createGraphQLHttpServer, listen, type RouteHandler } from '../kit/http';
import { IDENTITY_HEADER, identitySigner, loadGatewaySigningKey, type Identity } from '../kit/identity';
import { logger } from '../kit/logger';
import { createRegistry, graphqlMetricsPlugin, metricsRoute } from '../kit/metrics';
import { authConfigFromEnv, createAuthenticator, type Authenticate } from './auth';
import { CircuitBreaker, type BreakerSettings } from './circuit-breaker';
import { corsPolicyFromEnv, gatewayConfig } from './config';
import { explorerLanding, explorerRoutes, type ExplorerTab } from './explorer';
import { limitsFromEnv, limitsPlugin, tokenLimit, type Limits } from './limits';
import { subgraphFetchMetrics, type SubgraphFetchMetrics } from './metrics';
import { subgraphFetcher } from './subgraph-fetcher';
import { supergraphFromFile } from './supergraph-source';

interface GatewayContext {
  requestId: string;
  identity: Identity;
  /** The identity signed for the subgraphs, once per request however many subgraphs it reaches. */
  signedIdentity: () => Promise<string>;
}

/**
 * A subgraph's refusal of a request it understood (HTTP 4xx with GraphQL errors, e.g. a
 * variable that is not a valid Decimal): its errors reach the client as they are.
 */
class SubgraphRejection extends GraphQLError {
  constructor(readonly errors: GraphQLFormattedError[]) {
    super('The subgraph rejected the request');
  }
}

/**
 * Vouches for the caller to each subgraph, passes the request id on for the logs, and
 * turns a subgraph that is down or too slow into an error naming it: the gateway still
 * answers with what the other subgraphs returned. A subgraph that keeps timing out is not
 * waited for at all while its circuit breaker is open (circuit-breaker.ts).
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly breaker: CircuitBreaker;

  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly timeoutMs: number,
    breaker: BreakerSettings,
    private readonly metrics: SubgraphFetchMetrics,
  ) {
    super({ url, fetcher: subgraphFetcher(timeoutMs) });
    this.breaker = new CircuitBreaker(breaker);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context.signedIdentity) return;
    request.http?.headers.set('x-request-id', context.requestId);
    request.http?.headers.set(IDENTITY_HEADER, await context.signedIdentity());
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response);
    const errors = (body as { errors?: unknown } | null)?.errors;
    if (response.status < 500 && Array.isArray(errors) && errors.length > 0) return new SubgraphRejection(errors);
    return new GraphQLError(`${response.status}: ${response.statusText}`, { extensions: { response: { status: response.status } } });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (!this.breaker.tryCall()) {
      this.metrics.start(this.subgraph)('unavailable');
      throw new GraphQLError(
        `The ${this.subgraph} subgraph is unavailable (it stopped answering; the next try is in ${Math.ceil(this.breaker.retryInMs() / 1000)} s); the fields it serves are missing.`,
        { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph } },
      );
    }
    const done = this.metrics.start(this.subgraph);
    try {
      const response = await super.process(options);
      this.breaker.succeeded();
      done(response.errors?.length ? 'graphql' : undefined);
      return response;
    } catch (error) {
      if (error instanceof SubgraphRejection) {
        this.breaker.succeeded();
        done('graphql');
        return { errors: error.errors };
      }
      this.breaker.failed();
      const timedOut = (error as Error).name === 'TimeoutError';
      done(timedOut ? 'timeout' : 'unavailable');
      // The cause (address, status) is for operators, not clients.
      const cause = (error as { cause?: Error }).cause;
      logger.warn(
        { service: 'gateway', requestId: options.context?.requestId, subgraph: this.subgraph, reason: (error as Error).message, cause: cause?.message },
        'subgraph call failed',
      );
      throw new GraphQLError(
        timedOut
          ? `The ${this.subgraph} subgraph did not answer within ${this.timeoutMs} ms; the fields it serves are missing.`
          : `The ${this.subgraph} subgraph is unavailable; the fields it serves are missing.`,
        { extensions: { code: timedOut ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraph } },
      );
    }
  }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** Watched: a changed file is loaded without a restart. Default `SUPERGRAPH_PATH` or schema/supergraph.graphql. */
  supergraphPath?: string;
  /** Signs identities for the subgraphs; default `GATEWAY_SIGNING_KEY` or the development key. */
  signingKey?: CryptoKey;
  /** Checks client tokens; default from `AUTH_*` variables or the development secret. */
  authenticate?: Authenticate;
  /** Overrides the limits from the environment (see limits.ts). */
  limits?: Partial<Limits>;
  /** Extra HTTP routes beside /graphql, /health, /ready and /metrics. */
  routes?: Record<string, RouteHandler>;
  /** Which browser origins may call it; default `CORS_ORIGINS` (config.ts). */
  cors?: CorsPolicy;
  /** The explorer's tabs; default one query anyone can run. */
  explorerTabs?: readonly ExplorerTab[];
}

export interface RunningGateway {
  port: number;
  url: string;
  registry: Registry;
  stop: () => Promise<void>;
}

/**
 * The Apollo gateway over the composed supergraph, with each subgraph's URL taken
 * from configuration rather than from the supergraph file.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const signingKey = options.signingKey ?? (await loadGatewaySigningKey());
  const signIdentityOf = identitySigner(signingKey);
  const authenticate = options.authenticate ?? (await createAuthenticator(authConfigFromEnv()));
  const limits = { ...limitsFromEnv(), ...options.limits };
  const registry = createRegistry('gateway');
  const fetchMetrics = subgraphFetchMetrics(registry);
  const apolloLogger = logger.child({ service: 'gateway' });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(options.supergraphPath ?? gatewayConfig.SUPERGRAPH_PATH),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, options.subgraphUrls[name as SubgraphName] ?? url!, limits.subgraphTimeoutMs, limits.breaker, fetchMetrics),
    logger: apolloLogger,
  });
  let loaded = false;
  let stopping = false;
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Anonymous introspection is governed by the limits plugin.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts handles SIGTERM: HTTP closes first so requests in flight finish.
    stopOnTerminationSignals: false,
    logger: apolloLogger,
    ...tokenLimit(limits),
    // A browser opening /graphql gets our offline explorer (kit/http `landing`), never Apollo's CDN page.
    plugins: [ApolloServerPluginLandingPageDisabled(), limitsPlugin(limits), graphqlMetricsPlugin(registry)],
  });
  await apollo.start();
  const http: Server = createGraphQLHttpServer({
    name: 'gateway',
    server: apollo,
    context: async ({ requestId, headers }) => {
      const identity = await authenticate(headers.get('authorization'));
      return { requestId, identity, signedIdentity: once(() => signIdentityOf(identity)) };
    },
    // Ready once a supergraph is loaded; a down subgraph only costs its own fields, so it
    // does not take the gateway out of the load balancer.
    ready: async () => loaded && !stopping,
    routes: { ...explorerRoutes(options.explorerTabs), ...options.routes, '/metrics': metricsRoute(registry) },
    cors: options.cors ?? corsPolicyFromEnv(),
    landing: explorerLanding,
  });
  const port = await listen(http, options.port, options.host);
  logger.info({ service: 'gateway', port, subgraphs: options.subgraphUrls, limits }, 'gateway listening');
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    registry,
    stop: async () => {
      stopping = true;
      await close(http);
      await apollo.stop();
    },
  };
}
