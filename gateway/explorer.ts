import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RouteHandler } from '../kit/http';

/**
 * GraphiQL served by the gateway itself, for analysts whose networks cannot reach a CDN:
 * every script and stylesheet comes from the project's own node_modules or from this file.
 */

const EXPLORER_PATH = '/explorer';
const ASSETS_PATH = `${EXPLORER_PATH}/assets/`;

/** Only 'self': the page works with the network closed and injected markup cannot run. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // GraphiQL's stylesheet embeds its fonts and a few icons as data: URLs.
  "font-src 'self' data:",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** One of the explorer's tabs: an operation, and its variables as JSON text. */
export interface ExplorerTab {
  query: string;
  variables?: string;
}

const DEFAULT_TABS: ExplorerTab[] = [
  {
    query: `# Teachers of Sichuan (510000) and of its cities.
# Paste a token above, then press Ctrl-Enter.
{
  region(code: "510000") {
    name
    teacherCounts {
      kindergarten
      primaryAndSecondary
      vocational
      specialEducation
      total
    }
    children { code name teacherCounts { total } }
  }
}
`,
  },
];

/**
 * Mounts GraphiQL with `tabs` open. The token box fills `Authorization` (kept in localStorage so
 * a reload does not lose it); a header typed in GraphiQL's headers editor wins over it.
 */
const explorerJs = (tabs: readonly ExplorerTab[]) => `'use strict';
(() => {
  const TOKEN_KEY = 'teacher-training-explorer:token';
  const input = document.getElementById('token');
  input.value = localStorage.getItem(TOKEN_KEY) ?? '';
  input.addEventListener('input', () => localStorage.setItem(TOKEN_KEY, input.value.trim()));

  const fetcher = async (params, options) => {
    const headers = new Headers({ 'content-type': 'application/json', accept: 'application/json' });
    const token = input.value.trim().replace(/^Bearer\\s+/i, '');
    if (token) headers.set('authorization', 'Bearer ' + token);
    for (const [name, value] of Object.entries(options?.headers ?? {})) headers.set(name, String(value));
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
    return response.json();
  };

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultTabs: ${JSON.stringify(tabs.map((t) => ({ query: t.query, variables: t.variables })))} }),
  );
})();
`;

// Lays the token bar above GraphiQL; a stylesheet because the CSP forbids inline styles.
const EXPLORER_CSS = `html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
header { display: flex; align-items: center; gap: 0.5rem; padding: 0.4rem 1rem; border-bottom: 1px solid #ddd; font-size: 14px; }
header strong { margin-right: auto; }
header input { width: 28rem; max-width: 50vw; font: 12px monospace; padding: 0.25rem; }
#graphiql { flex: 1; min-height: 0; }
`;

const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#e10098"/></svg>`;

interface Asset {
  type: string;
  body: () => Buffer;
}

function fromPackage(pkg: string, file: string, type: string): Asset {
  // `exports` of react and react-dom hides umd/, but every package exports its package.json.
  return { type, body: () => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file)) };
}

function inline(text: string, type: string): Asset {
  return { type, body: () => Buffer.from(text) };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The only names served: each is a route of its own, so no path reaches the file system. */
const assets = (tabs: readonly ExplorerTab[]): Record<string, Asset> => ({
  'react.production.min.js': fromPackage('react', 'umd/react.production.min.js', JS),
  'react-dom.production.min.js': fromPackage('react-dom', 'umd/react-dom.production.min.js', JS),
  'graphiql.min.js': fromPackage('graphiql', 'graphiql.min.js', JS),
  'graphiql.min.css': fromPackage('graphiql', 'graphiql.min.css', CSS),
  // The bundles name these maps; an analyst opening DevTools offline would otherwise see 404s.
  'graphiql.min.js.map': fromPackage('graphiql', 'graphiql.min.js.map', 'application/json'),
  'graphiql.min.css.map': fromPackage('graphiql', 'graphiql.min.css.map', 'application/json'),
  'explorer.js': inline(explorerJs(tabs), JS),
  'explorer.css': inline(EXPLORER_CSS, CSS),
  'favicon.svg': inline(FAVICON_SVG, 'image/svg+xml'),
});

interface Body {
  body: Buffer;
  gzipped: Buffer;
}

interface Loaded extends Body {
  /** Content hash, in the page's asset URLs. */
  version: string;
}

function compressed(body: Buffer): Body {
  return { body, gzipped: gzipSync(body) };
}

function allowGetOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  res.writeHead(405, { allow: 'GET, HEAD' }).end();
  return false;
}

