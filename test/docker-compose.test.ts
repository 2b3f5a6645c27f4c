import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPHS, subgraphUrlVariable } from '../schema/subgraphs';

/** No Docker engine runs here, so the file is checked against what the code reads. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true });
  const services = compose.services as Record<string, { environment?: Record<string, string>; command?: string[]; depends_on?: object }>;

  it('runs MySQL 8, the four subgraphs and the gateway', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['mysql', 'gateway', ...SUBGRAPHS.map((s) => s.name)]));
    expect(services.mysql).toMatchObject({ image: expect.stringMatching(/^mysql:8/) });
  });

  it.each(SUBGRAPHS.map((s) => [s.name, s.port] as const))('gives %s its port, a MySQL URL and its entry point', (name, port) => {
    const service = services[name];
    expect(service.environment!.PORT).toBe(String(port));
    expect(service.environment![`${name.toUpperCase()}_DATABASE_URL`]).toMatch(new RegExp(`^mysql://[^@]+@mysql:3306/${name}$`));
    expect(service.command!.join(' ')).toContain(`subgraphs/${name}/main.ts`);
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
    expect(keys.command.join(' ')).toBe('npx tsx scripts/keys.ts --dir /run/keys');
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
    expect(services.credits.environment!.CREDITS_GRAPH_TOKEN_FILE).toBe('/run/keys/credits-graph.token');
  });

  it('prints a client token signed with the deployment’s secret: docker compose run --rm token --role …', () => {
    const token = services.token as { profiles: string[]; entrypoint: string[]; environment: Record<string, string> };
    expect(token.profiles).toEqual(['tools']);
    expect(token.entrypoint.join(' ')).toBe('npx tsx scripts/token.ts');
    expect(token.environment.AUTH_JWT_SECRET_FILE).toBe(services.gateway.environment!.AUTH_JWT_SECRET_FILE);
  });

  it('creates a database for every subgraph', () => {
    const init = readFileSync(join(__dirname, '..', '.ci', 'mysql-init.sql'), 'utf8');
    for (const { name } of SUBGRAPHS) expect(init).toContain(`CREATE DATABASE IF NOT EXISTS ${name}`);
  });
});
