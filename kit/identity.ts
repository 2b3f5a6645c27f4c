import { KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyOptions, type CryptoKey } from 'jose';
import { ConfigError, type KeySource } from './config';
import { DEV_KEYS_DIR, gatewayKeyConfig, isProduction, processConfig, subgraphConfig } from './settings';
import { isRegionCode } from '../standards/region-code';

/**
 * Who is asking, as the gateway vouches for it. Roles and their scope (graph-design.md):
 * a teacher sees themself, a school admin their school, a bureau its region and every
 * region below, an institution its projects and enrollees, an analyst aggregates only. A service
 * is another slice reading facts it must not take on a caller's word (a teacher's placement): it
 * reads only the fields the owning slice grants its service name (kit/access `ServiceGrants`) and
 * calls only the mutations whose write rule names it (kit/write-policy `services`: the credits
 * service registers completion credits), none by its role alone.
 */
export const ROLES = [
  'ANONYMOUS',
  'TEACHER',
  'SCHOOL_ADMIN',
  'COUNTY_BUREAU',
  'CITY_BUREAU',
  'PROVINCE_BUREAU',
  'INSTITUTION',
  'ANALYST',
  'SERVICE',
  'SYSTEM',
] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  role: Role;
  /** The user's id at the identity provider; null for anonymous callers. */
  subject: string | null;
  teacherId?: string;
  /** A teacher's or school admin's school. */
  schoolId?: string;
  /** GB/T 2260 code of a bureau's region, or of a teacher's or school admin's school. */
  regionCode?: string;
  institutionId?: string;
  /** A SERVICE identity's slice (`credits`, `training`, `certification`): the name grants are declared for. */
  service?: string;
}

/** A service name: a slice's name, lower case (`credits`). */
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,39}$/;

export const ANONYMOUS: Identity = { role: 'ANONYMOUS', subject: null };

/** The header that carries the gateway's signed identity to every subgraph. */
export const IDENTITY_HEADER = 'x-gateway-identity';
const ISSUER = 'teacher-training-gateway';
const AUDIENCE = 'teacher-training-subgraphs';
const ALGORITHM = 'EdDSA';
/** Short-lived: one request's worth, so a leaked header is soon useless. */
const IDENTITY_TTL_SECONDS = 60;

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

const BUREAU_LEVEL: Partial<Record<Role, RegExp>> = {
  PROVINCE_BUREAU: /^\d{2}0000$/,
  CITY_BUREAU: /^\d{4}00$/,
  COUNTY_BUREAU: /^\d{6}$/,
};

/** Checks that an identity carries the scope its role needs (a school admin needs a school...). */
export function validateIdentity(identity: Identity): Identity {
  const need = (field: keyof Identity) => {
    if (!identity[field]) throw unauthenticated(`A ${identity.role} identity must name its ${field}.`);
  };
  if (!ROLES.includes(identity.role)) throw unauthenticated(`Unknown role ${String(identity.role)}.`);
  // A teacher's and a school admin's organisation travels with them, so a subgraph can
  // file what they do (a course selection, a credit) under the right school and county.
  if (identity.role === 'TEACHER') need('teacherId');
  if (identity.role === 'TEACHER' || identity.role === 'SCHOOL_ADMIN') {
    need('schoolId');
    need('regionCode');
    if (!isRegionCode(identity.regionCode!)) throw unauthenticated(`${identity.regionCode} is not a six-digit region code.`);
  }
  if (identity.role === 'INSTITUTION') need('institutionId');
  if (identity.role === 'SERVICE') {
    need('service');
    if (!SERVICE_NAME.test(identity.service!)) throw unauthenticated(`"${identity.service}" is not a service name (a slice's name in lower case, e.g. credits).`);
  }
  // Only a service speaks for a slice: a person's token naming one would borrow that slice's grants.
  if (identity.service && identity.role !== 'SERVICE') throw unauthenticated(`A ${identity.role} identity names no service.`);
  const level = BUREAU_LEVEL[identity.role];
  if (level) {
    need('regionCode');
    if (!level.test(identity.regionCode!)) {
      throw unauthenticated(`${identity.role} needs a region code of its level; ${identity.regionCode} is not one.`);
    }
  }
  return identity;
}

/**
 * The time checks every token gets, client tokens at the gateway and identities at subgraphs:
 * `exp` is required (a token without it would be good forever), and clocks may differ by
 * `TOKEN_CLOCK_SKEW_MS`. Give these to `jwtVerify`, then {@link assertLifetime}.
 */
