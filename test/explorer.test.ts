import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { clientToken } from './support/auth';
import { startTestGraph, type TestGraph } from './support/graph';

/** Debian's chromium; .ci/run installs it. Never skipped: a missing browser fails the suite. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let graph: TestGraph;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the explorer test needs Debian's chromium (apt-get install -y chromium; .ci/run does it).`);
  }
  graph = await startTestGraph('sqlite');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  origin = new URL(graph.gatewayUrl).origin;
});

afterAll(async () => {
  await browser?.close();
  await graph?.stop();
});

describe('offline explorer', () => {
  it('serves only whitelisted assets, with a self-only CSP and long caching for hashed URLs', async () => {
    const page = await fetch(`${origin}/explorer`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const graphiqlUrl = /src="(\/explorer\/assets\/graphiql\.min\.js\?v=\w+)"/.exec(html)![1];
    const asset = await fetch(origin + graphiqlUrl);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    for (const path of ['/explorer/assets/package.json', '/explorer/assets/..%2F..%2Fpackage.json', '/explorer/assets/../gateway.ts']) {
      expect((await fetch(origin + path)).status).toBe(404);
    }
    expect((await fetch(`${origin}/explorer`, { method: 'POST' })).status).toBe(405);
  });

  it('is where a browser opening / or /graphql lands, with nothing fetched from outside localhost (screenshots)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    const dir = mkdtempSync(join(tmpdir(), 'explorer-landing-'));
    for (const path of ['/', '/graphql']) {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(origin + path);
      await page.locator('.graphiql-execute-button').waitFor();
      expect(new URL(page.url()).pathname).toBe('/explorer');
      const screenshot = join(dir, `${path === '/' ? 'root' : 'graphql'}.png`);
      await page.screenshot({ path: screenshot });
      const png = readFileSync(screenshot);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.length).toBeGreaterThan(20_000);
      console.log(`landing screenshot (${path}): ${screenshot}`);
      await page.close();
    }
    expect(outside).toEqual([]);
    await context.close();
  });

  it("runs an analyst's query with every outside request blocked, and shows the counts", async () => {
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    const expected = { kindergarten: 0, primaryAndSecondary: 0, vocational: 0, specialEducation: 0, total: 0 };
    const field = { KINDERGARTEN: 'kindergarten', PRIMARY_AND_SECONDARY: 'primaryAndSecondary', VOCATIONAL: 'vocational', SPECIAL_EDUCATION: 'specialEducation' } as const;
    for (const teacher of graph.province.teachers) {
      expected[field[schools.get(teacher.schoolId)!.category]] += 1;
      expected.total += 1;
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const outside: string[] = [];
    // The network is "closed": anything but the gateway itself is aborted and recorded.
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
      outside.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    // Well inside Jest's timeout, so a stuck step fails with Playwright's account of what it awaited.
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => problems.push(`failed ${request.url()}: ${request.failure()?.errorText}`));

    await page.goto(`${origin}/explorer`);
    await page.fill('#token', await clientToken({ role: 'ANALYST', subject: 'a' }));
    await page.locator('.graphiql-execute-button').click();

    // Waits through Playwright's selector engine: string predicates are eval'd in the page,
    // which the page's CSP rightly refuses.
    const pane = page.locator('.graphiql-response');
    await pane.getByText(/"(data|errors)"/).first().waitFor();
    // The pane is a CodeMirror editor: its whole value, not only the lines it renders.
    const text = await pane.locator('.CodeMirror').evaluate((editor) => (editor as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
    const result = JSON.parse(text);
    expect(result.errors).toBeUndefined();
    expect(result.data.region.name).toBe('四川省');
    expect(result.data.region.teacherCounts).toEqual(expected);
    await page.getByText(`"total": ${expected.total}`).first().waitFor();

    const screenshot = join(mkdtempSync(join(tmpdir(), 'explorer-')), 'explorer.png');
    await page.screenshot({ path: screenshot });
    const png = readFileSync(screenshot);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
    expect(png.length).toBeGreaterThan(20_000);
    // Printed so a person can look at it: the counts should be readable in the result pane.
    console.log(`explorer screenshot: ${screenshot}`);

    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });
});
