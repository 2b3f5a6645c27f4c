import type { RunningGateway } from '../gateway/gateway';
import type { SubgraphName } from '../schema/subgraphs';
import { clientToken, SICHUAN_BUREAU, testGatewayKeys } from './support/auth';
import { post, startTestGateway, startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';
import { serving } from './support/processes';

const TOUCHES_CERTIFICATION = `{ verifyCertificate(number: "IT2-51-2019-000123", name: "王芳") { result } }`;
const TEACHERS_ONLY = `{ region(code: "510000") { name children { code } } }`;
const TIMEOUT_MS = 400;
const COOLDOWN_MS = 2_000;

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.99) - 1];

/**
 * A hung subgraph (a process stopped with SIGSTOP, not dead: connections open, nothing answers)
 * costs the requests that touch it the whole timeout only until its breaker opens; then they fail
 * at once with SUBGRAPH_UNAVAILABLE, and requests that do not touch it keep their latency.
 */
describe('circuit breaker per subgraph, with a stopped subgraph process', () => {
  let graph: TestGraph;
  let certification: Awaited<ReturnType<typeof serving>>;
  let gateway: RunningGateway;
  let headers: Record<string, string>;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 30 });
    const keys = await testGatewayKeys();
    certification = await serving('subgraphs/certification/main.ts', { DATABASE_URL: 'sqlite::memory:', GATEWAY_PUBLIC_KEY: keys.publicKeyPem, LOG_LEVEL: 'warn' });
    gateway = await startTestGateway(graph, {
      subgraphUrls: { certification: `http://127.0.0.1:${certification.port}/graphql` } as Record<SubgraphName, string>,
      limits: { subgraphTimeoutMs: TIMEOUT_MS, breaker: { failures: 3, cooldownMs: COOLDOWN_MS } },
    });
    headers = { authorization: `Bearer ${await clientToken(SICHUAN_BUREAU)}` };
  });

  afterAll(async () => {
    certification?.child.kill('SIGCONT');
    await gateway?.stop();
    await certification?.stop();
    await graph?.stop();
  });

  const ask = async (query: string): Promise<GraphQLResult & { ms: number }> => {
    const started = performance.now();
    const result = await post(`http://127.0.0.1:${gateway.port}/graphql`, query, {}, headers);
    return { ...result, ms: performance.now() - started };
  };
  const codeOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code;

  it('times out a few calls, then fails fast while open, probes after the cool-down, and closes when the subgraph is back', async () => {
    expect((await ask(TOUCHES_CERTIFICATION)).data).toEqual({ verifyCertificate: { result: 'NOT_FOUND' } });
    const baseline: number[] = [];
    for (let i = 0; i < 100; i += 1) baseline.push((await ask(TEACHERS_ONLY)).ms);

    certification.child.kill('SIGSTOP');
    // Until the breaker opens, each call waits the whole timeout.
    for (let i = 0; i < 3; i += 1) {
      const timedOut = await ask(TOUCHES_CERTIFICATION);
      expect(codeOf(timedOut)).toBe('SUBGRAPH_TIMEOUT');
      expect(timedOut.ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
    }
    // Open: at once, and naming the subgraph.
    const fast = await ask(TOUCHES_CERTIFICATION);
    expect(fast.errors![0]).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'certification' } });
    expect(fast.ms).toBeLessThan(TIMEOUT_MS);

    // Requests that do not touch it, while others keep asking the stopped subgraph.
    const during: number[] = [];
    const hammered: unknown[] = [];
    let hammering = true;
    const hammer = (async () => {
      while (hammering) hammered.push(codeOf(await ask(TOUCHES_CERTIFICATION)));
    })();
    for (let i = 0; i < 100; i += 1) {
      const result = await ask(TEACHERS_ONLY);
      expect(result.errors).toBeUndefined();
      during.push(result.ms);
    }
    hammering = false;
    await hammer;
    // Failing fast; once per cool-down a probe waits the timeout and finds it still stopped.
    const probes = hammered.filter((code) => code === 'SUBGRAPH_TIMEOUT').length;
    expect(hammered.filter((code) => code !== 'SUBGRAPH_TIMEOUT' && code !== 'SUBGRAPH_UNAVAILABLE')).toEqual([]);
    expect(hammered.length - probes).toBeGreaterThan(10 * probes);
    process.stdout.write(`teachers-only query p99: ${p99(baseline).toFixed(1)} ms before, ${p99(during).toFixed(1)} ms with certification stopped (${hammered.length - probes} calls to it failed fast, ${probes} probes)\n`);
    // Wall times on a shared machine: the same order, not the same figure.
    expect(p99(during)).toBeLessThan(3 * p99(baseline) + 50);

    // After the cool-down one probe goes through; still stopped, so it times out and the breaker opens again.
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + TIMEOUT_MS));
    expect(codeOf(await ask(TOUCHES_CERTIFICATION))).toBe('SUBGRAPH_TIMEOUT');
    expect(codeOf(await ask(TOUCHES_CERTIFICATION))).toBe('SUBGRAPH_UNAVAILABLE');

    // Back: the next probe succeeds and the breaker closes.
    certification.child.kill('SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, COOLDOWN_MS + TIMEOUT_MS));
    expect((await ask(TOUCHES_CERTIFICATION)).data).toEqual({ verifyCertificate: { result: 'NOT_FOUND' } });
    expect((await ask(TOUCHES_CERTIFICATION)).errors).toBeUndefined();
  });
});
