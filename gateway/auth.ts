import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import { ConfigError } from '../kit/config';
import { ANONYMOUS, assertLifetime, ROLES, tokenTimeOptions, unauthenticated, validateIdentity, verifiedTokens, type Identity, type Role } from '../kit/identity';
import { DEV_KEYS_DIR, isProduction } from '../kit/settings';
import { configuredClientSecret, gatewayConfig } from './config';

/**
 * Client authentication at the gateway: a bearer JWT from the identity provider,
 * whose claims give the role and scope. No token → an anonymous caller; a bad token
 * → 401, never a silent downgrade to anonymous.
 *
 * Every token needs `exp` and a lifetime of at most `AUTH_MAX_TOKEN_LIFETIME_MS`.
 *
 * Claims: `role` (teacher, school_admin, county_bureau, city_bureau, province_bureau,
 * institution, analyst, service, system), `sub`, and the scope the role needs: `teacherId`,
 * `schoolId`, `regionCode`, `institutionId`, or a service's `service` (the slice it speaks for).
 */
export type Authenticate = (authorization: string | undefined) => Promise<Identity>;

export interface AuthConfig {
  /** HS256 shared secret (`AUTH_JWT_SECRET` or `AUTH_JWT_SECRET_FILE`). */
  secret?: string;
  /** PEM public key for RS256/ES256/EdDSA tokens (`AUTH_PUBLIC_KEY`). */
  publicKeyPem?: string;
  /** The algorithm of `publicKeyPem` (`AUTH_ALGORITHM`, default RS256). */
  algorithm?: string;
  /** The provider's JWKS endpoint (`AUTH_JWKS_URL`). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** `AUTH_MAX_TOKEN_LIFETIME_MS`: longest `exp` − `iat` accepted. */
  maxLifetimeMs?: number;
}

const CLIENT_SECRET_FILE = 'client-jwt-secret';

/** An HS256 client-token secret in `dir`, made unless it is there (`npm run keys -- --dir` for a deployment's own). */
export function ensureClientSecret(dir: string): string {
  const path = join(dir, CLIENT_SECRET_FILE);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

/** The development HS256 secret `npm run token` signs with, made on first use; never used in production. */
export function devClientSecret(): string {
  if (isProduction()) throw new ConfigError(['The development client secret is not used when NODE_ENV=production: set AUTH_JWKS_URL, AUTH_PUBLIC_KEY or AUTH_JWT_SECRET.']);
  return ensureClientSecret(DEV_KEYS_DIR);
}

export function authConfigFromEnv(): AuthConfig {
  const config: AuthConfig = {
    secret: configuredClientSecret()?.secret,
    publicKeyPem: gatewayConfig.AUTH_PUBLIC_KEY?.pem,
    algorithm: gatewayConfig.AUTH_ALGORITHM,
    jwksUrl: gatewayConfig.AUTH_JWKS_URL,
    issuer: gatewayConfig.AUTH_ISSUER,
    audience: gatewayConfig.AUTH_AUDIENCE,
    maxLifetimeMs: gatewayConfig.AUTH_MAX_TOKEN_LIFETIME_MS,
  };
  if (!config.secret && !config.publicKeyPem && !config.jwksUrl) config.secret = devClientSecret();
  return config;
}

function roleFromClaim(claim: unknown): Role {
  const role = String(claim ?? '').toUpperCase() as Role;
  if (!ROLES.includes(role) || role === 'ANONYMOUS') throw unauthenticated(`The token's role "${String(claim)}" is not one this graph knows.`);
  return role;
}

const VERIFIED_TOKEN_REUSE_MS = 60_000;

export async function createAuthenticator(config: AuthConfig): Promise<Authenticate> {
  let key: CryptoKey | Uint8Array | JWTVerifyGetKey;
  if (config.jwksUrl) key = createRemoteJWKSet(new URL(config.jwksUrl));
  else if (config.publicKeyPem) key = await importSPKI(config.publicKeyPem, config.algorithm ?? 'RS256');
  // Imported once: given the raw secret, jose imports it again for every token it checks.
  else if (config.secret) key = await crypto.subtle.importKey('raw', new TextEncoder().encode(config.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  else throw new Error('No client token key: set AUTH_JWT_SECRET, AUTH_PUBLIC_KEY or AUTH_JWKS_URL.');
  const maxLifetimeMs = config.maxLifetimeMs ?? gatewayConfig.AUTH_MAX_TOKEN_LIFETIME_MS;

  // Verified tokens, until they expire but for at most a minute (so a key taken out of a JWKS
  // stops being honoured within a minute): HS256/RS256 verification was a few per cent of the
  // gateway's CPU, repeated for every request of the same caller.
  const verified = verifiedTokens<Identity>();
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const known = verified.get(match[1]);
    if (known) return known;
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], key as Parameters<typeof jwtVerify>[1], { issuer: config.issuer, audience: config.audience, ...tokenTimeOptions() }));
    } catch (error) {
      throw unauthenticated(`The bearer token is not valid: ${(error as Error).message}`);
    }
    assertLifetime(payload, maxLifetimeMs, 'The bearer token');
    const identity = validateIdentity({
      role: roleFromClaim(payload.role),
      subject: payload.sub ?? null,
      teacherId: payload.teacherId as string | undefined,
      schoolId: payload.schoolId as string | undefined,
      regionCode: payload.regionCode as string | undefined,
      institutionId: payload.institutionId as string | undefined,
      service: payload.service as string | undefined,
    });
    verified.set(match[1], identity, Math.min(payload.exp! * 1000, Date.now() + VERIFIED_TOKEN_REUSE_MS));
    return identity;
  };
}
