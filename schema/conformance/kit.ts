/**
 * The conformance kit: checks a running implementation of one slice of the graph against
 * its contract in `schema/`, rule by rule. See README "Plugging in a province's subgraph".
 *
 * It speaks to the implementation as the gateway does: over HTTP, with a short-lived
 * identity signed by the gateway's key in `x-gateway-identity`.
 */
import { generateKeyPair, type CryptoKey } from 'jose';
import { parse, Kind, type DocumentNode } from 'graphql';
import type { SubgraphName } from '../subgraphs';
import { IDENTITY_HEADER, signIdentity, type Identity } from '../../kit/identity';
import type { Fixtures } from './fixtures';

export interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface CallResult {
  status: number;
  body: GraphQLBody;
  headers: Headers;
}

export interface KitContext {
  subgraph: SubgraphName;
  url: string;
  fixtures: Fixtures;
  /** The implementation's SDL once `sdl.service` fetched it. */
  sdl?: string;
  /** Sends one operation as `identity` (signed with the gateway key); `null` sends no identity at all. */
  call: (query: string, variables?: Record<string, unknown>, identity?: Identity | null, headers?: Record<string, string>) => Promise<CallResult>;
}

/** A failed expectation: its message is printed under the rule's name. */
export class RuleFailure extends Error {}

export function fail(message: string): never {
  throw new RuleFailure(message);
}

export function expectThat(condition: unknown, message: string): asserts condition {
  if (!condition) fail(message);
}

export interface Rule {
  /** Stable id printed in the report, e.g. `entities.CreditRecord`. */
  id: string;
  /** What the contract promises, in one line. */
  title: string;
  /** Resolves with a detail line on success; throws RuleFailure (or anything) on failure. */
  run: (ctx: KitContext) => Promise<string | void>;
}

export interface RuleResult {
  id: string;
  title: string;
  ok: boolean;
  detail: string;
}

export const SYSTEM: Identity = { role: 'SYSTEM', subject: 'conformance-kit' };
export const ANONYMOUS: Identity = { role: 'ANONYMOUS', subject: null };

/** The error codes of a response, for messages. */
export function codesOf(body: GraphQLBody): string[] {
  return (body.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));
}

export function errorSummary(body: GraphQLBody): string {
  return (body.errors ?? []).map((e) => `${e.extensions?.code ?? 'NO_CODE'}: ${e.message}`).join('; ') || 'no errors';
}

/** Throws unless the operation answered without errors. */
export function dataOf(result: CallResult, what: string): Record<string, any> {
  if (result.body.errors?.length || !result.body.data) fail(`${what} failed (HTTP ${result.status}): ${errorSummary(result.body)}`);
  return result.body.data;
}

/** Throws unless the first error carries `code` (and the given extensions). */
export function expectError(result: CallResult, code: string, what: string, extensions: Record<string, string> = {}): void {
  const first = result.body.errors?.[0];
  if (!first) fail(`${what}: expected ${code}, but the operation succeeded.`);
  const got = first.extensions?.code;
  if (got !== code) fail(`${what}: expected extensions.code ${code}, got ${got ?? 'none'} ("${first.message}").`);
  for (const [key, value] of Object.entries(extensions)) {
    if (first.extensions?.[key] !== value) fail(`${what}: expected extensions.${key} ${value}, got ${first.extensions?.[key] ?? 'none'}.`);
  }
}

/** The key fields an SDL declares for a type (`@key(fields: "...")`), e.g. Teacher → ["idNumber"]. */
export function keysOf(sdl: string | undefined, typeName: string): string[] {
  if (!sdl) return [];
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch {
    return [];
  }
  const keys: string[] = [];
  for (const definition of document.definitions) {
    if ((definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) || definition.name.value !== typeName) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields');
      if (fields?.value.kind === Kind.STRING) keys.push(fields.value.value);
    }
  }
  return keys;
}

export interface KitOptions {
  subgraph: SubgraphName;
  url: string;
  fixtures: Fixtures;
  /** The gateway's signing key the implementation trusts. */
  signingKey: CryptoKey;
  rules: Rule[];
  /** Per-request timeout, ms. */
  timeoutMs?: number;
}

export function createContext(options: Omit<KitOptions, 'rules'>): KitContext {
  let requests = 0;
  return {
    subgraph: options.subgraph,
    url: options.url,
    fixtures: options.fixtures,
    call: async (query, variables = {}, identity = SYSTEM, headers = {}) => {
      requests += 1;
      const signed: Record<string, string> = identity ? { [IDENTITY_HEADER]: await signIdentity(identity, options.signingKey, `conformance-${requests}`) } : {};
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed, ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const text = await response.text();
      let body: GraphQLBody;
      try {
        body = JSON.parse(text) as GraphQLBody;
      } catch {
        body = { errors: [{ message: `not a JSON response: ${text.slice(0, 200)}` }] };
      }
      return { status: response.status, body, headers: response.headers };
    },
  };
}

/** Runs every rule in order; a rule that throws fails with its message, the others still run. */
/**
 * Whether anything answers at `url`: null when it does, else one sentence naming host and port
 * (a wrong address then says so once, instead of every rule failing with "fetch failed").
 */
export async function connectionProblem(url: string): Promise<string | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return `${url} is not an absolute URL (e.g. http://localhost:4001/graphql).`;
  }
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  try {
    await fetch(target, { method: 'GET', signal: AbortSignal.timeout(10_000) });
    return null;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    return `cannot connect to ${target.hostname}:${port} (${why}): is the subgraph running, and is --url its GraphQL address?`;
  }
}

export async function runConformance(options: KitOptions): Promise<RuleResult[]> {
  const ctx = createContext(options);
  const results: RuleResult[] = [];
  for (const rule of options.rules) {
    try {
      const detail = await rule.run(ctx);
      results.push({ id: rule.id, title: rule.title, ok: true, detail: detail || '' });
    } catch (error) {
      const message = error instanceof RuleFailure ? error.message : `unexpected error: ${(error as Error).message}`;
      results.push({ id: rule.id, title: rule.title, ok: false, detail: message });
    }
  }
  return results;
}

export function formatResults(subgraph: string, url: string, results: RuleResult[]): string {
  const lines = results.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.id.padEnd(34)} ${r.title}${r.detail ? `\n      ${r.detail.split('\n').join('\n      ')}` : ''}`);
  const failed = results.filter((r) => !r.ok).length;
  lines.push(failed ? `\n${failed} of ${results.length} rules failed for ${subgraph} at ${url}.` : `\nAll ${results.length} rules passed for ${subgraph} at ${url}.`);
  return lines.join('\n');
}

/** A key the gateway never made: requests signed with it must be refused. */
export async function foreignSigningKey(): Promise<CryptoKey> {
  return (await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).privateKey;
}
