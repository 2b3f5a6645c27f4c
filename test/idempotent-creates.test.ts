import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getNamedType, isNonNullType, type GraphQLSchema } from 'graphql';
import { IDEMPOTENCY_KEY_ARGUMENT, type WritePolicy, type WriteRule } from '../kit/write-policy';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';
import { WRITE_POLICIES } from '../scripts/writes-docs';
import { writes as legacyWrites } from '../subgraphs/legacy-credits/access';

/**
 * Issue 14, item 5 (idempotent creates), kept as a guard over the composed graph: every mutation a
 * write rule marks as creating a record (`creates`, each slice's access.ts) is safe to repeat, and
 * says how. By idempotency key: the mutation takes an optional `idempotencyKey: String`, described;
 * by a natural key: its description says "Idempotent on …". A mutation taking a key its rule does
 * not declare fails too. The legacy credits platform's supergraph is held to the same rule.
 */
function apiOf(path: string): GraphQLSchema {
  return Supergraph.build(readFileSync(path, 'utf8')).schema.toAPISchema().toGraphQLJSSchema();
}

function problems(api: GraphQLSchema, policy: Record<string, WriteRule>): string[] {
  const found: string[] = [];
  for (const field of Object.values(api.getMutationType()!.getFields())) {
    const rule = policy[field.name];
    if (!rule) {
      found.push(`${field.name}: no write rule`);
      continue;
    }
    const key = field.args.find((a) => a.name === IDEMPOTENCY_KEY_ARGUMENT);
    if (rule.creates?.by === 'idempotencyKey') {
      if (!key || isNonNullType(key.type) || getNamedType(key.type).name !== 'String') found.push(`${field.name}: creates ${rule.creates.record} by key, takes no optional idempotencyKey: String`);
      else if (!key.description?.includes('IDEMPOTENCY_KEY_REUSED')) found.push(`${field.name}: its idempotencyKey does not say what a reused key answers`);
    } else if (key) {
      found.push(`${field.name}: takes an idempotencyKey its write rule does not declare`);
    }
    if (rule.creates?.by === 'naturalKey' && !/Idempotent on /.test(field.description ?? '')) {
      found.push(`${field.name}: creates ${rule.creates.record} idempotent on ${rule.creates.key}, but its description does not say "Idempotent on …"`);
    }
  }
  return found;
}

const declared: WritePolicy = Object.assign({}, ...Object.values(WRITE_POLICIES));

describe('idempotent creates: every creating mutation of the composed graph is safe to repeat', () => {
  it('holds for the supergraph clients see', () => {
    expect(problems(apiOf(SUPERGRAPH_PATH), declared)).toEqual([]);
  });

  it('holds for the supergraph with the legacy credits platform', () => {
    const legacy = apiOf(join(__dirname, '..', 'subgraphs/legacy-credits/supergraph.graphql'));
    // The platform's own declarations stand in for the credits slice's, mutation for mutation.
    expect(problems(legacy, { ...declared, ...legacyWrites })).toEqual([]);
  });

  it('declares which mutations create, and every slice has at least one safe by key', () => {
    const creating = Object.entries(WRITE_POLICIES).map(([slice, policy]) => [slice, Object.keys(policy).filter((m) => policy[m].creates?.by === 'idempotencyKey')] as const);
    for (const [, keyed] of creating) expect(keyed.length).toBeGreaterThan(0);
    // The issue's own list: a change here is a decision, to be made in the write rule.
    expect(Object.fromEntries(creating)).toEqual({
      teachers: ['registerTeacher', 'correctPlacement', 'submitStatisticsTable'],
      training: ['declareProject', 'recordSpotCheck', 'reviseTrainingPolicy'],
      credits: ['registerCredit'],
      certification: ['issueItCompletionCertificate', 'issueDevelopmentAssessmentCertificate', 'reissueCertificate', 'explainLostCertificate', 'importPartnerPassList'],
    });
  });

  it('fails a mutation that creates by key without the argument, or takes a key undeclared', () => {
    const api = apiOf(SUPERGRAPH_PATH);
    const withoutKey = { ...declared, recordSpotCheck: { ...declared.recordSpotCheck, creates: undefined } };
    expect(problems(api, withoutKey)).toEqual(['recordSpotCheck: takes an idempotencyKey its write rule does not declare']);
    const keyed = { ...declared, closeProject: { ...declared.closeProject, creates: { record: 'nothing', by: 'idempotencyKey' as const } } };
    expect(problems(api, keyed)).toEqual(['closeProject: creates nothing by key, takes no optional idempotencyKey: String']);
  });
});
