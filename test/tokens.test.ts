import { SignJWT } from 'jose';
import { IDENTITY_HEADER } from '../kit/identity';
import { processConfig } from '../kit/settings';
import { TEST_CLIENT_SECRET, testGatewayKeys } from './support/auth';
import { post, startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

const COUNT = `{ teachers { totalCount } }`;
const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;
const DAY = 24 * HOUR;

/** A client token as a provider might issue it, times in seconds from now (null: claim left out). */
function clientToken({ iat = 0, exp }: { iat?: number | null; exp: number | null }): Promise<string> {
  const jwt = new SignJWT({ role: 'province_bureau', regionCode: '510000' }).setProtectedHeader({ alg: 'HS256' }).setSubject('token-test');
  if (iat !== null) jwt.setIssuedAt(now() + iat);
  if (exp !== null) jwt.setExpirationTime(now() + exp);
  return jwt.sign(new TextEncoder().encode(TEST_CLIENT_SECRET));
}

/** A gateway identity as the gateway signs it, with times of our choosing. */
async function identity({ iat = 0, exp }: { iat?: number; exp: number | null }): Promise<string> {
  const { signingKey } = await testGatewayKeys();
  const jwt = new SignJWT({ role: 'PROVINCE_BUREAU', regionCode: '510000', rid: 'token-test' })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer('teacher-training-gateway')
    .setAudience('teacher-training-subgraphs')
    .setIssuedAt(now() + iat);
  if (exp !== null) jwt.setExpirationTime(now() + exp);
  return jwt.sign(signingKey);
}

/**
 * Every token needs `exp` and a bounded lifetime, with a small allowance for clocks that differ:
 * client tokens at the gateway (AUTH_MAX_TOKEN_LIFETIME_MS, 30 days by default) and the gateway's
 * identities at the subgraphs (GATEWAY_IDENTITY_MAX_LIFETIME_MS, 60 s).
 */
describe('token lifetimes', () => {
  let graph: TestGraph;
  let teachersUrl: string;
  const skew = processConfig.TOKEN_CLOCK_SKEW_MS / 1000;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 20 });
    teachersUrl = `http://127.0.0.1:${graph.subgraphs.teachers.port}/graphql`;
  });

  afterAll(async () => {
    await graph?.stop();
  });

  const atGateway = async (token: string) => post(graph.gatewayUrl, COUNT, {}, { authorization: `Bearer ${token}` });
  const atSubgraph = async (token: string) => post(teachersUrl, COUNT, {}, { [IDENTITY_HEADER]: token });
  const refused = (result: GraphQLResult & { status: number }) => ({ status: result.status, code: result.errors?.[0].extensions?.code, message: result.errors?.[0].message });
  const accepted = (result: GraphQLResult) => {
    expect(result.errors).toBeUndefined();
    expect(result.data!.teachers.totalCount).toBe(graph.province.teachers.length);
  };

  it('the gateway refuses a client token without exp', async () => {
    expect(refused(await atGateway(await clientToken({ exp: null })))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringContaining('"exp" claim') });
  });

  it('the gateway refuses a client token living longer than AUTH_MAX_TOKEN_LIFETIME_MS, even unexpired', async () => {
    expect(refused(await atGateway(await clientToken({ exp: 31 * DAY })))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/lives \d+ s .*at most 2592000 s/) });
    // Without iat the lifetime counts from now.
    expect(refused(await atGateway(await clientToken({ iat: null, exp: 365 * DAY })))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    accepted(await atGateway(await clientToken({ exp: 30 * DAY })));
    accepted(await atGateway(await clientToken({ iat: null, exp: HOUR })));
  });

  it('the gateway allows clocks TOKEN_CLOCK_SKEW_MS apart, and no more', async () => {
    accepted(await atGateway(await clientToken({ iat: -HOUR, exp: -skew / 2 })));
    accepted(await atGateway(await clientToken({ iat: skew / 2, exp: HOUR })));
    expect(refused(await atGateway(await clientToken({ iat: -HOUR, exp: -2 * skew })))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringContaining('"exp"') });
  });

  it('a subgraph refuses a gateway identity without exp', async () => {
    expect(refused(await atSubgraph(await identity({ exp: null })))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringContaining('"exp" claim') });
  });

  it('a subgraph refuses a gateway identity living longer than GATEWAY_IDENTITY_MAX_LIFETIME_MS', async () => {
    expect(refused(await atSubgraph(await identity({ exp: 2 * HOUR })))).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.stringMatching(/lives 7200 s .*at most 60 s/) });
    accepted(await atSubgraph(await identity({ exp: 60 })));
  });

  it('a subgraph allows clocks TOKEN_CLOCK_SKEW_MS apart, and no more', async () => {
    accepted(await atSubgraph(await identity({ iat: -50, exp: -skew / 2 })));
    accepted(await atSubgraph(await identity({ iat: skew / 2, exp: skew / 2 + 60 })));
    expect(refused(await atSubgraph(await identity({ iat: -60 - 2 * skew, exp: -2 * skew })))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
