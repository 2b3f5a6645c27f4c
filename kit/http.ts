import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { applyCors, type CorsPolicy } from './cors';
import { logger } from './logger';
import { processConfig } from './settings';
import { incomingContext, inSpan, SpanKind } from './telemetry';

export interface RequestInfo {
  requestId: string;
  headers: HeaderMap;
}

/** A plain HTTP route beside GraphQL (metrics, explorer assets...). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  name: string;
  server: ApolloServer<TContext>;
  context: (request: RequestInfo) => Promise<TContext>;
  /** Wraps the execution of one operation, e.g. to count its SQL statements. */
  around?: <R>(request: RequestInfo, run: () => Promise<R>) => Promise<{ result: R; headers?: Record<string, string> }>;
  /** `GET /ready`: true when the service can serve (database reachable...). */
  ready: () => Promise<boolean>;
  /** Extra routes by exact path, matched before GraphQL. */
  routes?: Record<string, RouteHandler>;
  /** Browsers on these origins may call it (kit/cors.ts); none when absent. */
  cors?: CorsPolicy;
  /** A browser opening `/` or `/graphql` as a page (GET, HTML wanted, no `query`) gets this instead of GraphQL. */
  landing?: RouteHandler;
}

/** A person's browser asking for a page, not a GraphQL client asking a query over GET. */
function isPageRequest(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && /\btext\/html\b/.test(String(req.headers.accept ?? ''));
}

class BodyTooLarge extends Error {}

/**
 * Reads the body up to MAX_BODY_BYTES. Past that it stops keeping chunks but lets the rest
 * drain: destroying the socket mid-upload would reset the connection before the client
 * reads the 413.
 */
function readBody(req: IncomingMessage): Promise<string> {
  const limit = processConfig.MAX_BODY_BYTES;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function writeGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse, extra: Record<string, string>): Promise<void> {
  for (const [key, value] of response.headers) res.setHeader(key, value);
  for (const [key, value] of Object.entries(extra)) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * A plain `node:http` front for an Apollo server: `/graphql` (also `/`), `GET /health`
 * (the process is alive) and `GET /ready` (it can serve). Shared by the gateway and
 * every subgraph so they answer probes and errors the same way.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.cors && applyCors(options.cors, req, res)) return;
    if (req.method === 'GET' && url.pathname === '/health') {
      sendJson(res, 200, { status: 'ok', service: options.name });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/ready') {
      const ready = await options.ready().catch(() => false);
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', service: options.name });
      return;
    }
    const route = options.routes?.[url.pathname];
    if (route) {
      await route(req, res, url);
      return;
    }
    if (url.pathname !== '/graphql' && url.pathname !== '/') {
      sendJson(res, 404, { error: `No route ${url.pathname}: GraphQL is served at /graphql.` });
      return;
    }
    if (options.landing && isPageRequest(req, url)) {
      await options.landing(req, res, url);
      return;
    }
    // One server span per GraphQL request, continuing the caller's trace (a client's or the gateway's traceparent).
    await inSpan(
      `graphql ${options.name}`,
      { kind: SpanKind.SERVER, parent: incomingContext(req.headers), attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': url.pathname } },
      () => serveGraphQL(req, res, url),
    );
  };

  const serveGraphQL = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const requestId = headers.get('x-request-id') || randomUUID();
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const text = await readBody(req);
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      }
    }
    const info: RequestInfo = { requestId, headers };
    const started = process.hrtime.bigint();
    const execute = () =>
      options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context(info),
      });
    const { result, headers: extra = {} } = options.around
      ? await options.around(info, execute)
      : { result: await execute() };
    await writeGraphQLResponse(res, result, { 'x-request-id': requestId, ...extra });
    logger.info(
      { service: options.name, requestId, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, ...extra },
      'graphql request',
    );
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, { errors: [{ message: `The request body exceeds ${processConfig.MAX_BODY_BYTES} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        return;
      }
      logger.error({ service: options.name, err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
}

/** Listens on `port` (0 = any free port) and resolves with the port taken. */
export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops taking connections and waits for the requests in flight. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
