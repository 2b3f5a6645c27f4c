import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { ROLES, type Identity, type Role } from '../kit/identity';
import { admits, WRITE_POLICY, type WriteRule } from '../kit/write-policy';
import { OUT_OF_SCOPE } from '../kit/access';
import { SUPERGRAPH_PATH } from '../schema/subgraphs';
import { README_PATH, readmeWithWritesTable, WRITE_POLICIES } from '../scripts/writes-docs';
import { SICHUAN_BUREAU } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';
import { buildFixture, identityFor, MUTATIONS, passListXlsx, type Fixture } from './support/mutations';

/** Every mutation clients see in the composed supergraph. */
const api = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).schema.toAPISchema().toGraphQLJSSchema();
const mutationNames = Object.keys(api.getMutationType()!.getFields());
const declared: Record<string, WriteRule> = Object.assign({}, ...Object.values(WRITE_POLICIES));

type Outcome = 'refused by role' | 'refused by scope' | 'allowed';

/** What the declaration says a call should get: a SERVICE caller is admitted only where its service is named. */
function expectedOutcome(rule: WriteRule, role: Role, service: string | undefined, inside: boolean): Outcome {
  if (!admits(rule, { role, service })) return 'refused by role';
  return inside ? 'allowed' : 'refused by scope';
}

const SERVICES = ['credits', 'training', 'certification'];

/**
 * A SERVICE caller has no row scope; what places it inside or outside a mutation is its name:
 * inside, a service the rule admits (credits where it names none); outside, one it does not.
 */
function serviceIdentity(rule: WriteRule, inside: boolean): Identity {
  const service = inside ? rule.services?.[0] ?? 'credits' : SERVICES.find((name) => !rule.services?.includes(name))!;
  return { role: 'SERVICE', subject: `${service}-service-${inside ? 'inside' : 'outside'}`, service };
}

function codeAndRule(result: GraphQLResult): { code?: string; rule?: string } {
  const extensions = result.errors?.[0]?.extensions as { code?: string; rule?: string } | undefined;
  return { code: extensions?.code, rule: extensions?.rule };
}

/** Does the answer match the expectation? Returns a reason when it does not. */
function mismatch(expected: Outcome, result: GraphQLResult, refusedInData?: (data: any) => boolean): string | null {
  const { code, rule } = codeAndRule(result);
  const said = `${code ?? 'no error'}${rule ? ` (${rule})` : ''}: ${result.errors?.[0]?.message ?? ''}`;
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'UNAUTHENTICATED') return said;
  switch (expected) {
    case 'refused by role':
      return code === 'FORBIDDEN' && rule === WRITE_POLICY ? null : said;
    case 'refused by scope':
      if (code === 'FORBIDDEN' && rule !== WRITE_POLICY) return null;
      if (code === 'NOT_FOUND') return null;
      if (!result.errors && refusedInData?.(result.data)) return null;
      return said;
    case 'allowed':
      // Other refusals (a state the row is not in, a province's policy narrowing the roles) are the domain's, not access.
      if (code === 'FORBIDDEN' && (rule === WRITE_POLICY || rule === OUT_OF_SCOPE)) return said;
      if (!result.errors && refusedInData?.(result.data)) return 'refused in data';
      return null;
  }
}

/**
 * Known gaps: calls the declared policy refuses that the graph still lets through. Listed here so
 * the matrix stays honest: the test fails when a gap closes (remove it) or a new one opens.
 */
const KNOWN_GAPS = new Set<string>([]);

