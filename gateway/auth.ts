import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { ANONYMOUS, DEV_KEYS_DIR, ROLES, unauthenticated, validateIdentity, type Identity, type Role } from '../kit/identity';

/**
 * Client authentication at the gateway: a bearer JWT from the identity provider,
 * whose claims give the role and scope. No token → an anonymous caller; a bad token
 * → 401, never a silent downgrade to anonymous.
 *
 * Claims: `role` (teacher, school_admin, county_bureau, city_bureau, province_bureau,
 * institution, analyst, system), `sub`, and the scope the role needs: `teacherId`,
 * `schoolId`, `regionCode` or `institutionId`.
 */
export type Authenticate = (authorization: string | undefined) => Promise<Identity>;

export interface AuthConfig {
  /** HS256 shared secret (`AUTH_JWT_SECRET`). */
  secret?: string;
  /** PEM public key for RS256/ES256/EdDSA tokens (`AUTH_PUBLIC_KEY`). */
  publicKeyPem?: string;
  /** The provider's JWKS endpoint (`AUTH_JWKS_URL`). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

const DEV_CLIENT_SECRET = join(DEV_KEYS_DIR, 'client-jwt-secret');

/** The development HS256 secret `npm run token` signs with, made on first use. */
export function devClientSecret(): string {
  if (!existsSync(DEV_CLIENT_SECRET)) {
    mkdirSync(DEV_KEYS_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(DEV_CLIENT_SECRET, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(DEV_CLIENT_SECRET, 'utf8').trim();
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const config: AuthConfig = {
    secret: env.AUTH_JWT_SECRET,
    publicKeyPem: env.AUTH_PUBLIC_KEY,
    jwksUrl: env.AUTH_JWKS_URL,
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
  };
  if (!config.secret && !config.publicKeyPem && !config.jwksUrl) config.secret = devClientSecret();
  return config;
}

function roleFromClaim(claim: unknown): Role {
  const role = String(claim ?? '').toUpperCase() as Role;
  if (!ROLES.includes(role) || role === 'ANONYMOUS') throw unauthenticated(`The token's role "${String(claim)}" is not one this graph knows.`);
  return role;
}

export async function createAuthenticator(config: AuthConfig): Promise<Authenticate> {
  let key: KeyLike | Uint8Array | JWTVerifyGetKey;
  if (config.jwksUrl) key = createRemoteJWKSet(new URL(config.jwksUrl));
  else if (config.publicKeyPem) key = await importSPKI(config.publicKeyPem, process.env.AUTH_ALGORITHM ?? 'RS256');
  else if (config.secret) key = new TextEncoder().encode(config.secret);
  else throw new Error('No client token key: set AUTH_JWT_SECRET, AUTH_PUBLIC_KEY or AUTH_JWKS_URL.');
  const options = { issuer: config.issuer, audience: config.audience };

  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], key as Parameters<typeof jwtVerify>[1], options));
    } catch (error) {
      throw unauthenticated(`The bearer token is not valid: ${(error as Error).message}`);
    }
    return validateIdentity({
      role: roleFromClaim(payload.role),
      subject: payload.sub ?? null,
      teacherId: payload.teacherId as string | undefined,
      schoolId: payload.schoolId as string | undefined,
      regionCode: payload.regionCode as string | undefined,
      institutionId: payload.institutionId as string | undefined,
    });
  };
}