export function tokenTimeOptions(): Pick<JWTVerifyOptions, 'requiredClaims' | 'clockTolerance'> {
  return { requiredClaims: ['exp'], clockTolerance: Math.ceil(processConfig.TOKEN_CLOCK_SKEW_MS / 1000) };
}

/**
 * Throws unless a verified token lives at most `maxLifetimeMs`: from `iat` to `exp`, or from now
 * when it names no `iat` (it cannot then be trusted to have been issued earlier). A token minted
 * for a year is refused even while it is unexpired: a stolen one would be good for that long.
 */
export function assertLifetime(payload: JWTPayload, maxLifetimeMs: number, what: string): void {
  const skew = processConfig.TOKEN_CLOCK_SKEW_MS;
  const issued = payload.iat ?? Math.floor(Date.now() / 1000);
  const lifetimeMs = (payload.exp! - issued) * 1000;
  if (lifetimeMs > maxLifetimeMs + skew) {
    throw unauthenticated(`${what} lives ${Math.round(lifetimeMs / 1000)} s (exp − iat); at most ${Math.round(maxLifetimeMs / 1000)} s are accepted.`);
  }
}

function claimsOf(identity: Identity): Record<string, string> {
  const claims: Record<string, string> = { role: identity.role };
  for (const key of ['teacherId', 'schoolId', 'regionCode', 'institutionId', 'service'] as const) {
    if (identity[key]) claims[key] = identity[key]!;
  }
  return claims;
}

const SIGNED_HEADER = Buffer.from(JSON.stringify({ alg: ALGORITHM })).toString('base64url');
const nodeKeys = new WeakMap<CryptoKey, KeyObject>();

/**
 * The gateway's side: a short-lived Ed25519-signed assertion of who is asking (with the request
 * id when given), a compact JWS that any JOSE library verifies. Signed with node:crypto rather
 * than jose's WebCrypto path: a burst of distinct callers (a selection round opening) signs one
 * identity per caller, and WebCrypto's asynchronous job cost about four times the signature itself.
 * The key must be extractable (`importSigningKey`, `generateGatewayKeys`).
 */
