import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import {
  boolean,
  databaseUrl,
  declareConfig,
  duration,
  integer,
  oneOf,
  pemKey,
  port,
  secret,
  variable,
  type Config,
  type Declarations,
  type KeySource,
} from './config';

/**
 * The project root: the nearest directory above this file with a package.json. From source
 * that is kit/'s parent; from the build (dist/kit/) it is dist/'s parent, so `npm start` and
 * `node dist/…` share one `data/`.
 */
export const PROJECT_ROOT = projectRoot(__dirname);

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(from, '..');
  }
}

/** Where the embedded default keeps its SQLite files: git-ignored `data/` at the project root. */
export const EMBEDDED_DATA_DIR = join(PROJECT_ROOT, 'data');

/** Development keys and secrets, made on first use by `npm start` and `npm run keys`: never for production. */
export const DEV_KEYS_DIR = join(EMBEDDED_DATA_DIR, 'keys');

export const environmentConfig = declareConfig('every process', {
  NODE_ENV: variable(oneOf(['development', 'production', 'test']), {
    default: 'development',
    description:
      '`production` refuses development keys and secrets (anything from `data/keys/`), logs JSON lines and turns anonymous introspection off; jest sets `test` (logs silent).',
  }),
});

export function isProduction(): boolean {
  return environmentConfig.NODE_ENV === 'production';
}

/** The variables every process reads: gateway, subgraphs, `npm start`. */
export const processConfig = declareConfig('every process', {
  PORT: variable(port(), {
    description: 'Port to listen on (0: any free port).',
    defaultText: "the service's own: gateway 4000, subgraphs 4001–4004 and 4013 (`npm run start:<name>`)",
  }),
  LOG_LEVEL: variable(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), {
    default: () => (environmentConfig.NODE_ENV === 'test' ? 'silent' : 'info'),
    defaultText: '`info` (`silent` under NODE_ENV=test)',
    description: 'Least severe event logged. Logs carry ids, never personal data; a request id travels from the gateway to every subgraph.',
  }),
  LOG_FORMAT: variable(oneOf(['pretty', 'json']), {
    default: () => (environmentConfig.NODE_ENV === 'development' ? 'pretty' : 'json'),
    defaultText: '`pretty` in development, `json` otherwise',
    description: '`pretty`: one readable line per event (`12:03:04 INFO gateway listening port=4000`); `json`: one JSON object per line, for a log collector.',
  }),
  MAX_BODY_BYTES: variable(integer('bytes'), {
    default: 1_000_000,
    description: 'Largest request body accepted; a larger one is answered 413 `PAYLOAD_TOO_LARGE`.',
  }),
  SHUTDOWN_GRACE_MS: variable(duration(), {
    default: 15_000,
    description: 'On SIGTERM or SIGINT the process stops taking requests and waits at most this long for those in flight.',
  }),
  TOKEN_CLOCK_SKEW_MS: variable(duration(), {
    default: 30_000,
    description:
      'How far apart machines’ clocks may be when a token’s times (`exp`, `iat`, `nbf`) are checked: client tokens at the gateway, the gateway’s identities at the subgraphs.',
  }),
  METRICS_TOKEN: variable(secret(), {
    defaultText: 'unset: `/metrics` open (keep it off the public network)',
    description: 'When set, a scrape of `/metrics` must send `Authorization: Bearer <token>`.',
  }),
});

