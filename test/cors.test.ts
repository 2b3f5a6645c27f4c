import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningGateway } from '../gateway/gateway';
import { corsPolicyFromEnv } from '../gateway/config';
import { allowsOrigin } from '../kit/cors';
import { listen, close } from '../kit/http';
import { clientToken, SICHUAN_BUREAU } from './support/auth';
import { startTestGateway, startTestGraph, type TestGraph } from './support/graph';

/** Debian's chromium, as test/explorer.test.ts uses it. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A frontend on an origin of its own: a blank page the test runs its script in. */
async function frontend(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>frontend</title>'));
  const port = await listen(server, 0, '127.0.0.1');
  return { origin: `http://127.0.0.1:${port}`, server };
}

/**
 * Browsers: a frontend on another origin calls the gateway when its origin is allowed
 * (CORS_ORIGINS), with its bearer token and credentials, and is kept out otherwise; a person
 * opening the gateway's address lands in the offline explorer.
 */
describe('CORS and browser pages at the gateway', () => {
  let graph: TestGraph;
  let gateway: RunningGateway;
  let browser: Browser;
  let allowed: Awaited<ReturnType<typeof frontend>>;
  let other: Awaited<ReturnType<typeof frontend>>;
  let gatewayOrigin: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it).`);
    graph = await startTestGraph('sqlite', { teachers: 20 });
    [allowed, other] = [await frontend(), await frontend()];
    gateway = await startTestGateway(graph, { cors: { origins: [allowed.origin], localhost: false } });
    gatewayOrigin = `http://127.0.0.1:${gateway.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await Promise.all([allowed, other].filter(Boolean).map((f) => close(f.server)));
    await graph?.stop();
  });

  /** Runs the frontend's call in a page of `origin`: a cross-origin POST with a token and credentials, so the browser sends a preflight. */
  async function callFrom(origin: string): Promise<{ ok: true; status: number; body: any; requestId: string | null } | { ok: false; error: string }> {
    const page: Page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(
        async ({ url, token }) => {
          try {
            const response = await fetch(url, {
              method: 'POST',
              credentials: 'include',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({ query: '{ teachers { totalCount } }' }),
            });
            return { ok: true as const, status: response.status, body: await response.json(), requestId: response.headers.get('x-request-id') };
          } catch (error) {
            return { ok: false as const, error: String(error) };
          }
        },
        { url: `${gatewayOrigin}/graphql`, token: await clientToken(SICHUAN_BUREAU) },
      );
    } finally {
      await page.close();
    }
  }

  it('answers a page on an allowed origin, token and credentials included, in a real browser', async () => {
    const result = await callFrom(allowed.origin);
    expect(result).toMatchObject({ ok: true, status: 200, body: { data: { teachers: { totalCount: graph.province.teachers.length } } } });
    expect(result.ok && result.requestId).toMatch(/\S+/);
  });

  it('keeps a page on another origin out: the browser refuses it the answer', async () => {
    expect(await callFrom(other.origin)).toEqual({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
  });

  it('answers the preflight of an allowed origin, and refuses that of another with 403', async () => {
    const preflight = (origin: string) =>
      fetch(`${gatewayOrigin}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const yes = await preflight(allowed.origin);
    expect(yes.status).toBe(204);
    expect(Object.fromEntries(['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'vary'].map((h) => [h, yes.headers.get(h)]))).toEqual({
      'access-control-allow-origin': allowed.origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      vary: 'Origin',
    });
    expect(yes.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type/);
    const no = await preflight(other.origin);
    expect(no.status).toBe(403);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows local pages by default in development, and no origin by default in production', () => {
    const environment = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'development';
      expect(allowsOrigin(corsPolicyFromEnv(), 'http://localhost:5173')).toBe(true);
      expect(allowsOrigin(corsPolicyFromEnv(), 'https://evil.example')).toBe(false);
      process.env.NODE_ENV = 'production';
      expect(corsPolicyFromEnv()).toEqual({ origins: [], localhost: false });
    } finally {
      process.env.NODE_ENV = environment;
    }
  });

  it.each(['/', '/graphql'])('takes a browser opening %s to the offline explorer; GraphQL clients are answered as before', async (path) => {
    const page = await browser.newPage();
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1') return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    try {
      await page.goto(`${gatewayOrigin}${path}`);
      expect(new URL(page.url()).pathname).toBe('/explorer');
      await page.locator('.graphiql-execute-button').waitFor({ timeout: 15_000 });
      expect(outside).toEqual([]);
    } finally {
      await page.close();
    }
    const get = await fetch(`${gatewayOrigin}${path}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