function send(req: IncomingMessage, res: ServerResponse, loaded: Body, headers: Record<string, string>): void {
  // GraphiQL is 3.5 MB as shipped; provincial links are slow, and it compresses to a fifth.
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? loaded.gzipped : loaded.body;
  res.writeHead(200, {
    ...headers,
    'content-length': String(body.length),
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** A browser opening `/` or `/graphql` is sent to the explorer: the address `npm start` prints works as a page too. */
export const explorerLanding: RouteHandler = (_req, res) => {
  res.writeHead(302, { location: EXPLORER_PATH, 'cache-control': 'no-cache' }).end();
};

/**
 * `GET /explorer` and its whitelisted assets, for the `routes` of the gateway's HTTP server,
 * opening `tabs` (`npm start`: an example per kind of user over the demo data).
 */
export function explorerRoutes(tabs: readonly ExplorerTab[] = DEFAULT_TABS): Record<string, RouteHandler> {
  const served = assets(tabs);
  // Read and compressed on first request, not at start: a gateway nobody explores never pays for it.
  const cache = new Map<string, Loaded>();
  const load = (name: string): Loaded => {
    let loaded = cache.get(name);
    if (!loaded) {
      const body = served[name].body();
      loaded = { ...compressed(body), version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
      cache.set(name, loaded);
    }
    return loaded;
  };
  // The page names each asset with its content hash, so assets can be cached for good and an
  // upgraded dependency is still fetched anew.
  const assetUrl = (name: string) => `${ASSETS_PATH}${name}?v=${load(name).version}`;

  let page: Body | undefined;
  const explorerPage = (): Body => {
    if (!page) {
      const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Teacher-training graph explorer</title>
<link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${assetUrl('graphiql.min.css')}">
<link rel="stylesheet" href="${assetUrl('explorer.css')}">
</head>
<body>
<header>
<strong>Teacher-training graph</strong>
<label for="token">Bearer token</label>
<input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="eyJ… (empty: anonymous)">
</header>
<div id="graphiql">Loading the explorer…</div>
<script src="${assetUrl('react.production.min.js')}"></script>
<script src="${assetUrl('react-dom.production.min.js')}"></script>
<script src="${assetUrl('graphiql.min.js')}"></script>
<script src="${assetUrl('explorer.js')}"></script>
</body>
</html>
`;
      page = compressed(Buffer.from(html));
    }
    return page;
  };

  const routes: Record<string, RouteHandler> = {
    [EXPLORER_PATH]: (req, res) => {
      if (!allowGetOnly(req, res)) return;
      send(req, res, explorerPage(), {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        // Revalidated every time so a new deployment's asset hashes are picked up at once.
        'cache-control': 'no-cache',
        'referrer-policy': 'no-referrer',
      });
    },
  };
  for (const [name, asset] of Object.entries(served)) {
    routes[ASSETS_PATH + name] = (req, res, url) => {
      if (!allowGetOnly(req, res)) return;
      const loaded = load(name);
      // Only the hashed URL is forever: a bare or stale one must not pin old content for a year.
      const cacheControl = url.searchParams.get('v') === loaded.version ? 'public, max-age=31536000, immutable' : 'no-cache';
      send(req, res, loaded, { 'content-type': asset.type, 'cache-control': cacheControl });
    };
  }
  return routes;
}