/** The variables every subgraph reads through the kit (storage, the gateway's key). */
export const subgraphConfig = declareConfig('every subgraph', {
  DATABASE_URL: variable(databaseUrl(), {
    defaultText: 'unset: embedded SQLite `data/<subgraph>.sqlite`',
    description:
      "Database of every subgraph without its own `<NAME>_DATABASE_URL`. Migrations run at start; each subgraph keeps its own migration table, so they may share one database.",
  }),
  DATABASE_POOL_SIZE: variable(integer('connections'), { default: 10, description: 'MySQL/MariaDB connections each subgraph keeps.' }),
  LOG_SQL: variable(boolean(), { default: false, description: 'Print every SQL statement.' }),
  AGGREGATE_TIME_LIMIT_MS: variable(duration(), {
    default: 10_000,
    description:
      'On MySQL/MariaDB the database stops a long aggregate query at this limit, so a statement the gateway no longer waits for stops too, and the client gets the subgraph’s timeout error (credits: `AGGREGATE_TIMEOUT` with the region). Raise it together with `SUBGRAPH_TIMEOUT_MS`.',
  }),
  GATEWAY_IDENTITY_MAX_LIFETIME_MS: variable(duration(), {
    default: 60_000,
    description:
      'Longest lifetime (`exp` − `iat`) of a gateway identity a subgraph accepts; the gateway signs each for 60 s, so a leaked header is soon useless and one signed for longer is refused.',
  }),
  GATEWAY_PUBLIC_KEY: variable(pemKey('public'), {
    defaultText: 'development key in `data/keys/` (refused in production)',
    description: "The gateway's Ed25519 public key: a subgraph answers only requests the gateway signed.",
  }),
});

/** The gateway's signing key: read by the gateway and by the conformance kit, which talks to a subgraph as the gateway does. */
export const gatewayKeyConfig = declareConfig('gateway, conformance kit', {
  GATEWAY_SIGNING_KEY: variable(pemKey('private'), {
    defaultText: 'development key in `data/keys/` (refused in production)',
    description: "The gateway's Ed25519 private key, which signs the caller's identity for the subgraphs (`x-gateway-identity`).",
  }),
});

const databaseConfigs = new Map<string, Config<Declarations>>();

/** `<NAME>_DATABASE_URL` of one store (`TEACHERS_DATABASE_URL`, `LEGACY_CREDITS_DATABASE_URL`…). */
export function databaseUrlVariable(store: string): string {
  return `${store.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
}

/** The group declaring one subgraph's own database URL. */
export function databaseConfig(store: string): Config<Declarations> {
  let config = databaseConfigs.get(store);
  if (!config) {
    config = declareConfig(`${store.replace(/_/g, '-')} subgraph`, {
      [databaseUrlVariable(store)]: variable(databaseUrl(), {
        defaultText: '`DATABASE_URL`',
        description: `Database of the ${store.replace(/_/g, '-')} subgraph.`,
      }),
    });
    databaseConfigs.set(store, config);
  }
  return config;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function developmentFiles(): string[] {
  if (!existsSync(DEV_KEYS_DIR)) return [];
  return readdirSync(DEV_KEYS_DIR)
    .map((name) => join(DEV_KEYS_DIR, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8').trim());
}

/** A key or secret from `data/keys/`: a path into it, or the same text as one of its files. */
export function isDevelopmentSecret(path: string | null, content: string): boolean {
  if (path && isInside(path, DEV_KEYS_DIR)) return true;
  return developmentFiles().includes(content.trim());
}

/**
 * In production a key must be given, and not be a development one. `what` tells the operator
 * what to give, e.g. "the gateway's Ed25519 public key (PEM or the path of a PEM file)".
 */
export function productionKeyProblems(name: string, key: KeySource | undefined, what: string): string[] {
  if (!isProduction()) return [];
  if (!key) return [`${name} must be set when NODE_ENV=production: ${what}; the development key in data/keys/ is for local use only.`];
  if (isDevelopmentSecret(key.path, key.pem)) return [`${name} is a development key from data/keys/, refused when NODE_ENV=production: set ${name} to ${what}.`];
  return [];
}

/** Checked by every subgraph at start. */
export function subgraphProductionRule(): string[] {
  return productionKeyProblems('GATEWAY_PUBLIC_KEY', subgraphConfig.GATEWAY_PUBLIC_KEY, "the gateway's Ed25519 public key (PEM, or the path of a PEM file)");
}
