import { relative } from 'node:path';
import { boolean, declareConfig, duration, file, integer, oneOf, origins, pemKey, secret, secretFile, text, url, variable, type ConfigGroup, type Rule } from '../kit/config';
import type { CorsPolicy } from '../kit/cors';
import { telemetryConfig } from '../kit/telemetry';
import { environmentConfig, gatewayKeyConfig, isDevelopmentSecret, isProduction, processConfig, productionKeyProblems } from '../kit/settings';
import { SUBGRAPHS, SUPERGRAPH_PATH, defaultSubgraphUrl, subgraphUrlVariable, type SubgraphName } from '../schema/subgraphs';

/**
 * The V8 flags every deployment starts the gateway with (`NODE_OPTIONS` in docker-compose.yml and
 * deploy/k8s/base/gateway.yaml; `npm run bench` too, `BENCH_GATEWAY_NODE_OPTIONS` to try others).
 * The gateway's heap is mostly short-lived request garbage: a smaller young generation is swept
 * sooner, and a ceiling on the old one makes V8 collect rather than grow. Under the benchmark's load
 * this keeps peak RSS under 200 MB (about 280 MB without) at the same throughput (BENCHMARKS.md, issue 19 (e)).
 */
export const GATEWAY_NODE_OPTIONS = '--max-semi-space-size=8 --max-old-space-size=256';

/** HS256 needs a key as long as its hash: 256 bits, 32 characters at the least. */
const MIN_SECRET_LENGTH = 32;

const subgraphUrls = declareConfig(
  'gateway',
  Object.fromEntries(
    SUBGRAPHS.map(({ name }) => [
      subgraphUrlVariable(name),
      variable(url(), {
        default: defaultSubgraphUrl(name),
        description: `Where the gateway finds the ${name} subgraph. A province that runs its own ${name} service sets this and nothing else.`,
      }),
    ]),
  ),
);

export const gatewayConfig = declareConfig('gateway', {
  SUPERGRAPH_PATH: variable(file(), {
    default: SUPERGRAPH_PATH,
    defaultText: `\`${relative(`${__dirname}/..`, SUPERGRAPH_PATH)}\``,
    description: 'The composed supergraph, watched: a valid new file is loaded without dropping requests, a bad one is rejected and the old one keeps serving.',
  }),
  AUTH_JWKS_URL: variable(url(), {
    description: "The identity provider's JWKS endpoint: client tokens are checked against its keys (the usual production setting).",
  }),
  AUTH_PUBLIC_KEY: variable(pemKey('public'), { description: 'A PEM public key (or its path) that checks client tokens, with `AUTH_ALGORITHM`.' }),
  AUTH_ALGORITHM: variable(oneOf(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']), {
    default: 'RS256',
    description: 'The signature algorithm of tokens checked with `AUTH_PUBLIC_KEY`.',
  }),
  AUTH_JWT_SECRET: variable(secret(MIN_SECRET_LENGTH), {
    defaultText: 'development secret in `data/keys/` (refused in production)',
    description: 'HS256 shared secret of client tokens, when no `AUTH_JWKS_URL` or `AUTH_PUBLIC_KEY` is given.',
  }),
  AUTH_JWT_SECRET_FILE: variable(secretFile(MIN_SECRET_LENGTH), {
    description: 'The same secret read from a file (a mounted container secret); `AUTH_JWT_SECRET` wins when both are set.',
  }),
  AUTH_MAX_TOKEN_LIFETIME_MS: variable(duration(), {
    default: 30 * 24 * 3_600_000,
    defaultText: '30 days (`2592000000`)',
    description:
      'Client tokens must carry `exp`, and live at most this long (`exp` − `iat`, or `exp` − now without `iat`); a token without `exp` or living longer is refused with 401. Set it to what your identity provider issues (often an hour).',
  }),
  AUTH_ISSUER: variable(text(), { description: 'When set, client tokens must carry this `iss`.' }),
  AUTH_AUDIENCE: variable(text(), { description: 'When set, client tokens must carry this `aud`.' }),
  MAX_QUERY_DEPTH: variable(integer(), {
    default: 12,
    description: 'Deepest field nesting an operation may have (fragments followed, introspection excluded: GraphiQL’s is 15 deep); deeper is `QUERY_TOO_DEEP`.',
  }),
  MAX_QUERY_COST: variable(integer(), {
    default: 20_000,
    description: 'Largest estimated cost: 1 per field, times the `first` of enclosing lists (`DEFAULT_LIST_SIZE` otherwise); above is `QUERY_TOO_COSTLY`.',
  }),
  MAX_QUERY_TOKENS: variable(integer(), {
    default: 1_000,
    description:
      'Most lexical tokens (names, punctuation, values) an operation document may have; parsing stops there with `QUERY_TOO_LARGE`. It bounds what parsing and validation cost (graphql-js compares same-named fields pairwise): at 1,000 any document validates in about 10 ms. GraphiQL’s introspection query has 185, README’s largest example about 100.',
  }),
  MAX_ALIASES: variable(integer(), { default: 30, description: 'Most aliased fields in one operation; more is `TOO_MANY_ALIASES`.' }),
  DEFAULT_LIST_SIZE: variable(integer(), { default: 10, description: 'Items the cost assumes for a list no `first` argument bounds.' }),
  SUBGRAPH_TIMEOUT_MS: variable(duration(), {
    default: 10_000,
    description: "Longest wait for one subgraph call; past it the subgraph's fields are missing with `SUBGRAPH_TIMEOUT`.",
  }),
  SUBGRAPH_BREAKER_FAILURES: variable(integer(), {
    default: 3,
    description:
      'Calls to one subgraph in a row that time out or cannot connect before its circuit breaker opens: its fields then fail at once with `SUBGRAPH_UNAVAILABLE` instead of waiting `SUBGRAPH_TIMEOUT_MS` each.',
  }),
  SUBGRAPH_BREAKER_COOLDOWN_MS: variable(duration(), {
    default: 30_000,
    description: 'How long an open breaker fails calls at once; then one call goes through as a probe, and its success closes the breaker.',
  }),
  CORS_ORIGINS: variable(origins(), {
    defaultText: 'none when NODE_ENV=production; any `http://localhost:<port>` or `http://127.0.0.1:<port>` page otherwise',
    description:
      'Origins of the web pages that may call the gateway from a browser (CORS, with credentials and the `Authorization` header); a preflight from any other origin is refused with 403.',
  }),
  ANONYMOUS_INTROSPECTION: variable(boolean(), {
    default: () => environmentConfig.NODE_ENV !== 'production',
    defaultText: 'on unless NODE_ENV=production',
    description: 'Whether callers without a token may introspect the schema.',
  }),
});

