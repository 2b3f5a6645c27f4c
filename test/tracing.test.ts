import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPHS, subgraphUrlVariable } from '../schema/subgraphs';
import { devToken } from '../scripts/token';
import { ensureGatewayKeys } from '../kit/identity';
import { createTestDatabase, type TestDatabase } from './support/mariadb';
import { serving, start } from './support/processes';

/**
 * OpenTelemetry across processes, as deployed: the gateway and the four subgraphs run as their
 * own processes over real HTTP and MariaDB, and export OTLP/HTTP (JSON) to a small collector this
 * test runs. A client's traceparent must come back as one trace: the gateway's operation and
 * subgraph fetches, each subgraph's request, its loaders and its SQL statements, and the
 * subgraphs' log lines carry the trace id.
 */

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}
interface Exported extends OtlpSpan {
  service: string;
}

describe('one trace across gateway, subgraphs and SQL (OTLP to a collector)', () => {
  let collector: Server;
  const spans: Exported[] = [];
  let database: TestDatabase;
  const running: Array<Awaited<ReturnType<typeof serving>>> = [];
  let gatewayUrl: string;

  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const payload = JSON.parse(body) as {
          resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
        };
        for (const resource of payload.resourceSpans) {
          const service = resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const scope of resource.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };

    // The processes below sign and check identities with the development keys (data/keys/).
    await ensureGatewayKeys();
    database = await createTestDatabase('tracing');
    const seed = start('scripts/seed.ts', { DATABASE_URL: database.url }, ['--teachers', '20']);
    expect(await seed.exited).toBe(0);

    const urls: Record<string, string> = {};
    await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const subgraph = await serving(`subgraphs/${name}/main.ts`, { ...otel, DATABASE_URL: database.url });
        running.push(subgraph);
        urls[subgraphUrlVariable(name)] = `http://localhost:${subgraph.port}/graphql`;
      }),
    );
    const gateway = await serving('gateway/main.ts', { ...otel, ...urls });
    running.push(gateway);
    gatewayUrl = `http://localhost:${gateway.port}/graphql`;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(running.map((process) => process.stop()));
    collector?.close();
    await database?.drop();
  });

  it('continues the client’s traceparent through the gateway into the subgraphs, their loaders and their SQL', async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const token = await devToken({ role: 'PROVINCE_BUREAU', subject: 'tracing-test', regionCode: '510000' });
    const ask = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${clientSpanId}-01` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: any; errors?: unknown[] };
    };
    const list = await ask('{ teachers(first: 2) { nodes { id } } }');
    expect(list.errors).toBeUndefined();
    const record = await ask('query($id: ID!) { teacher(id: $id) { name school { name } creditAccount(year: 2024) { required } certificates { number } } }', {
      id: list.data.teachers.nodes[0].id,
    });
    expect(record.errors).toBeUndefined();

    const inTrace = () => spans.filter((span) => span.traceId === traceId);
    const deadline = Date.now() + 20_000;
    const complete = () => {
      const services = new Set(inTrace().map((s) => s.service));
      const requests = inTrace().filter((s) => s.name === 'graphql gateway').length;
      return requests === 2 && ['gateway', 'teachers', 'credits', 'certification'].every((s) => services.has(s)) && inTrace().some((s) => s.service === 'teachers' && isSql(s));
    };
    while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // Spans still in flight from the last batch.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const trace = inTrace();
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    // The gateway's server span is the client's child; Apollo Gateway's operation and fetch spans hang below it.
    const gatewayServer = trace.filter((s) => s.service === 'gateway' && s.name === 'graphql gateway');
    expect(gatewayServer.length).toBe(2);
    for (const span of gatewayServer) expect(span.parentSpanId).toBe(clientSpanId);
    const fetches = trace.filter((s) => s.service === 'gateway' && s.name === 'gateway.fetch');
    expect(fetches.length).toBeGreaterThanOrEqual(4);
    expect(trace.some((s) => s.service === 'gateway' && s.name === 'gateway.request')).toBe(true);

    // Every subgraph request continues a gateway span: the traceparent crossed the HTTP hop.
    for (const service of ['teachers', 'credits', 'certification']) {
      const servers = trace.filter((s) => s.service === service && s.name === `graphql ${service}`);
      expect(servers.length).toBeGreaterThanOrEqual(1);
      for (const server of servers) expect(byId.get(server.parentSpanId!)?.service).toBe('gateway');
    }

    // Below the teachers request: a loader batch and SQL statements, each inside that subgraph's request.
    const teacherSpans = trace.filter((s) => s.service === 'teachers');
    const underRequest = (span: Exported): boolean => {
      for (let at: Exported | undefined = span; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) {
        if (at.name === 'graphql teachers') return true;
      }
      return false;
    };
    const loaders = teacherSpans.filter((s) => s.name.startsWith('loader '));
    const sql = teacherSpans.filter(isSql);
    expect(loaders.length).toBeGreaterThanOrEqual(1);
    expect(sql.length).toBeGreaterThanOrEqual(1);
    for (const span of [...loaders, ...sql]) expect(underRequest(span)).toBe(true);
    expect(sql.some((s) => /select/i.test(attribute(s, 'db.query.text') ?? attribute(s, 'db.statement') ?? s.name))).toBe(true);

    // Logs name the trace: the teachers subgraph's request log line carries it.
    const teachers = running.find((p) => p.stdout().includes('teachers subgraph ready'))!;
    const lines = teachers
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; traceId?: string });
    expect(lines.some((line) => line.msg === 'graphql request' && line.traceId === traceId)).toBe(true);
  });
});

function attribute(span: OtlpSpan, key: string): string | undefined {
  return span.attributes?.find((a) => a.key === key)?.value.stringValue;
}

function isSql(span: OtlpSpan): boolean {
  return attribute(span, 'db.system') === 'mysql' || attribute(span, 'db.system.name') === 'mysql';
}
