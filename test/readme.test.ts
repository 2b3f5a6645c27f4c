import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, Kind, parse, validate, type DocumentNode } from 'graphql';
import { DEMO_TABS } from '../scripts/explorer-tabs';
import { start, type Started } from './support/processes';

/**
 * Acceptance (issue 17): the graph started as `npm start` starts it (scripts/dev.ts, its own
 * process, the demo seeded into fresh embedded databases), and every example of the root README
 * run as written with the token its `# as:` line names, taken from the banner: each answer is
 * error-free and not empty. The explorer's tabs run the same way. The subgraph READMEs'
 * examples are checked against the schema.
 */
const ROOT = join(__dirname, '..');
const READMES = ['README.md', 'subgraphs/teachers/README.md', 'subgraphs/training/README.md', 'subgraphs/credits/README.md', 'subgraphs/certification/README.md'];

function examples(file: string): string[] {
  return [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `# as: school` → the banner line's label starts with it; `nobody`: no token; `system`: npm run token. */
const BANNER_LABELS: Record<string, string> = {
  teacher: 'teacher ', school: 'school ', county: 'county bureau', city: 'city bureau', province: 'province bureau',
  institution: 'institution', analyst: 'analyst',
};

let app: Started;
let gateway: string;
let dataDir: string;
const tokens: Record<string, string | null> = { nobody: null };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  const [port, ...subgraphPorts] = await Promise.all([0, 1, 2, 3, 4].map(() => freePort()));
  const names = ['TEACHERS', 'TRAINING', 'CREDITS', 'CERTIFICATION'];
  const env: Record<string, string> = { PORT: String(port) };
  names.forEach((name, i) => {
    env[`SUBGRAPH_${name}_URL`] = `http://localhost:${subgraphPorts[i]}/graphql`;
    env[`${name}_DATABASE_URL`] = `sqlite:${join(dataDir, `${name.toLowerCase()}.sqlite`)}`;
  });
  app = start('scripts/dev.ts', env);
  const deadline = Date.now() + 150_000;
  while (!/Others: TOKEN=/.test(app.stdout())) {
    if (app.child.exitCode !== null) throw new Error(`npm start exited ${app.child.exitCode}:\n${app.stderr()}${app.stdout()}`);
    if (Date.now() > deadline) throw new Error(`npm start printed no banner:\n${app.stderr()}${app.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  gateway = `http://127.0.0.1:${port}/graphql`;
  const lines = app.stdout().split('\n');
  for (const [as, label] of Object.entries(BANNER_LABELS)) {
    const line = lines.find((l) => l.trimStart().startsWith(label));
    tokens[as] = line ? line.trim().split(/\s+/).pop()! : null;
  }
  // As README says: only the token, so a shell can keep it.
  tokens.system = execFileSync('npm', ['run', '-s', 'token', '--', '--role', 'system'], { cwd: ROOT, encoding: 'utf8' }).trim();
}, 180_000);

afterAll(async () => {
  app?.child.kill('SIGTERM');
  await app?.exited;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function ask(query: string, token: string | null, variables?: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** Every field the operation asked for at the top answered with something: not null, not an empty list. */
function emptyFields(data: Record<string, unknown> | undefined): string[] {
  if (!data) return ['(no data)'];
  return Object.entries(data).filter(([, value]) => value === null || (Array.isArray(value) && value.length === 0)).map(([name]) => name);
}

describe('npm start', () => {
  it('prints the banner once the gateway answers, naming the explorer and a token per kind of user', async () => {
    const out = app.stdout();
    expect(out).toMatch(/Explorer: +http:\/\/localhost:\d+\/explorer/);
    for (const as of Object.keys(BANNER_LABELS)) expect(tokens[as]).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(tokens.system).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    // The banner comes after the gateway's "listening" line, never before.
    expect(out.indexOf('gateway listening')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('gateway listening')).toBeLessThan(out.indexOf('supergraph ready'));
    const ready = await fetch(gateway.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
  });

  it("runs every example of README as written, each with its token, error-free and not empty", async () => {
    const found = examples('README.md');
    expect(found.length).toBeGreaterThanOrEqual(12);
    const problems: string[] = [];
    const ran: string[] = [];
    const file = readFileSync(join(ROOT, 'examples/credits-import.csv')).toString('base64');
    for (const source of found) {
      const as = /^# as: (\w+)/m.exec(source)?.[1] ?? 'province';
      if (!(as in tokens)) problems.push(`unknown "# as: ${as}" in:\n${source}`);
      const document = parse(source);
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const text = source.slice(definition.loc!.start, definition.loc!.end);
        const variables = definition.variableDefinitions?.some((v) => v.variable.name.value === 'file') ? { file } : undefined;
        const result = await ask(text, tokens[as] ?? null, variables);
        if (result.errors) problems.push(`${as}: ${JSON.stringify(result.errors)}\n${text}`);
        else if (emptyFields(result.data).length) problems.push(`${as}: empty ${emptyFields(result.data).join(', ')}\n${text}`);
        const report = result.data?.importCreditRecords as { imported: number; rejected: number } | undefined;
        if (report && (report.rejected !== 0 || report.imported === 0)) problems.push(`import: ${JSON.stringify(report)}`);
        ran.push(`${as}: ${definition.operation} ${Object.keys(result.data ?? {}).join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(ran).toEqual(expect.arrayContaining(['school: mutation reviewEnrollment', 'teacher: mutation selectClass', 'system: mutation importCreditRecords', 'school: mutation registerTeacher', 'nobody: query verifyCertificate']));
    expect(ran.length).toBeGreaterThanOrEqual(12);
  });

  it("opens the explorer on a tab per kind of user, each of which runs with that user's token", async () => {
    expect(new Set(DEMO_TABS.map((t) => t.token))).toEqual(new Set(['province', 'teacher', 'school', 'county', 'city', 'institution', null]));
    const problems: string[] = [];
    for (const tab of DEMO_TABS) {
      const result = await ask(tab.query, tab.token ? tokens[tab.token] : null, tab.variables ? JSON.parse(tab.variables) : undefined);
      if (result.errors) problems.push(`${tab.token}: ${JSON.stringify(result.errors)}`);
      else if (emptyFields(result.data).length) problems.push(`${tab.token}: empty ${emptyFields(result.data).join(', ')}`);
    }
    expect(problems).toEqual([]);
    const script = await (await fetch(gateway.replace('/graphql', '/explorer'))).text();
    const explorerJs = /src="(\/explorer\/assets\/explorer\.js\?v=\w+)"/.exec(script)![1];
    expect(await (await fetch(gateway.replace('/graphql', explorerJs))).text()).toContain('TeacherMyCredits');
  });

  it('keeps every subgraph README example valid against the schema clients see', async () => {
    const introspection = await ask(getIntrospectionQuery(), tokens.province);
    const schema = buildClientSchema(introspection.data as never);
    const problems: string[] = [];
    for (const file of READMES) {
      for (const source of examples(file)) {
        const document = parse(source.replace(/"…"/g, '"x"'));
        for (const definition of document.definitions) {
          const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition] };
          for (const error of validate(schema, single)) problems.push(`${file}: ${error.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
