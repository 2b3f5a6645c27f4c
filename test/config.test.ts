import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { allConfigGroups, README_PATH, readmeWithConfigTable } from '../scripts/config-docs';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '__generated__') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('configuration declarations', () => {
  const declared = allConfigGroups().flatMap((group) => Object.keys(group.variables));

  it('declare every variable once', () => {
    expect(declared.filter((name, i) => declared.indexOf(name) !== i)).toEqual([]);
    expect(declared.length).toBeGreaterThanOrEqual(40);
  });

  it('are the only reader of process.env in the kit, the gateway, the subgraphs and the scripts', () => {
    const readers = ['kit', 'gateway', 'subgraphs', 'scripts', 'schema']
      .flatMap((dir) => sources(join(ROOT, dir)))
      .filter((path) => /process\.env\b/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(readers).toEqual(['kit/config.ts']);
  });

  it('write README’s Configuration table (npm run docs:config)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(readmeWithConfigTable(readme)).toBe(readme);
    for (const name of declared) expect(readme).toContain(`| \`${name}\` |`);
  });

  it('cover every variable docker-compose.yml gives the graph’s services', () => {
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
    const services = compose.services as Record<string, { image?: string; environment?: Record<string, string> }>;
    const given = Object.values(services)
      .filter((service) => service.image?.startsWith('teacher-training-supergraph'))
      .flatMap((service) => Object.keys(service.environment ?? {}));
    expect(given.length).toBeGreaterThan(10);
    // NODE_OPTIONS is read by Node itself, before any of the process's code (GATEWAY_NODE_OPTIONS).
    expect(given.filter((name) => !declared.includes(name) && name !== 'NODE_OPTIONS')).toEqual([]);
  });
});
