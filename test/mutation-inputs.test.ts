import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  getNullableType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';
import type { Identity } from '../kit/identity';
import { WRITE_POLICIES } from '../scripts/writes-docs';
import { SYSTEM } from './support/auth';
import { identityFor } from './support/mutations';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/** The API schema clients see: every mutation of every slice. */
const api = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).schema.toAPISchema().toGraphQLJSSchema();
const mutations = Object.values(api.getMutationType()!.getFields());

/** Values a column or a domain cannot hold, per scalar: past every column length we use, and out of every range. */
const BAD: Record<string, unknown[]> = {
  String: ['x'.repeat(37), 'x'.repeat(65), 'x'.repeat(129), 'x'.repeat(257), 'x'.repeat(601), 'x'.repeat(70_000), '中'.repeat(30_000)],
  ID: ['x'.repeat(37), 'x'.repeat(65), 'x'.repeat(70_000)],
  Int: [-2_147_483_648, -1, 0, 2_147_483_647],
  Decimal: ['-1', '-999999999999.999', '999999999999.999'],
  Date: ['0001-01-01', '1000-01-01', '9999-12-31'],
};

/**
 * A call of `mutation` with every required argument given a plain value, for the one under test
 * to be replaced. Generic for now; test/support/mutations.ts (a valid sample call per mutation,
 * issue 14) replaces it when it lands, so every bad value reaches as far as a valid call goes.
 */
function baseValue(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (nullable instanceof GraphQLList) return [baseValue(nullable.ofType)];
  if (nullable instanceof GraphQLEnumType) return nullable.getValues()[0].value;
  if (nullable instanceof GraphQLInputObjectType) {
    return Object.fromEntries(Object.values(nullable.getFields()).filter((f) => f.type instanceof GraphQLNonNull).map((f) => [f.name, baseValue(f.type)]));
  }
    // '510104' passes as a region code, an id or a short text alike.
  const plain: Record<string, unknown> = { String: '510104', ID: '510104', Int: 2020, Decimal: '1', Date: '2020-01-01', Boolean: true };
  return plain[(nullable as GraphQLScalarType).name];
}

interface Probe {
  mutation: string;
  /** Where the bad value goes: an argument, then input fields (`input.leader.name`). */
  path: string[];
  scalar: string;
}

/** Every scalar location of every mutation's arguments, input objects and lists followed. */
function probes(): Probe[] {
  const out: Probe[] = [];
  const walk = (mutation: string, path: string[], type: GraphQLInputType, seen: Set<string>) => {
    const named = getNamedType(type);
    if (named instanceof GraphQLInputObjectType) {
      if (seen.has(named.name)) return;
      for (const field of Object.values(named.getFields())) walk(mutation, [...path, field.name], field.type, new Set([...seen, named.name]));
    } else if (named instanceof GraphQLScalarType && BAD[named.name]) out.push({ mutation, path, scalar: named.name });
  };
  for (const field of mutations) for (const arg of field.args) walk(field.name, [arg.name], arg.type, new Set());
  return out;
}

/** The variables of a call whose `path` holds `value`, inside lists' first items. */
function variablesWith(field: GraphQLField<unknown, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const variables = Object.fromEntries(field.args.map((a) => [a.name, baseValue(a.type)]));
  let holder: Record<string, unknown> = variables;
  let type: GraphQLInputType = field.args.find((a) => a.name === path[0])!.type;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) break;
    const list = getNullableType(type) instanceof GraphQLList;
    let next = holder[key] ?? baseValue(type);
    holder[key] = next;
    if (list) next = (next as unknown[])[0];
    holder = next as Record<string, unknown>;
    const named = getNamedType(type) as GraphQLInputObjectType;
    type = named.getFields()[path[i + 1]].type;
  }
  const last = path[path.length - 1];
  holder[last] = getNullableType(type) instanceof GraphQLList ? [value] : value;
  return variables;
}

