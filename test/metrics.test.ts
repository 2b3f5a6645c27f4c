import { startTestGraph, type TestGraph } from './support/graph';

const RECORD = /* GraphQL */ `
  query TeacherRecord($id: ID!) {
    teacher(id: $id) { name school { name } enrollments { status } certificates { number } }
  }
`;

async function scrape(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample, found by metric name and the labels it must carry. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  if (!line) throw new Error(`No ${name} sample with ${JSON.stringify(labels)} in:\n${text}`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('Prometheus metrics', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 30 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('counts operations by name and subgraph calls by subgraph at the gateway', async () => {
    const { id } = graph.province.teachers[0];
    expect((await graph.query(RECORD, { id })).errors).toBeUndefined();
    expect((await graph.query(RECORD, { id })).errors).toBeUndefined();
    const broken = await graph.query(`query Broken { teacher(id: "x") { nope } }`);
    expect(broken.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const text = await scrape(graph.gateway.port);
    expect(sample(text, 'graphql_requests_total', { operation: 'TeacherRecord', service: 'gateway' })).toBe(2);
    expect(sample(text, 'graphql_request_duration_seconds_count', { operation: 'TeacherRecord' })).toBe(2);
    // An operation that failed validation never resolved: its client-chosen name is not a label.
    expect(sample(text, 'graphql_request_errors_total', { operation: '(invalid)', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    for (const subgraph of ['teachers', 'training', 'certification']) {
      expect(sample(text, 'gateway_subgraph_fetches_total', { subgraph })).toBe(2);
      expect(sample(text, 'gateway_subgraph_fetch_duration_seconds_count', { subgraph })).toBe(2);
    }
    expect(text).not.toContain('gateway_subgraph_fetch_errors_total{');
  });

  it('counts requests and SQL statements per request at every subgraph', async () => {
    const { id } = graph.province.teachers[1];
    expect((await graph.query(RECORD, { id })).errors).toBeUndefined();
    const teachers = await scrape(graph.subgraphs.teachers.port);
    // The gateway names each subgraph operation after the client's.
    expect(teachers).toMatch(/graphql_requests_total\{operation="TeacherRecord__teachers__0",service="teachers"\} \d+/);
    expect(sample(teachers, 'subgraph_sql_statements_per_request_count', { service: 'teachers' })).toBeGreaterThan(0);
    expect(sample(teachers, 'subgraph_sql_statements_per_request_sum', { service: 'teachers' })).toBeGreaterThan(0);
    for (const name of ['training', 'credits', 'certification'] as const) {
      const text = await scrape(graph.subgraphs[name].port);
      expect(text).toContain(`service="${name}"`);
      expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    }
  });

  it('asks for the METRICS_TOKEN when one is set', async () => {
    process.env.METRICS_TOKEN = 'scrape-secret';
    try {
      const url = `http://127.0.0.1:${graph.gateway.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong-secret' } })).status).toBe(401);
      const allowed = await fetch(`http://127.0.0.1:${graph.subgraphs.credits.port}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('graphql_requests_total');
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});
