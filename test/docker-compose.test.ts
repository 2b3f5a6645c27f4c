import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { devClientSecret } from '../gateway/auth';
import { GATEWAY_NODE_OPTIONS } from '../gateway/config';
import { ensureGatewayKeys } from '../kit/identity';
import { DEV_KEYS_DIR } from '../kit/settings';
import { SUBGRAPHS, subgraphUrlVariable } from '../schema/subgraphs';
import { refusal } from './support/processes';

/** No Docker engine runs here, so the file is checked against what the code reads. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true });
  type Service = {
    environment?: Record<string, string>;
    command?: string[];
    entrypoint?: string[];
    depends_on?: Record<string, { condition: string }>;
    profiles?: string[];
    build?: unknown;
    restart?: string;
  };
  const services = compose.services as Record<string, Service>;
  const nodeServices = Object.entries(services).filter(([name]) => name !== 'mysql');

  it('runs MySQL 8, the four subgraphs and the gateway', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['mysql', 'gateway', ...SUBGRAPHS.map((s) => s.name)]));
    expect(services.mysql).toMatchObject({ image: expect.stringMatching(/^mysql:8/) });
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s.port] as const))('gives %s its port, a MySQL URL and its entry point', (name, port) => {
    const service = services[name];
    expect(service.environment!.PORT).toBe(String(port));
    expect(service.environment![`${name.toUpperCase()}_DATABASE_URL`]).toMatch(new RegExp(`^mysql://[^@]+@mysql:3306/${name}$`));
    expect(service.command).toEqual(['node', `dist/subgraphs/${name}/main.js`]);
  });

  it('runs the built image: node dist/… with production dependencies only, never tsx', () => {
    expect(services.gateway.command).toEqual(['node', 'dist/gateway/main.js']);
    for (const [, service] of nodeServices) {
      expect(service.build).toBe('.');
      expect([...(service.entrypoint ?? []), ...(service.command ?? [])][0]).toBe('node');
      expect(JSON.stringify(service)).not.toMatch(/tsx|\.ts"/);
    }
    const dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/RUN npm run build/);
    // The image that runs: production dependencies, the build's dist/, nothing else of the checkout.
    expect(stages[1]).toMatch(/RUN npm ci --omit=dev/);
    expect(stages[1]).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(stages[1]).not.toMatch(/COPY \. /);
    expect(stages[1]).toMatch(/CMD \["node", "dist\/gateway\/main\.js"\]/);
  });

  it('starts the gateway with the V8 flags it is benchmarked with (GATEWAY_NODE_OPTIONS)', () => {
    expect(services.gateway.environment!.NODE_OPTIONS).toBe(GATEWAY_NODE_OPTIONS);
  });

  it('migrates once, before any subgraph starts: a one-shot migrate service the subgraphs wait for', () => {
    const migrate = services.migrate;
    expect(migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(migrate.restart).toBe('no');
    expect(migrate.depends_on).toEqual({ mysql: { condition: 'service_healthy' } });
    for (const { name } of SUBGRAPHS) {
      expect(migrate.environment![`${name.toUpperCase()}_DATABASE_URL`]).toBe(services[name].environment![`${name.toUpperCase()}_DATABASE_URL`]);
      expect(services[name].depends_on!.migrate).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('seeds the demo province only when asked, behind a profile, after the migrations', () => {
    const seed = services.seed;
    expect(seed.profiles).toEqual(['demo']);
    expect(seed.command).toEqual(['node', 'dist/scripts/seed.js']);
    expect(seed.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    const started = nodeServices.filter(([, service]) => !service.profiles).map(([name]) => name);
    expect(started.sort()).toEqual(['certification', 'credits', 'gateway', 'keys', 'migrate', 'teachers', 'training']);
  });

  it('points the gateway at every subgraph through SUBGRAPH_<NAME>_URL', () => {
    const env = services.gateway.environment!;
    for (const { name, port } of SUBGRAPHS) {
      expect(env[subgraphUrlVariable(name)]).toBe(`http://${name}:${port}/graphql`);
    }
    expect(env.PORT).toBe('4000');
  });

  it('runs in production on the deployment’s own keys from the keys service, none from data/keys/', () => {
    const keys = services.keys as { command: string[]; volumes: string[] };
    expect(keys.command.join(' ')).toBe('node dist/scripts/keys.js --dir /run/keys');
    expect(keys.volumes).toEqual(['keys:/run/keys']);
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.name)]) {
      const env = services[name].environment!;
      expect(env.NODE_ENV).toBe('production');
      for (const value of Object.values(env)) expect(String(value)).not.toMatch(/data\/keys/);
    }
    for (const { name } of SUBGRAPHS) expect(services[name].environment!.GATEWAY_PUBLIC_KEY).toBe('/run/keys/gateway-public.pem');
    expect(services.gateway.environment).toMatchObject({
      GATEWAY_SIGNING_KEY: '/run/keys/gateway-signing.pem',
      AUTH_JWT_SECRET_FILE: '/run/keys/client-jwt-secret',
    });
    for (const slice of ['credits', 'training', 'certification']) {
      expect(services[slice].environment![`${slice.toUpperCase()}_GRAPH_TOKEN_FILE`]).toBe(`/run/keys/${slice}-graph.token`);
    }
  });

  it('prints a client token signed with the deployment’s secret: docker compose run --rm token --role …', () => {
    const token = services.token as { profiles: string[]; entrypoint: string[]; environment: Record<string, string> };
    expect(token.profiles).toEqual(['tools']);
    expect(token.entrypoint.join(' ')).toBe('node dist/scripts/token.js');
    expect(token.environment.AUTH_JWT_SECRET_FILE).toBe(services.gateway.environment!.AUTH_JWT_SECRET_FILE);
  });

  it('refuses, under the compose environment, the development keys mounted where the deployment’s belong', async () => {
    await ensureGatewayKeys();
    devClientSecret();
    const withDevKeys = (env: Record<string, string>) =>
      Object.fromEntries(Object.entries(env).map(([name, value]) => [name, String(value).replace('/run/keys', DEV_KEYS_DIR)]));
    const gateway = await refusal('gateway/main.ts', withDevKeys(services.gateway.environment!));
    expect(gateway.code).toBe(1);
    expect(gateway.stderr).toContain('GATEWAY_SIGNING_KEY is a development key from data/keys/, refused when NODE_ENV=production');
    expect(gateway.stderr).toContain('AUTH_JWT_SECRET_FILE is the development client secret from data/keys/');
    const teachers = await refusal('subgraphs/teachers/main.ts', { ...withDevKeys(services.teachers.environment!), TEACHERS_DATABASE_URL: 'sqlite::memory:' });
    expect(teachers.code).toBe(1);
    expect(teachers.stderr).toContain('GATEWAY_PUBLIC_KEY is a development key from data/keys/');
  });

  it('creates a database for every subgraph', () => {
    const init = readFileSync(join(__dirname, '..', '.ci', 'mysql-init.sql'), 'utf8');
    for (const { name } of SUBGRAPHS) expect(init).toContain(`CREATE DATABASE IF NOT EXISTS ${name}`);
  });
});
