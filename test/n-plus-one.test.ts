import type { SubgraphName } from '../schema/subgraphs';
import { startTestGraph, type TestGraph } from './support/graph';

/**
 * N+1 is a bug: the SQL statements a request costs each subgraph must not grow with
 * the number of teachers returned (DataLoader per request, batched __resolveReference).
 */
const PAGE = /* GraphQL */ `
  query Page($first: Int!, $after: String) {
    teachers(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          name
          school { name region { name parent { name } } }
          enrollments { status trainingClass { name seatsLeft project { title institution { name } } } }
          creditAccount(year: 2024) { earned pending }
          creditRecords { credits trainingProject { title } }
          certificates { number status }
        }
      }
    }
  }
`;

type Counts = Record<SubgraphName, number>;

async function statementsFor(graph: TestGraph, variables: Record<string, unknown>): Promise<{ counts: Counts; data: any }> {
  const before = Object.fromEntries(Object.entries(graph.stores).map(([name, s]) => [name, s.counter.total]));
  const result = await graph.query(PAGE, variables);
  expect(result.errors).toBeUndefined();
  const counts = Object.fromEntries(
    Object.entries(graph.stores).map(([name, s]) => [name, s.counter.total - before[name]]),
  ) as Counts;
  return { counts, data: result.data };
}

describe('SQL statements per request on MariaDB', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 300 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('are the same for 1 teacher and for 100 teachers with all their related records', async () => {
    const hundred = await statementsFor(graph, { first: 100 });
    const edges = hundred.data.teachers.edges;
    expect(edges).toHaveLength(100);

    // The single teacher must touch every path the hundred touch, or the comparison proves nothing.
    const index = edges.findIndex(
      ({ node }: any) =>
        node.enrollments.length > 0 && node.creditRecords.some((r: any) => r.trainingProject) && node.certificates.length > 0,
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const one = await statementsFor(graph, { first: 1, after: index > 0 ? edges[index - 1].cursor : null });
    expect(one.data.teachers.edges[0].node.id).toBe(edges[index].node.id);

    expect(one.counts).toEqual(hundred.counts);
    for (const name of Object.keys(one.counts) as SubgraphName[]) expect(one.counts[name]).toBeGreaterThan(0);
  });
});