export async function signIdentity(identity: Identity, signingKey: CryptoKey, requestId?: string): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload = {
    ...claimsOf(identity),
    ...(requestId ? { rid: requestId } : {}),
    iss: ISSUER,
    aud: AUDIENCE,
    iat: issuedAt,
    exp: issuedAt + IDENTITY_TTL_SECONDS,
    ...(identity.subject ? { sub: identity.subject } : {}),
  };
  let key = nodeKeys.get(signingKey);
  if (!key) nodeKeys.set(signingKey, (key = KeyObject.from(signingKey)));
  const input = `${SIGNED_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/** Identities signed at most this long ago are used again: they still have half their lifetime to live. */
const IDENTITY_REUSE_MS = (IDENTITY_TTL_SECONDS * 1000) / 2;
const IDENTITY_CACHE_ENTRIES = 10_000;

/**
 * The gateway's signer, signing each caller's identity once per half-lifetime: the Ed25519
 * signature was 4–6 % of the gateway's CPU under load, repeated for every request of the same
 * caller. A reused identity names no request (`rid`); the request id travels in `x-request-id`.
 * A signature at most 30 s old still has 30 s to live, well past any subgraph call's deadline.
 */
export function identitySigner(signingKey: CryptoKey): (identity: Identity) => Promise<string> {
  const signed = new Map<string, { token: Promise<string>; at: number }>();
  return (identity) => {
    const key = JSON.stringify([identity.subject ?? null, claimsOf(identity)]);
    const now = Date.now();
    const cached = signed.get(key);
    if (cached && now - cached.at < IDENTITY_REUSE_MS) return cached.token;
    if (signed.size >= IDENTITY_CACHE_ENTRIES) signed.clear();
    const token = signIdentity(identity, signingKey);
    signed.set(key, { token, at: now });
    token.catch(() => signed.delete(key));
    return token;
  };
}

/**
 * A subgraph's side: accepts only identities the gateway signed. A province's own
 * subgraph does the same with any JOSE library: verify the EdDSA signature with the
 * gateway's public key, issuer `teacher-training-gateway`, audience
 * `teacher-training-subgraphs`, an unexpired `exp` and a lifetime (`exp` − `iat`) of at most
 * `GATEWAY_IDENTITY_MAX_LIFETIME_MS` (60 s by default, what the gateway signs).
 */
async function verifyIdentity(token: string | undefined, publicKey: CryptoKey): Promise<{ identity: Identity; expiresAt: number }> {
  if (!token) throw unauthenticated(`Subgraphs answer only requests the gateway signed (${IDENTITY_HEADER} header missing).`);
  try {
    const { payload } = await jwtVerify(token, publicKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALGORITHM], ...tokenTimeOptions() });
    assertLifetime(payload, subgraphConfig.GATEWAY_IDENTITY_MAX_LIFETIME_MS, 'The gateway identity');
    const identity = validateIdentity({
      role: payload.role as Role,
      subject: payload.sub ?? null,
      teacherId: payload.teacherId as string | undefined,
      schoolId: payload.schoolId as string | undefined,
      regionCode: payload.regionCode as string | undefined,
      institutionId: payload.institutionId as string | undefined,
      service: payload.service as string | undefined,
    });
    return { identity, expiresAt: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw unauthenticated(`The gateway identity is not valid: ${(error as Error).message}`);
  }
}

/**
 * Tokens already verified and what they assert, each kept until the given time (ms since the
 * epoch) and at most `entries` of them, emptied whole when full: the gateway's client tokens
 * and the subgraphs' gateway identities.
 */
export function verifiedTokens<V>(entries = 10_000): { get: (token: string) => V | undefined; set: (token: string, value: V, until: number) => void } {
  const verified = new Map<string, { value: V; until: number }>();
  return {
    get: (token) => {
      const known = verified.get(token);
      return known && Date.now() < known.until ? known.value : undefined;
    },
    set: (token, value, until) => {
      if (verified.size >= entries) verified.clear();
      verified.set(token, { value, until });
    },
  };
}

/**
 * A subgraph's verifier, verifying each identity token once: the gateway reuses a caller's
 * signed identity for half its lifetime, so the same token arrives again and again, and the
 * Ed25519 check was repeated for each. A token is taken from memory only until its `exp`;
 * one that failed is checked again every time.
 */
export function identityVerifier(publicKey: CryptoKey): (token: string | undefined) => Promise<Identity> {
  const verified = verifiedTokens<Identity>();
  return async (token) => {
    const known = token ? verified.get(token) : undefined;
    if (known) return known;
    const { identity, expiresAt } = await verifyIdentity(token, publicKey);
    verified.set(token!, identity, expiresAt);
    return identity;
  };
}

export interface GatewayKeys {
  signingKey: CryptoKey;
  publicKey: CryptoKey;
}

export async function generateGatewayKeys(): Promise<GatewayKeys & { signingKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  return { signingKey: privateKey, publicKey, signingKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

const PUBLIC_KEY_FILE = 'gateway-public.pem';
const SIGNING_KEY_FILE = 'gateway-signing.pem';

/**
 * Makes a gateway key pair in `dir` unless one is there: by default the development pair in
 * git-ignored `data/keys/`, shared by local processes; `npm run keys -- --dir` makes a
 * deployment's own pair elsewhere (docker-compose.yml).
 */
export async function ensureGatewayKeys(dir = DEV_KEYS_DIR): Promise<void> {
  if (existsSync(join(dir, SIGNING_KEY_FILE))) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = await generateGatewayKeys();
  writeFileSync(join(dir, SIGNING_KEY_FILE), keys.signingKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, PUBLIC_KEY_FILE), keys.publicKeyPem);
}

/** The configured key, else the development one; never the development one in production (the start check says which variable to set). */
function pemOf(variable: string, configured: KeySource | undefined, devFile: string): string {
  if (configured) return configured.pem;
  if (isProduction()) throw new ConfigError([`${variable} must be set when NODE_ENV=production; the development key in data/keys/ is for local use only.`]);
  const path = join(DEV_KEYS_DIR, devFile);
  if (existsSync(path)) return readFileSync(path, 'utf8');
  throw new ConfigError([`${variable} is not set: give the PEM (or a path to it). For local development, \`npm start\` makes a key pair in data/keys/.`]);
}

/** `GATEWAY_PUBLIC_KEY`, else the development key. */
export function loadGatewayPublicKey(): Promise<CryptoKey> {
  return importSPKI(pemOf('GATEWAY_PUBLIC_KEY', subgraphConfig.GATEWAY_PUBLIC_KEY, PUBLIC_KEY_FILE), ALGORITHM);
}

/** `GATEWAY_SIGNING_KEY`, else the development key. */
export function loadGatewaySigningKey(): Promise<CryptoKey> {
  return importSigningKey(pemOf('GATEWAY_SIGNING_KEY', gatewayKeyConfig.GATEWAY_SIGNING_KEY, SIGNING_KEY_FILE));
}

/** A PKCS#8 Ed25519 signing key, extractable: `signIdentity` signs with node:crypto, which needs the key's material. */
export function importSigningKey(pem: string): Promise<CryptoKey> {
  return importPKCS8(pem, ALGORITHM, { extractable: true });
}
