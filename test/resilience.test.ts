import { createServer, type Server } from 'node:http';
import { startGateway, type RunningGateway } from '../gateway/gateway';
import type { SubgraphName } from '../schema/subgraphs';
import { close, listen } from '../kit/http';
import { startSubgraph } from '../kit/subgraph';
import { clientToken, SICHUAN_BUREAU, testAuthenticator, testGatewayKeys } from './support/auth';
import { DEFINITIONS, post, startTestGraph, type TestGraph } from './support/graph';

/**
 * A teacher's record across subgraphs, and a certificate as a root field. Fields a
 * subgraph adds to others' entities are nullable, so a certification outage costs only
 * `certificates` and the root `certificate`; the rest of the record survives.
 */
const RECORD = /* GraphQL */ `
  query Record($id: ID!, $number: ID!) {
    teacher(id: $id) { name school { name } enrollments { status } certificates { number } }
    certificate(number: $number) { number teacher { id } }
  }
`;

describe('a subgraph that is down or slow', () => {
  let graph: TestGraph;
  let variables: { id: string; number: string };

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 30 });
    const certificate = graph.province.certificates[0];
    variables = { id: certificate.teacherId, number: certificate.number };
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('costs only its own fields, with an error naming it, until it is back', async () => {
    const before = await graph.query(RECORD, variables);
    expect(before.errors).toBeUndefined();
    expect(before.data!.certificate.teacher.id).toBe(variables.id);

    const { port } = graph.subgraphs.certification;
    await graph.subgraphs.certification.stop();
    const during = await graph.query(RECORD, variables);
    expect(during.data!.teacher).toEqual({ ...before.data!.teacher, certificates: null });
    expect(before.data!.teacher.certificates.length).toBeGreaterThan(0);
    expect(during.data!.certificate).toBeNull();
    expect(during.errors!.length).toBeGreaterThanOrEqual(1);
    expect(new Set(during.errors!.map((e) => e.extensions!.serviceName))).toEqual(new Set(['certification']));
    expect(during.errors![0].message).toBe('The certification subgraph is unavailable; the fields it serves are missing.');
    expect(during.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'certification' });

    // Back on the same port with the same database: the gateway needs no restart.
    graph.subgraphs.certification = await startSubgraph(DEFINITIONS.certification, {
      port,
      host: '127.0.0.1',
      store: graph.stores.certification,
      gatewayPublicKey: (await testGatewayKeys()).publicKey,
    });
    const after = await graph.query(RECORD, variables);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
  });

  it('gives up on a subgraph after SUBGRAPH_TIMEOUT_MS and answers with the rest', async () => {
    // Accepts connections and never answers.
    const silent: Server = createServer(() => undefined);
    const silentPort = await listen(silent, 0, '127.0.0.1');
    const keys = await testGatewayKeys();
    const urls = Object.fromEntries(Object.entries(graph.subgraphs).map(([name, s]) => [name, `http://127.0.0.1:${s.port}/graphql`]));
    let gateway: RunningGateway | undefined;
    try {
      gateway = await startGateway({
        port: 0,
        host: '127.0.0.1',
        signingKey: keys.signingKey,
        authenticate: await testAuthenticator(),
        subgraphUrls: { ...urls, certification: `http://127.0.0.1:${silentPort}/graphql` } as Record<SubgraphName, string>,
        limits: { subgraphTimeoutMs: 300 },
      });
      const started = Date.now();
      const result = await post(`http://127.0.0.1:${gateway.port}/graphql`, RECORD, variables, {
        authorization: `Bearer ${await clientToken(SICHUAN_BUREAU)}`,
      });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(result.data!.teacher.name).toEqual(expect.any(String));
      expect(result.data!.certificate).toBeNull();
      expect(result.errors![0].extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', serviceName: 'certification' });
      expect(result.errors![0].message).toMatch(/certification subgraph did not answer within 300 ms/);
    } finally {
      await gateway?.stop();
      silent.closeAllConnections();
      await close(silent);
    }
  });
});
