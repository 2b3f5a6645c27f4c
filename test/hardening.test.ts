import { buildClientSchema, getIntrospectionQuery, Kind, parse, type IntrospectionQuery, type OperationDefinitionNode } from 'graphql';
import { refuseUnderProbe, WORST_CASES } from '../bench/limits';
import type { RunningGateway } from '../gateway/gateway';
import { limitsFromEnv, measureOperation } from '../gateway/limits';
import { processConfig } from '../kit/settings';
import { clientToken, SICHUAN_BUREAU } from './support/auth';
import { post, startTestGateway, startTestGraph, type TestGraph } from './support/graph';
import { serving } from './support/processes';

/** GraphiQL 3's schema query: it asks for deprecated arguments and the schema description. */
const GRAPHIQL_INTROSPECTION = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });

const README_RECORD = `query TeacherRecord($id: ID!) {
  teacher(id: $id) {
    name idCardNumber
    school { name type region { name parent { name } } }
    enrollments { status trainingClass { name startsOn project { title level totalCredits } } }
    creditAccount(year: 2024) { cycleStartYear cycleEndYear required earned pending remaining }
    certificates { number kind status issuedOn }
  }
}`;
const README_REGION = `{ region(code: "510100") {
  name teacherCounts { kindergarten primaryAndSecondary vocational specialEducation total }
  children { code name teacherCounts { total } } } }`;
const README_LIST = `{ teachers(first: 100, filter: { regionCode: "510100" }) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id name title retirementDate school { name } enrollments { status trainingClass { name } } } } }`;

/** `depth` levels of region → parent, each level one field deeper. */
function nestedRegions(depth: number): string {
  let selection = 'name';
  for (let level = 2; level < depth; level += 1) selection = `parent { ${selection} }`;
  return `{ region(code: "510104") { ${selection} } }`;
}

