import { generateGatewayKeys, IDENTITY_HEADER, signIdentity } from '../kit/identity';
import { SignJWT } from 'jose';
import { gatewayHeaders, SICHUAN_BUREAU, testGatewayKeys } from './support/auth';
import { post, startTestGraph, type TestGraph } from './support/graph';

const COUNT = `{ teachers { totalCount } }`;

describe('who a subgraph and the gateway trust', () => {
  let graph: TestGraph;
  let teachersUrl: string;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 30 });
    teachersUrl = `http://127.0.0.1:${graph.subgraphs.teachers.port}/graphql`;
  });

  afterAll(async () => {
    await graph?.stop();
  });

  const expectUnauthenticated = (result: Awaited<ReturnType<typeof post>>) => {
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  };

  it('a subgraph answers the gateway-signed identity it expects', async () => {
    const result = await post(teachersUrl, COUNT, {}, await gatewayHeaders(SICHUAN_BUREAU));
    expect(result.errors).toBeUndefined();
    expect(result.data!.teachers.totalCount).toBe(graph.province.teachers.length);
  });

  it('a subgraph refuses a request with no gateway identity', async () => {
    expectUnauthenticated(await post(teachersUrl, COUNT));
  });

  it('a subgraph refuses an identity signed by another key', async () => {
    const other = await generateGatewayKeys();
    const forged = await signIdentity({ role: 'SYSTEM', subject: 'intruder' }, other.signingKey, 'forged');
    expectUnauthenticated(await post(teachersUrl, COUNT, {}, { [IDENTITY_HEADER]: forged }));
  });

  it('a subgraph refuses an expired identity', async () => {
    const { signingKey } = await testGatewayKeys();
    const expired = await new SignJWT({ role: 'SYSTEM' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('teacher-training-gateway')
      .setAudience('teacher-training-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 540)
      .sign(signingKey);
    expectUnauthenticated(await post(teachersUrl, COUNT, {}, { [IDENTITY_HEADER]: expired }));
  });

  it('a subgraph refuses a signed identity whose payload was changed', async () => {
    const { [IDENTITY_HEADER]: genuine } = await gatewayHeaders({ role: 'ANALYST', subject: 'analyst' });
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'SYSTEM' })).toString('base64url');
    expectUnauthenticated(await post(teachersUrl, COUNT, {}, { [IDENTITY_HEADER]: `${header}.${raised}.${signature}` }));
  });

  it('every process answers health, readiness and metrics probes without an identity', async () => {
    const ports = [graph.gateway.port, ...Object.values(graph.subgraphs).map((s) => s.port)];
    for (const port of ports) {
      for (const path of ['/health', '/ready', '/metrics']) {
        expect([port, path, (await fetch(`http://127.0.0.1:${port}${path}`)).status]).toEqual([port, path, 200]);
      }
    }
  });

  it('the gateway refuses an invalid bearer token with 401', async () => {
    expectUnauthenticated(await post(graph.gatewayUrl, COUNT, {}, { authorization: 'Bearer not.a.token' }));
    expectUnauthenticated(await post(graph.gatewayUrl, COUNT, {}, { authorization: 'Basic cm9vdDpyb290' }));
  });

  it('the gateway treats a caller without a token as anonymous, who sees no teacher', async () => {
    const result = await post(graph.gatewayUrl, COUNT);
    expect(result.errors).toBeUndefined();
    expect(result.data!.teachers.totalCount).toBe(0);
  });
});
