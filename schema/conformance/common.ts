/** Rules every implementation must pass: its SDL, the gateway-only trust, `_entities`. */
import { parse } from 'graphql';
import { IDENTITY_HEADER, signIdentity } from '../../kit/identity';
import { compareApiSchemas, composeSdls, describeChange, readContracts } from '../check-compatibility';
import type { Identity } from '../../kit/identity';
import { SYSTEM, codesOf, dataOf, errorSummary, expectError, expectThat, fail, foreignSigningKey, type GraphQLBody, type KitContext, type Rule } from './kit';

/** (a) `_service { sdl }` answers with a parseable Federation SDL. */
export const serviceSdl: Rule = {
  id: 'sdl.service',
  title: '_service { sdl } returns the implementation’s SDL',
  run: async (ctx) => {
    const data = dataOf(await ctx.call('{ _service { sdl } }'), '_service { sdl }');
    const sdl = data._service?.sdl;
    expectThat(typeof sdl === 'string' && sdl.length > 0, '_service.sdl is empty.');
    try {
      parse(sdl);
    } catch (error) {
      fail(`the SDL does not parse: ${(error as Error).message}`);
    }
    ctx.sdl = sdl;
    return `${sdl.length} characters`;
  },
};

function needSdl(ctx: KitContext): string {
  if (!ctx.sdl) fail('no SDL to check (sdl.service failed).');
  return ctx.sdl;
}

/** (a) The SDL composes with the other three contracts. */
export const composes: Rule = {
  id: 'sdl.composes',
  title: 'the SDL composes with the other three contracts (@apollo/composition)',
  run: async (ctx) => {
    const composition = composeSdls({ ...readContracts(), [ctx.subgraph]: needSdl(ctx) });
    if (!composition.ok) fail(`composition errors:\n${composition.errors.map((e) => `- ${e}`).join('\n')}`);
    return 'composes';
  },
};

/** (a) What clients see is compatible with the contract: nothing they use removed or changed. */
export const compatible: Rule = {
  id: 'sdl.compatible',
  title: 'clients see no removed or changed field, argument, type or enum value',
  run: async (ctx) => {
    const contracts = readContracts();
    const ours = composeSdls(contracts);
    const theirs = composeSdls({ ...contracts, [ctx.subgraph]: needSdl(ctx) });
    if (!ours.ok) fail(`our own contracts do not compose: ${ours.errors.join('; ')}`);
    if (!theirs.ok) fail('cannot compare: the SDL does not compose (see sdl.composes).');
    const report = await compareApiSchemas(ours.apiSchema, theirs.apiSchema);
    if (report.breaking.length) fail(`${report.breaking.length} breaking change(s) against schema/${ctx.subgraph}.graphql:\n${report.breaking.map((c) => `- ${describeChange(c)}`).join('\n')}`);
    const notes = report.dangerous.map((c) => describeChange(c));
    return `compatible; ${report.safe.length} addition(s)${notes.length ? `; to review: ${notes.join('; ')}` : ''}`;
  },
};

function refused(status: number, body: GraphQLBody): boolean {
  return status === 401 || codesOf(body).includes('UNAUTHENTICATED');
}

/** Subgraphs trust only the gateway: no identity, or one signed by another key, is refused. */
export const gatewayOnly: Rule = {
  id: 'identity.gateway-only',
  title: 'requests without a gateway-signed identity are refused (401 / UNAUTHENTICATED)',
  run: async (ctx) => {
    const bare = await ctx.call('{ _service { sdl } }', {}, null);
    if (!refused(bare.status, bare.body)) fail(`a request with no ${IDENTITY_HEADER} header was answered (HTTP ${bare.status}, ${errorSummary(bare.body)}).`);
    const forged = await signIdentity(SYSTEM, await foreignSigningKey(), 'forged');
    const other = await ctx.call('{ _service { sdl } }', {}, null, { [IDENTITY_HEADER]: forged });
    if (!refused(other.status, other.body)) fail(`an identity signed by a key other than the gateway's was accepted (HTTP ${other.status}).`);
    return 'no header and a foreign signature both refused';
  },
};

export interface EntityCase {
  typename: string;
  /** Known keys, each with what the selection must return for it. */
  known: { representation: Record<string, unknown>; expected: Record<string, unknown> }[];
  /** A representation of a key that does not exist. */
  unknown: Record<string, unknown>;
  selection: string;
}

/**
 * (b) One `_entities` call with the known keys in reverse order and an unknown key in the
 * middle: the answer has one entry per representation, in the same order, null for the unknown.
 */