describe('who may write: every mutation of the composed graph × every role, inside and outside scope (MariaDB)', () => {
  let graph: TestGraph;
  let fixture: Fixture;

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 300 });
    const base = buildFixture(graph.province);
    const xlsx = await passListXlsx([{ name: base.teacher.name, idNumber: base.teacher.idNumber, regionCode: base.school.regionCode }]);
    const imported = await graph.query(
      `mutation($input: ImportPassListInput!) { importPartnerPassList(input: $input) { id entries { id } } }`,
      { input: { programme: '中国移动', regionCode: `${base.school.regionCode.slice(0, 2)}0000`, xlsxBase64: xlsx } },
      SICHUAN_BUREAU,
    );
    expect(imported.errors).toBeUndefined();
    const institution = { role: 'INSTITUTION' as const, subject: 'matrix-institution', institutionId: base.institutionId };
    const registered = await graph.query(
      `mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { id } }`,
      {
        input: {
          teacherId: base.teacher.id,
          schoolId: base.school.id,
          regionCode: base.school.regionCode,
          source: 'TRAINING_COMPLETION',
          category: 'CONCENTRATED',
          offlineHours: '4',
          earnedOn: '2025-04-01',
          trainingProjectId: base.projectId,
        },
      },
      institution,
    );
    expect(registered.errors).toBeUndefined();
    fixture = {
      ...base,
      creditRecordId: registered.data!.registerCredit.id,
      passList: { listId: imported.data!.importPartnerPassList.id, entryId: imported.data!.importPartnerPassList.entries[0].id },
      passListXlsx: xlsx,
    };
  }, 180_000);

  afterAll(async () => {
    await graph?.stop();
  });

  it('has a write declaration and a catalogue call for every mutation, and no declaration for a mutation the graph lacks', () => {
    expect(mutationNames.filter((m) => !declared[m])).toEqual([]);
    expect(mutationNames.filter((m) => !MUTATIONS[m])).toEqual([]);
    expect(Object.keys(declared).filter((m) => !mutationNames.includes(m))).toEqual([]);
  });

  it('answers each call as the declared policy says', async () => {
    // SYSTEM last: its calls succeed and move rows on, which must not change anyone else's scope.
    const roles = [...ROLES.filter((r) => r !== 'SYSTEM'), 'SYSTEM' as const];
    const wrong: string[] = [];
    const gaps: string[] = [];
    let calls = 0;
    let refusals = 0;
    let skipped = 0;
    let succeeded = 0;
    for (const mutation of mutationNames) {
      const entry = MUTATIONS[mutation];
      const rule = declared[mutation];
      for (const role of roles) {
        // Outside first: an allowed call may move the row on (a transfer), never into another scope.
        for (const inside of [false, true]) {
          if (!inside && rule.roles.includes(role) && (role === 'SYSTEM' || (entry.selfOnly && role === 'TEACHER'))) {
            skipped += 1; // no scope to be outside of
            continue;
          }
          const { owner, variables } = entry.call(fixture, role);
          const identity = role === 'SERVICE' ? serviceIdentity(rule, inside) : identityFor(role, owner, inside, graph.province);
          const result = await graph.query(entry.document, variables, identity);
          calls += 1;
          const expected = expectedOutcome(rule, role, identity?.service, inside);
          if (expected !== 'allowed') refusals += 1;
          else if (!result.errors) succeeded += 1;
          const why = mismatch(expected, result, entry.refusedInData);
          const key = `${mutation} ${role} ${inside ? 'inside' : 'outside'}`;
          if (why && KNOWN_GAPS.has(key)) gaps.push(key);
          else if (why) wrong.push(`${key}: expected ${expected}, got ${why}`);
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(
      `write-policy matrix: ${mutationNames.length} mutations × ${roles.length} roles × inside/outside = ${calls} calls ` +
        `(${skipped} with no outside); ${refusals} refusals expected, ${refusals - gaps.length} got (${gaps.length} known gaps); ` +
        `${calls - refusals} allowed calls, ${succeeded} of them succeeded, the rest refused by the domain (state, province policy)`,
    );
    expect(wrong).toEqual([]);
    expect(gaps.sort()).toEqual([...KNOWN_GAPS].sort());
  }, 600_000);

  it('README’s who-may-do-what table is the declarations’ (npm run docs:writes)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(readmeWithWritesTable(readme)).toBe(readme);
  });
});