describe('gateway limits', () => {
  let graph: TestGraph;
  let closed: RunningGateway;
  const asBureau = async (query: string) => post(graph.gatewayUrl, query, {}, { authorization: `Bearer ${await clientToken(SICHUAN_BUREAU)}` });

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 40 });
    closed = await startTestGateway(graph, { limits: { anonymousIntrospection: false } });
  });

  afterAll(async () => {
    await closed?.stop();
    await graph?.stop();
  });

  it('lets GraphiQL introspect, whose query is 15 fields deep through its ofType chains', async () => {
    const result = await post(graph.gatewayUrl, GRAPHIQL_INTROSPECTION);
    expect(result.errors).toBeUndefined();
    expect(result.data!.__schema.types.length).toBeGreaterThan(50);
  });

  it('rejects a query deeper than MAX_QUERY_DEPTH with QUERY_TOO_DEEP, fragments followed', async () => {
    const { maxDepth } = limitsFromEnv();
    const allowed = await graph.query(nestedRegions(maxDepth));
    expect(allowed.errors).toBeUndefined();
    const deep = await asBureau(nestedRegions(maxDepth + 1));
    expect(deep.status).toBe(400);
    expect(deep.data).toBeUndefined();
    expect(deep.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP' });
    expect(deep.errors![0].message).toMatch(`${maxDepth + 1} fields deep; at most ${maxDepth}`);

    const viaFragments = await graph.query(`
      { region(code: "510104") { ...Up } }
      fragment Up on Region { parent { parent { parent { parent { parent { ...More } } } } } }
      fragment More on Region { parent { parent { parent { parent { parent { parent { name } } } } } } }`);
    expect(viaFragments.errors![0].extensions!.code).toBe('QUERY_TOO_DEEP');
  });

  it('rejects a query whose estimated cost exceeds MAX_QUERY_COST with QUERY_TOO_COSTLY', async () => {
    const costly = await asBureau(`{
      teachers(first: 100) { nodes { name enrollments { status trainingClass { project { classes { enrollments { status } } } } } } }
    }`);
    expect(costly.status).toBe(400);
    expect(costly.errors![0].extensions!.code).toBe('QUERY_TOO_COSTLY');
    // The same shape over a small page is fine: the list size comes from `first`, here a variable.
    const small = await graph.query(
      `query Small($n: Int) { teachers(first: $n) { nodes { name enrollments { status trainingClass { project { classes { enrollments { status } } } } } } } }`,
      { n: 5 },
    );
    expect(small.errors).toBeUndefined();
  });

  describe('against a gateway process of its own', () => {
    let gateway: Awaited<ReturnType<typeof serving>>;
    beforeAll(async () => {
      // No subgraph is called: every request here is refused before planning.
      gateway = await serving('gateway/main.ts', { LOG_LEVEL: 'warn' });
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it.each(WORST_CASES.map(({ name, query, code }) => [name, query, code] as const))(
      'refuses the %s with a code, within 100 ms of CPU, and /health answers meanwhile',
      async (name, query, code) => {
        const body = JSON.stringify({ query: query(), variables: {} });
        expect(body.length).toBeLessThanOrEqual(processConfig.MAX_BODY_BYTES);
        const run = await refuseUnderProbe(`http://127.0.0.1:${gateway.port}`, gateway.child.pid!, body, 20);
        expect(new Set(run.answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ status: 400, code })]));
        // The gateway process's CPU, not wall time, which the other processes of a busy machine
        // stretch: `npm run bench:limits` gives /health's wall times (BENCHMARKS.md, on a quiet machine).
        expect(run.cpuMsPerRefusal).toBeLessThan(100);
        expect(run.healthMs.length).toBeGreaterThan(0);
        process.stdout.write(`${name}: ${run.cpuMsPerRefusal.toFixed(1)} ms CPU per refusal; /health median ${run.healthMs[Math.floor(run.healthMs.length / 2)].toFixed(1)} ms over ${run.healthMs.length} probes\n`);
      },
    );
  });

  it('rejects more aliases than MAX_ALIASES with TOO_MANY_ALIASES', async () => {
    const { maxAliases } = limitsFromEnv();
    const aliases = Array.from({ length: maxAliases + 1 }, (_, i) => `a${i}: teachers(first: 1) { totalCount }`).join(' ');
    const result = await graph.query(`{ ${aliases} }`);
    expect(result.errors![0].extensions!.code).toBe('TOO_MANY_ALIASES');
  });

  it('answers a body over MAX_BODY_BYTES with 413 through the gateway', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses anonymous introspection when ANONYMOUS_INTROSPECTION is off, but not a signed-in caller', async () => {
    const url = `http://127.0.0.1:${closed.port}/graphql`;
    const anonymous = await post(url, GRAPHIQL_INTROSPECTION);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors![0].extensions!.code).toBe('INTROSPECTION_DISABLED');
    expect((await post(url, `{ __type(name: "Teacher") { name } }`)).errors![0].extensions!.code).toBe('INTROSPECTION_DISABLED');
    const signedIn = await post(url, GRAPHIQL_INTROSPECTION, {}, { authorization: `Bearer ${await clientToken(SICHUAN_BUREAU)}` });
    expect(signedIn.errors).toBeUndefined();
    // `__typename` is not introspection.
    expect((await post(url, `{ __typename }`)).data).toEqual({ __typename: 'Query' });
  });

  it('measures depth, cost and aliases as limits.ts documents, leaving room for the README queries', async () => {
    const introspection = await post<IntrospectionQuery>(graph.gatewayUrl, getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data!);
    const measure = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      return measureOperation(schema, document, operation, variables, { defaultListSize: 10 });
    };
    // The example in measureOperation's comment.
    expect(measure(`{ teachers(first: 50) { nodes { name enrollments { status } } } }`)).toEqual({ depth: 4, cost: 602, aliases: 0, introspection: false });
    // The README's examples, well within the defaults.
    expect(measure(README_RECORD)).toMatchObject({ depth: 5, cost: 139 });
    expect(measure(README_REGION)).toMatchObject({ depth: 4, cost: 49 });
    expect(measure(README_LIST)).toMatchObject({ depth: 5, cost: 3706 });
    expect(measure(GRAPHIQL_INTROSPECTION)).toMatchObject({ depth: 0, cost: 0, introspection: true });
    expect(measure(`query Q($n: Int) { t: teachers(first: $n) { totalCount nodes { id } } }`, { n: 3 })).toEqual({ depth: 3, cost: 6, aliases: 1, introspection: false });
  });
});
