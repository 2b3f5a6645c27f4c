import { SignJWT } from 'jose';
import { createAuthenticator, type Authenticate } from '../../gateway/auth';
import { generateGatewayKeys, IDENTITY_HEADER, signIdentity, type GatewayKeys, type Identity } from '../../kit/identity';

/** The client-token secret the test gateway trusts. */
export const TEST_CLIENT_SECRET = 'test-only-client-secret-0123456789abcdef';

let keys: Promise<GatewayKeys & { publicKeyPem: string }> | undefined;

/** One gateway key pair per test file. */
export function testGatewayKeys(): Promise<GatewayKeys & { publicKeyPem: string }> {
  return (keys ??= generateGatewayKeys());
}

export function testAuthenticator(): Promise<Authenticate> {
  return createAuthenticator({ secret: TEST_CLIENT_SECRET });
}

/** A client bearer token as an identity provider would issue it (`lifetime`: a jose time span). */
export async function clientToken(identity: Identity, secret = TEST_CLIENT_SECRET, lifetime = '5m'): Promise<string> {
  const { role, subject, ...scope } = identity;
  return new SignJWT({ role: role.toLowerCase(), ...scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject ?? 'test-user')
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(new TextEncoder().encode(secret));
}

/** Headers that let a test call a subgraph directly, as the gateway would. */
export async function gatewayHeaders(identity: Identity): Promise<Record<string, string>> {
  const { signingKey } = await testGatewayKeys();
  return { [IDENTITY_HEADER]: await signIdentity(identity, signingKey, 'test-request') };
}

export const SYSTEM: Identity = { role: 'SYSTEM', subject: 'test-system' };

/** The identity a slice checks another's facts with (scripts/token.ts `serviceToken`). */
export function serviceIdentity(service: string): Identity {
  return { role: 'SERVICE', subject: `${service}-service`, service };
}
export const SICHUAN_BUREAU: Identity = { role: 'PROVINCE_BUREAU', subject: 'test-province', regionCode: '510000' };
