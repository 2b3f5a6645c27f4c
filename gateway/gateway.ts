import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { SUPERGRAPH_PATH, type SubgraphName } from '../schema/subgraphs';
import { close, createGraphQLHttpServer, listen } from '../subgraphs/shared/http';
import { logger } from '../subgraphs/shared/logger';

interface GatewayContext {
  requestId: string;
}

/** Passes the request id on, so one request can be followed through every subgraph's logs. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphUrls: Record<SubgraphName, string>;
  supergraphPath?: string;
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
    context: async ({ requestId }) => ({ requestId }),
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