export function entityRule(id: string, make: (ctx: KitContext) => Promise<EntityCase> | EntityCase): Rule {
  return {
    id,
    title: `${id.replace('entities.', '')} resolves through _entities: one batched call, in order, null for unknown keys`,
    run: async (ctx) => {
      const c = await make(ctx);
      expectThat(c.known.length >= 2, `fixtures give ${c.known.length} ${c.typename} key(s); two are needed.`);
      const known = [...c.known].reverse();
      const middle = Math.floor(known.length / 2);
      const asked = [...known.slice(0, middle), null, ...known.slice(middle)];
      const representations = asked.map((k) => ({ __typename: c.typename, ...(k ? k.representation : c.unknown) }));
      const result = await ctx.call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on ${c.typename} { ${c.selection} } } }`, { r: representations }, SYSTEM);
      const list = dataOf(result, '_entities')._entities;
      expectThat(Array.isArray(list), '_entities did not return a list.');
      if (list.length !== asked.length) {
        fail(`asked for ${asked.length} representations (one unknown), got ${list.length}: an answer per representation, with null for unknown keys, is required.`);
      }
      asked.forEach((k, i) => {
        const got = list[i];
        if (!k) {
          if (got !== null) fail(`position ${i} is the unknown key ${JSON.stringify(c.unknown)}: expected null, got ${JSON.stringify(got)}.`);
          return;
        }
        if (got === null) fail(`position ${i} (${JSON.stringify(k.representation)}) is null: a known key must resolve.`);
        for (const [field, value] of Object.entries(k.expected)) {
          if (JSON.stringify(got[field]) !== JSON.stringify(value)) {
            const other = asked.findIndex((o) => o && JSON.stringify(o.expected[field]) === JSON.stringify(got[field]));
            fail(`position ${i} should be ${JSON.stringify(k.representation)} with ${field} ${JSON.stringify(value)}, got ${JSON.stringify(got[field])}${other >= 0 ? ` (the answer for position ${other}: results are out of order)` : ''}.`);
          }
        }
      });
      const statements = result.headers.get('x-sql-statements');
      return `${asked.length} representations in one call${statements ? ` (${statements} SQL statement(s) reported)` : ''}`;
    },
  };
}

export const COMMON_SDL_RULES = [serviceSdl, composes, compatible, gatewayOnly];

/** A case of the rule for rows a caller may not see: reading one by its key, and writing to it. */
export interface HiddenRowCase {
  /** `query($key: …!) { field(key: $key) { … } }`, answering under `field`. */
  read: string;
  field: string;
  /** A mutation on the row, with `$key`; it must not succeed for a caller outside the row's scope. */
  write: string;
  /** A row of the fixtures, and a key no row has. */
  known: string;
  unknown: string;
  /** Who reaches for the row from outside its scope (with a role that may take the write). */
  outsider: (ctx: KitContext) => Identity;
}

/**
 * The one rule for rows a caller may not see (README, "Rows a caller may not see"): read by its key,
 * such a row answers exactly as a key that no row has, null without an error, so a guessed key
 * learns nothing; a write to it is FORBIDDEN, and a write to a key no row has is NOT_FOUND.
 */
export function hiddenRowRule(id: string, make: (ctx: KitContext) => HiddenRowCase): Rule {
  return {
    id,
    title: 'a row outside the caller’s scope reads as absent (null, no error); writing to it is FORBIDDEN, to an unknown key NOT_FOUND',
    run: async (ctx) => {
      const c = make(ctx);
      const outsider = c.outsider(ctx);
      for (const [key, what] of [[c.known, 'a row outside the scope'], [c.unknown, 'a key no row has']] as const) {
        const read = await ctx.call(c.read, { key }, outsider);
        if (read.body.errors?.length || read.body.data?.[c.field] !== null) {
          fail(`${c.field} of ${what} (${key}) answers ${JSON.stringify(read.body.data?.[c.field])} with ${errorSummary(read.body)}; expected null and no error.`);
        }
      }
      expectError(await ctx.call(c.write, { key: c.known }, outsider), 'FORBIDDEN', `writing to ${c.field} ${c.known} from outside its scope`);
      // The same caller, whose role may take the write: only the row's absence refuses it.
      expectError(await ctx.call(c.write, { key: c.unknown }, outsider), 'NOT_FOUND', `writing to ${c.field} ${c.unknown}, which does not exist`);
      return 'hidden reads as absent; writes FORBIDDEN, unknown NOT_FOUND';
    },
  };
}

/** A province none of the fixtures' regions belongs to, for callers outside every fixture row's scope. */
export function outsideProvince(ctx: KitContext): string {
  const used = new Set([...ctx.fixtures.regions.map((r) => r.code), ...ctx.fixtures.schools.map((s) => s.regionCode)].map((code) => code.slice(0, 2)));
  const province = ['65', '46', '15', '63'].find((p) => !used.has(p));
  if (!province) fail('the fixtures span every province the kit would use as "outside".');
  return province;
}
