import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { KeyLike } from 'jose';
import { SUPERGRAPH_PATH, type SubgraphName } from '../schema/subgraphs';
import { close, createGraphQLHttpServer, listen } from '../subgraphs/shared/http';
import { IDENTITY_HEADER, loadGatewaySigningKey, signIdentity, type Identity } from '../subgraphs/shared/identity';
import { logger } from '../subgraphs/shared/logger';
import { authConfigFromEnv, createAuthenticator, type Authenticate } from './auth';

interface GatewayContext {
  requestId: string;
  identity: Identity;
  /** The identity signed for the subgraphs, once per request however many subgraphs it reaches. */
  signedIdentity: () => Promise<string>;
}

/** Vouches for the caller to each subgraph and passes the request id on for the logs. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): Promise<void> {
    if (!context.signedIdentity) return;
    request.http?.headers.set('x-request-id', context.requestId);
    request.http?.headers.set(IDENTITY_HEADER, await context.signedIdentity());
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
  supergraphPath?: string;
  /** Signs identities for the subgraphs; default `GATEWAY_SIGNING_KEY` or the development key. */
  signingKey?: KeyLike;
  /** Checks client tokens; default from `AUTH_*` variables or the development secret. */
  authenticate?: Authenticate;
}

export interface RunningGateway {
  port: number;
  url: string;
  stop: () => Promise<void>;
}

/**
 * The Apollo gateway over the composed supergraph, with each subgraph's URL taken
 * from configuration rather than from the supergraph file.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const signingKey = options.signingKey ?? (await loadGatewaySigningKey());
  const authenticate = options.authenticate ?? (await createAuthenticator(authConfigFromEnv()));
  const supergraphSdl = readFileSync(options.supergraphPath ?? SUPERGRAPH_PATH, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({ url: options.subgraphUrls[name as SubgraphName] ?? url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();
  const http: Server = createGraphQLHttpServer({
    name: 'gateway',
    server: apollo,
    context: async ({ requestId, headers }) => {
      const identity = await authenticate(headers.get('authorization'));
      return { requestId, identity, signedIdentity: once(() => signIdentity(identity, signingKey, requestId)) };
    },
    ready: async () => true,
  });
  const port = await listen(http, options.port, options.host);
  logger.info({ service: 'gateway', port, subgraphs: options.subgraphUrls }, 'gateway listening');
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    stop: async () => {
      await close(http);
      await apollo.stop();
    },
  };
}
