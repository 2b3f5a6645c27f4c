import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { injectTraceContext } from '../kit/telemetry';

/**
 * The gateway's HTTP client for subgraph calls: `node:http` with keep-alive agents and a
 * deadline per call. Chosen over Node's fetch because fetch (undici behind WHATWG streams)
 * cost the gateway about 15 % of its CPU per subgraph call in the benchmark's profiles
 * (BENCHMARKS.md), and a subgraph call needs none of what streams give: the request body is
 * one JSON string and the answer is read whole. Idle connections are kept per subgraph, so a
 * call pays no TCP handshake.
 */
/**
 * `timeout` matters only for idle sockets here (a call's deadline is our own timer): with it
 * set, Node's agent honours the subgraph's `Keep-Alive: timeout=5` hint and drops an idle
 * socket a second before the server would, instead of keeping it until reuse meets a reset.
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 60_000 };
const AGENTS = { 'http:': new http.Agent(AGENT_OPTIONS), 'https:': new https.Agent(AGENT_OPTIONS) };

/** Named as AbortSignal.timeout's error is, which the gateway reports as SUBGRAPH_TIMEOUT. */
class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function bufferedResponse(url: string, status: number, statusText: string, rawHeaders: http.IncomingHttpHeaders, body: Buffer): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const response: FetcherResponse = {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText,
    headers,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')),
    clone: () => bufferedResponse(url, status, statusText, rawHeaders, body),
  };
  return response;
}

/** A kept-alive socket the server closed as idle just as it was reused: the request never reached it. */
class StaleSocketError extends Error {}

const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

function attempt(url: string, init: Parameters<Fetcher>[1] = {}, timeoutMs: number): Promise<FetcherResponse> {
  return new Promise<FetcherResponse>((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const agent = AGENTS[target.protocol as keyof typeof AGENTS];
    let answered = false;
    // The W3C traceparent of the active span (Apollo Gateway's fetch span), so the subgraph continues the trace.
    const headers = { ...init.headers };
    injectTraceContext(headers);
    const request = client.request(target, { method: init.method ?? 'GET', headers, agent }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(deadline);
        resolve(bufferedResponse(url, response.statusCode ?? 0, response.statusMessage ?? '', response.headers, Buffer.concat(chunks)));
      });
      response.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
    });
    const deadline = setTimeout(() => request.destroy(new TimeoutError(`No answer from ${target.origin} within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      const stale = request.reusedSocket && !answered && STALE_SOCKET_CODES.has(error.code ?? '');
      reject(stale ? new StaleSocketError(error.message, { cause: error }) : error);
    });
    request.end(init.body);
  });
}

/**
 * One call with a deadline. A call whose reused keep-alive connection is reset before any
 * answer is sent again on another connection (at most twice), as Node's http documentation
 * advises: that is a subgraph closing an idle connection as the call arrives, so the call was
 * never read. (A subgraph that crashed mid-call on a reused connection would look the same; it
 * is down then, and the second attempt fails to connect.) A reset on a fresh connection is not
 * retried. Undici avoided the race by expiring sockets early, which the agent options now do too.
 */
export function subgraphFetcher(timeoutMs: number): Fetcher {
  return async (url, init) => {
    for (let tries = 0; ; tries += 1) {
      try {
        return await attempt(url, init, timeoutMs);
      } catch (error) {
        if (error instanceof StaleSocketError && tries < 2) continue;
        throw error instanceof StaleSocketError ? (error.cause as Error) : error;
      }
    }
  };
}
