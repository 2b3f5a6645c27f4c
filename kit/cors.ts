import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cross-origin requests from browsers (CORS): which page origins may call this server, and the
 * headers that tell the browser so. A page on an origin of the allow-list may send the graph's
 * requests with their `Authorization` header and with credentials (`fetch(…, { credentials:
 * 'include' })`); any other origin gets no CORS headers, so the browser keeps the answer from it,
 * and its preflight is refused with 403.
 */
export interface CorsPolicy {
  /** Exact origins (`https://portal.example.gov.cn`), as the browser sends them in `Origin`. */
  origins: readonly string[];
  /** Also any `http://localhost:<port>` or `http://127.0.0.1:<port>` page (development). */
  localhost: boolean;
}

const LOCALHOST = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;
/** What a GraphQL client sends: JSON, a bearer token, our request id, Apollo's CSRF header. */
const ALLOWED_HEADERS = 'authorization, content-type, x-request-id, apollo-require-preflight, x-apollo-operation-name';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export function allowsOrigin(policy: CorsPolicy, origin: string): boolean {
  return policy.origins.includes(origin) || (policy.localhost && LOCALHOST.test(origin));
}

/**
 * Adds the CORS headers a request from an allowed origin needs, and answers a preflight
 * (`OPTIONS` with `Access-Control-Request-Method`). Returns true when the request is answered.
 */
export function applyCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  // Answers differ by origin, so caches must keep them apart.
  res.setHeader('vary', 'Origin');
  if (!origin) return false;
  if (!allowsOrigin(policy, origin)) {
    if (!preflight) return false;
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: `Origin ${origin} may not call this graph: it is not in CORS_ORIGINS.` }));
    return true;
  }
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-expose-headers', 'x-request-id');
  if (!preflight) return false;
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
  });
  res.end();
  return true;
}
