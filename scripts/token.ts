/**
 * Tokens for trying the graph by hand, signed with the client secret the gateway trusts:
 * AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE when set (docker compose: `docker compose run --rm
 * token --role analyst`), else the development secret in data/keys/.
 *
 *   npm run token -- --role county --region 510104
 *   npm run token -- --role teacher --teacher <id> --school <id> --region <county code>
 *   npm run token -- --role school --school <id> --region <county code>
 *   npm run token -- --role institution --institution <id>
 *   npm run token -- --role analyst
 */
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { devClientSecret } from '../gateway/auth';
import { configuredClientSecret } from '../gateway/config';
import { validateIdentity, type Identity, type Role } from '../kit/identity';

const ROLE_ALIASES: Record<string, Role> = {
  teacher: 'TEACHER',
  school: 'SCHOOL_ADMIN',
  school_admin: 'SCHOOL_ADMIN',
  county: 'COUNTY_BUREAU',
  county_bureau: 'COUNTY_BUREAU',
  city: 'CITY_BUREAU',
  city_bureau: 'CITY_BUREAU',
  province: 'PROVINCE_BUREAU',
  province_bureau: 'PROVINCE_BUREAU',
  institution: 'INSTITUTION',
  analyst: 'ANALYST',
  system: 'SYSTEM',
};

/** Signs a client token for `identity`, valid for `hours`. */
export async function devToken(identity: Identity, hours = 12, secret = configuredClientSecret()?.secret ?? devClientSecret()): Promise<string> {
  validateIdentity(identity);
  const { role, subject, ...scope } = identity;
  return new SignJWT({ role: role.toLowerCase(), ...scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject ?? `dev-${role.toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(new TextEncoder().encode(secret));
}

async function main(): Promise<void> {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({ options: { role: text, subject: text, teacher: text, school: text, region: text, institution: text } });
  const alias = values.role ?? '';
  const role = ROLE_ALIASES[alias.toLowerCase()];
  if (!role) {
    console.error(`--role must be one of: ${Object.keys(ROLE_ALIASES).join(', ')}`);
    process.exit(2);
  }
  const identity: Identity = {
    role,
    subject: values.subject ?? null,
    teacherId: values.teacher,
    schoolId: values.school,
    regionCode: values.region,
    institutionId: values.institution,
  };
  console.log(await devToken(identity));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