function callOf(field: GraphQLField<unknown, unknown>): string {
  const params = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = named instanceof GraphQLScalarType || named instanceof GraphQLEnumType ? '' : ' { __typename }';
  return `mutation Probe${params ? `(${params})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/**
 * Issue 15: over-long text and out-of-range numbers and dates to every argument of every mutation,
 * on MariaDB (which refuses what does not fit rather than cutting it): never INTERNAL_SERVER_ERROR,
 * and nothing stored changes.
 */
describe('every mutation argument checked before the database, on MariaDB', () => {
  let graph: TestGraph;
  const checksums = async () => {
    const dataSource = graph.stores.teachers.dataSource;
    const tables = (await dataSource.query('SHOW TABLES')).map((row: Record<string, string>) => Object.values(row)[0]);
    const rows = await dataSource.query(`CHECKSUM TABLE ${tables.map((t: string) => `\`${t}\``).join(', ')}`);
    return Object.fromEntries(rows.map((r: { Table: string; Checksum: string }) => [r.Table, r.Checksum]));
  };

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 60 });
  });

  /** A caller the write policy lets through (SYSTEM where declared), so each value reaches the input checks. */
  const callerOf = (mutation: string): Identity => {
    const rule = Object.values(WRITE_POLICIES).find((policy) => policy[mutation])![mutation];
    return rule.roles.includes('SYSTEM') ? SYSTEM : identityFor(rule.roles[0], {}, true, graph.province)!;
  };

  afterAll(async () => {
    await graph?.stop();
  });

  it('answers every bad value with a client error, never INTERNAL_SERVER_ERROR, and changes no row', async () => {
    const before = await checksums();
    const all = probes();
    expect(all.length).toBeGreaterThan(100);
    const internal: string[] = [];
    const answered: Record<string, number> = {};
    for (const { mutation, path, scalar } of all) {
      const field = mutations.find((m) => m.name === mutation)!;
      for (const value of BAD[scalar]) {
        const result: GraphQLResult = await graph.query(callOf(field), variablesWith(field, path, value), callerOf(mutation));
        const codes = (result.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
        for (const code of codes) answered[String(code)] = (answered[String(code)] ?? 0) + 1;
        if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('NO_CODE') || codes.length === 0) {
          internal.push(`${mutation} ${path.join('.')} = ${JSON.stringify(value).slice(0, 20)}…: ${codes.join(', ') || 'accepted'}`);
        }
      }
    }
    expect(internal).toEqual([]);
    expect(answered.BAD_USER_INPUT).toBeGreaterThan(all.length);
    expect(await checksums()).toEqual(before);
  });

  it('refuses the most extreme value at every location itself, naming it, whatever else the call holds', async () => {
    // Text longer than any column or file the graph takes, yet within MAX_BODY_BYTES.
    const EXTREME: Record<string, unknown> = { String: 'x'.repeat(900_000), ID: 'x'.repeat(70_000), Int: -2_147_483_648, Decimal: '-999999999999.999', Date: '1000-01-01' };
    const unnamed: string[] = [];
    for (const { mutation, path, scalar } of probes()) {
      const field = mutations.find((m) => m.name === mutation)!;
      const result = await graph.query(callOf(field), variablesWith(field, path, EXTREME[scalar]), callerOf(mutation));
      const refusal = result.errors?.[0]?.extensions;
      const expected = path.join('.');
      if (refusal?.code !== 'BAD_USER_INPUT' || !String(refusal.field).replace(/\[0\]/g, '').startsWith(expected)) {
        unnamed.push(`${mutation} ${expected}: ${JSON.stringify(refusal)}`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('refuses the values issue 15 found, before the database, naming the field and the rule', async () => {
    const { enrollments, projects, classes } = graph.province;
    const published = projects.find((p) => p.status === 'PUBLISHED')!;
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['mutation($id: ID!, $r: String) { reviewEnrollment(id: $id, approve: false, reason: $r) { id } }', { id: enrollments[0].id, r: '理'.repeat(600) }, 'reason', 'MAX_LENGTH'],
      ['mutation($id: ID!, $r: String) { withdrawEnrollment(id: $id, reason: $r) { id } }', { id: enrollments[0].id, r: 'x'.repeat(600) }, 'reason', 'MAX_LENGTH'],
      ['mutation($id: ID!, $d: String!) { requestProjectChange(id: $id, description: $d) { id } }', { id: published.id, d: 'x'.repeat(600) }, 'description', 'MAX_LENGTH'],
      ['mutation($id: ID!, $s: String!) { publishClassSchedule(classId: $id, schedule: $s) { id } }', { id: classes[0].id, s: 'x'.repeat(70_000) }, 'schedule', 'MAX_LENGTH'],
      ['mutation($i: ItProgramTargetInput!) { setItProgramTarget(input: $i) { year } }', { i: { regionCode: '5101040000', year: 2024, kind: 'COUNT', value: '10', source: 'x' } }, 'input.regionCode', 'FORMAT'],
      ['mutation($i: ItProgramTargetInput!) { setItProgramTarget(input: $i) { year } }', { i: { regionCode: '000000', year: 2024, kind: 'COUNT', value: '10', source: 'x' } }, 'input.regionCode', 'FORMAT'],
      ['mutation($i: ItProgramTargetInput!) { setItProgramTarget(input: $i) { year } }', { i: { regionCode: '510100', year: -5, kind: 'COUNT', value: '10', source: 'x' } }, 'input.year', 'RANGE'],
      ['mutation($i: ItProgramTargetInput!) { setItProgramTarget(input: $i) { year } }', { i: { regionCode: '510100', year: 2024, kind: 'COUNT', value: '10', source: 'x'.repeat(300) } }, 'input.source', 'MAX_LENGTH'],
    ];
    const before = await checksums();
    for (const [query, variables, field, rule] of cases) {
      const result = await graph.query(query, variables, SYSTEM);
      expect({ query, error: result.errors?.[0]?.extensions }).toEqual({ query, error: expect.objectContaining({ code: 'BAD_USER_INPUT', field, rule }) });
    }
    expect(await checksums()).toEqual(before);
  });
});