/** Everything the gateway reads, checked at its start. */
export const GATEWAY_CONFIG: readonly ConfigGroup[] = [environmentConfig, processConfig, telemetryConfig, gatewayKeyConfig, subgraphUrls, gatewayConfig];

/** Where each subgraph lives: `SUBGRAPH_<NAME>_URL`, else the local default port. */
export function subgraphUrlsFromEnv(): Record<SubgraphName, string> {
  return Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphUrls[subgraphUrlVariable(name)] as string])) as Record<SubgraphName, string>;
}

/** `CORS_ORIGINS`, else local pages in development and none in production. */
export function corsPolicyFromEnv(): CorsPolicy {
  const configured = gatewayConfig.CORS_ORIGINS;
  return configured ? { origins: configured, localhost: false } : { origins: [], localhost: !isProduction() };
}

/** The HS256 client secret configured, inline or from its file. */
export function configuredClientSecret(): { secret: string; path: string | null } | undefined {
  const inline = gatewayConfig.AUTH_JWT_SECRET;
  if (inline) return { secret: inline, path: null };
  const fromFile = gatewayConfig.AUTH_JWT_SECRET_FILE;
  return fromFile && { secret: fromFile.secret, path: fromFile.path };
}

/**
 * A production gateway needs its own keys: a signing key that is not the development one, and
 * client tokens checked by the identity provider (or a secret of its own), never by the
 * development secret `npm run token` signs with.
 */
export const gatewayProductionRule: Rule = () => {
  if (!isProduction()) return [];
  const problems = productionKeyProblems('GATEWAY_SIGNING_KEY', gatewayKeyConfig.GATEWAY_SIGNING_KEY, "the gateway's Ed25519 private key (PEM, or the path of a PEM file)");
  const clientSecret = configuredClientSecret();
  if (!gatewayConfig.AUTH_JWKS_URL && !gatewayConfig.AUTH_PUBLIC_KEY && !clientSecret) {
    problems.push(
      'AUTH_JWKS_URL must be set when NODE_ENV=production (or AUTH_PUBLIC_KEY, or AUTH_JWT_SECRET / AUTH_JWT_SECRET_FILE): client tokens are otherwise checked with the development secret in data/keys/, with which anyone holding this checkout can sign any role.',
    );
  } else if (clientSecret && isDevelopmentSecret(clientSecret.path, clientSecret.secret)) {
    const name = clientSecret.path ? 'AUTH_JWT_SECRET_FILE' : 'AUTH_JWT_SECRET';
    problems.push(`${name} is the development client secret from data/keys/, refused when NODE_ENV=production: set ${name} to a secret of your own, or use AUTH_JWKS_URL.`);
  }
  return problems;
};
