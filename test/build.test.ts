import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPHS, subgraphUrlVariable } from '../schema/subgraphs';
import { buildApplication } from './support/build';
import { createTestDatabase, type TestDatabase } from './support/mariadb';
import { serving, start } from './support/processes';

/**
 * `npm run build` makes a runnable artifact, and production dependencies are all it needs:
 * `npm ci --omit=dev` into the built application (as the Dockerfile's second stage does, from
 * npm's cache), then the gateway and the four subgraphs run as `node dist/…` in production mode,
 * on a deployment's own keys made by the compiled keys tool, the database migrated and seeded by
 * the compiled tools, and answer a query across all four.
 */
describe('the built artifact (npm run build, npm ci --omit=dev, node dist/…)', () => {
  let install: string;
  let app: string;
  let database: TestDatabase;
  const running: Array<{ stop: () => Promise<void> }> = [];
  let gatewayUrl: string;
  let env: Record<string, string>;

  async function run(entry: string, args: string[], extra: Record<string, string> = {}): Promise<string> {
    const started = start(entry, { ...env, ...extra }, args, { builtIn: app });
    const code = await started.exited;
    if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited ${code}:\n${started.stderr()}${started.stdout()}`);
    return started.stdout();
  }

  beforeAll(async () => {
    app = buildApplication('build');
    const npm = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      encoding: 'utf8',
    });
    install = `${npm.stdout}${npm.stderr}`;
    if (npm.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${install}`);
    database = await createTestDatabase('build');
    const keys = join(app, 'keys');
    env = { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: database.url };
    await run('dist/scripts/keys.js', ['--dir', keys]);
    env = {
      ...env,
      GATEWAY_SIGNING_KEY: join(keys, 'gateway-signing.pem'),
      GATEWAY_PUBLIC_KEY: join(keys, 'gateway-public.pem'),
      AUTH_JWT_SECRET_FILE: join(keys, 'client-jwt-secret'),
    };
    await run('dist/scripts/migrate.js', []);
    await run('dist/scripts/seed.js', ['--teachers', '60']);
    const subgraphUrls: Record<string, string> = {};
    await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const subgraph = await serving(`dist/subgraphs/${name}/main.js`, env, { builtIn: app });
        running.push(subgraph);
        subgraphUrls[subgraphUrlVariable(name)] = `http://localhost:${subgraph.port}/graphql`;
      }),
    );
    const gateway = await serving('dist/gateway/main.js', { ...env, ...subgraphUrls }, { builtIn: app });
    running.push(gateway);
    gatewayUrl = `http://localhost:${gateway.port}/graphql`;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(running.map((process) => process.stop()));
    await database?.drop();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('installs production dependencies only, without engine warnings: no tsx, TypeScript, jest or bench tools', () => {
    expect(install).not.toMatch(/EBADENGINE/);
    for (const tool of ['tsx', 'typescript', 'jest', '@graphql-hive/gateway', 'autocannon', '@graphql-codegen/cli', 'kubernetes-models']) {
      expect(existsSync(join(app, 'node_modules', tool))).toBe(false);
    }
    for (const runtime of ['@apollo/gateway', 'typeorm', 'mysql2', 'better-sqlite3', 'zod']) expect(existsSync(join(app, 'node_modules', runtime))).toBe(true);
  });

  it('holds compiled code and the contracts it reads, no TypeScript and no tests', () => {
    for (const { name } of SUBGRAPHS) expect(existsSync(join(app, 'dist', 'schema', `${name}.graphql`))).toBe(true);
    expect(readFileSync(join(app, 'dist', 'schema', 'supergraph.graphql'), 'utf8')).toContain('join__Graph');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [entry.name]));
    const all = files(join(app, 'dist'));
    expect(all.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
    expect(all.filter((file) => /\.test\.js$/.test(file))).toEqual([]);
  });

  it('answers a query across the four subgraphs with a token from the compiled token tool', async () => {
    const token = (await run('dist/scripts/token.js', ['--role', 'province', '--region', '510000'])).trim().split('\n').pop()!;
    const ask = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: any; errors?: unknown[] };
    };
    const list = await ask('{ teachers(first: 1) { totalCount nodes { id } } }');
    expect(list.errors).toBeUndefined();
    // The Sichuan province seeded with 60 generated teachers, and the hand-written demo slices any Sichuan teachers of theirs.
    expect(list.data.teachers.totalCount).toBeGreaterThanOrEqual(60);
    const record = await ask(
      `query($id: ID!) { teacher(id: $id) {
        name school { region { code } }
        enrollments { status }
        creditAccount(year: 2024) { required }
        certificates { number }
      } }`,
      { id: list.data.teachers.nodes[0].id },
    );
    expect(record.errors).toBeUndefined();
    expect(record.data.teacher).toMatchObject({
      name: expect.any(String),
      school: { region: { code: expect.stringMatching(/^51\d{4}$/) } },
      enrollments: expect.any(Array),
      creditAccount: { required: expect.any(String) },
      certificates: expect.any(Array),
    });
  });
});
