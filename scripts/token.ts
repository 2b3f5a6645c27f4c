/**
 * Tokens for trying the graph by hand, signed with the client secret the gateway trusts:
 * AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE when set (docker compose: `docker compose run --rm
 * token --role analyst`), else the development secret in data/keys/. Prints only the token, so
 * `TOKEN=$(npm run -s token -- --role teacher)` captures it (`-s` keeps npm's own lines out).
 *
 *   npm run -s token -- --role teacher       the demo's teacher 王芳 (scripts/demo-showcase.ts)
 *   npm run -s token -- --role school        the demo's school, whose review queue is not empty
 *   npm run -s token -- --role institution   the demo's institution
 *   npm run -s token -- --role county --region 510104     (city 510100, province 510000)
 *   npm run -s token -- --role teacher --teacher <id> --school <id> --region <county code>
 *   npm run -s token -- --role analyst
 *   npm run -s token -- --service credits    a slice's service token: reads only what the owning
 *                                            subgraphs grant `credits` (access.ts services), writes nothing
 */
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { devClientSecret } from '../gateway/auth';
import { configuredClientSecret } from '../gateway/config';
import { validateIdentity, type Identity, type Role } from '../kit/identity';
import { SHOWCASE } from './demo-showcase';

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
  service: 'SERVICE',
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

/**
 * The token a slice calls the graph with to check another slice's facts (CREDITS_GRAPH_TOKEN,
 * TRAINING_GRAPH_TOKEN, CERTIFICATION_GRAPH_TOKEN): role SERVICE naming the slice, never SYSTEM.
 */
export function serviceToken(service: string, hours: number, secret?: string): Promise<string> {
  return devToken({ role: 'SERVICE', subject: `${service}-service`, service }, hours, secret);
}

/** The scope a role gets when the command names none: the demo's named rows, or Sichuan. */
const DEMO_SCOPE: Partial<Record<Role, Partial<Identity>>> = {
  TEACHER: { teacherId: SHOWCASE.teacher.id, schoolId: SHOWCASE.school.id, regionCode: SHOWCASE.regionCode },
  SCHOOL_ADMIN: { schoolId: SHOWCASE.school.id, regionCode: SHOWCASE.regionCode },
  COUNTY_BUREAU: { regionCode: SHOWCASE.regionCode },
  CITY_BUREAU: { regionCode: '510100' },
  PROVINCE_BUREAU: { regionCode: '510000' },
  INSTITUTION: { institutionId: SHOWCASE.institution.id },
};

/** A token per kind of user over the demo province, for `npm start`'s banner. */
export async function demoTokens(): Promise<{ label: string; token: string }[]> {
  const rows: [string, Role][] = [
    [`teacher ${SHOWCASE.teacher.name}`, 'TEACHER'],
    [`school ${SHOWCASE.school.name}`, 'SCHOOL_ADMIN'],
    ['county bureau 锦江区 510104', 'COUNTY_BUREAU'],
    ['city bureau 成都市 510100', 'CITY_BUREAU'],
    ['province bureau 四川省 510000', 'PROVINCE_BUREAU'],
    ['institution (training)', 'INSTITUTION'],
    ['analyst (aggregates only)', 'ANALYST'],
  ];
  return Promise.all(rows.map(async ([label, role]) => ({ label, token: await devToken({ role, subject: `dev-${role.toLowerCase()}`, ...DEMO_SCOPE[role] }) })));
}

async function main(): Promise<void> {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({ options: { role: text, subject: text, teacher: text, school: text, region: text, institution: text, service: text } });
  const alias = values.role ?? (values.service ? 'service' : '');
  const role = ROLE_ALIASES[alias.toLowerCase()];
  if (!role) {
    console.error(`--role must be one of: ${Object.keys(ROLE_ALIASES).join(', ')} (or --service <slice>)`);
    process.exit(2);
  }
  const named = values.teacher ?? values.school ?? values.region ?? values.institution;
  const identity: Identity = {
    role,
    subject: values.subject ?? (values.service ? `${values.service}-service` : null),
    ...(named ? {} : DEMO_SCOPE[role]),
    ...(values.teacher ? { teacherId: values.teacher } : {}),
    ...(values.school ? { schoolId: values.school } : {}),
    ...(values.region ? { regionCode: values.region } : {}),
    ...(values.institution ? { institutionId: values.institution } : {}),
    ...(values.service ? { service: values.service } : {}),
  };
  console.log(await devToken(identity));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
