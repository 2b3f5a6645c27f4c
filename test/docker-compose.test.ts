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

  it('creates a database for every subgraph', () => {
    const init = readFileSync(join(__dirname, '..', '.ci', 'mysql-init.sql'), 'utf8');
    for (const { name } of SUBGRAPHS) expect(init).toContain(`CREATE DATABASE IF NOT EXISTS ${name}`);
  });
});
