/**
 * `npm run bench`: the graph at province scale against a peer gateway (issue 7).
 *
 *   npm run bench:seed                     once: fill BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/tts_bench)
 *   npm run bench                          10 s per load, 10 connections, against that database
 *   npm run bench -- --quick               CI: 3,000 teachers in a fresh temporary database, 5 requests per connection per load
 *   options: --duration S (instead of a number of requests, for --quick)  --connections N  --teachers N (quick only)  --json FILE
 *
 * Every server runs as its own child process (`node --import tsx …`), so RSS is per process:
 * the four subgraphs, our gateway (gateway/main.ts) and Hive Gateway
 * (`hive-gateway supergraph FILE`), both on the same supergraph file, a copy of
 * schema/supergraph.graphql whose subgraph URLs point at this run's ports.
 *
 * Identity, and what makes the comparison fair: subgraphs accept only requests carrying an
 * `x-gateway-identity` JWT signed with the gateway key. Our gateway verifies the client's
 * bearer token (HS256) and signs a fresh 60 s identity per request, as in production. Hive
 * Gateway cannot sign our identity, so the load tool sends it a pre-signed identity (same
 * key, same claims, one-hour expiry) that Hive forwards to every subgraph
 * (`propagateHeaders`), and the direct baseline sends the same header straight to the
 * teachers subgraph. Hive and the direct call therefore skip the client-token check and the
 * per-request signature that our gateway does: any bias is against ours.
 *
 * Load: autocannon, in this process, at fixed concurrency for a fixed time; q1 and q2 rotate
 * over 200 teachers that have enrollments and certificates. Every target is first checked
 * to answer without errors, and Hive's answers must equal ours.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { createConnection, escapeId } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { GATEWAY_NODE_OPTIONS } from '../gateway/config';
import { subgraphFetcher } from '../gateway/subgraph-fetcher';
import { SUBGRAPHS, SUPERGRAPH_PATH, type SubgraphName } from '../schema/subgraphs';
import { dataSourcesOf, openStores, seedDemoProvince } from '../scripts/seed';
import { generateDemoProvince } from '../scripts/demo-province';
import { serviceToken } from '../scripts/token';
import { generateGatewayKeys, IDENTITY_HEADER } from '../kit/identity';
import { Institution, TrainingClass, TrainingProject } from '../subgraphs/training/entities';
import { DEFAULT_BENCH_DATABASE_URL, seedBenchDatabase } from './seed';
import { CREDIT_COMPLIANCE, PROVINCE_COVERAGE, PROVINCE_COVERAGE_SQL, Q1, Q2, Q3, Q4, SELECT_CLASS } from './queries';

// autocannon ships no types; this is the part of its programmatic API used here.
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
interface AutocannonRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (options: {
  url: string;
  method: string;
  connections: number;
  duration?: number;
  /** Requests to make, instead of a duration. */
  amount?: number;
  headers: Record<string, string>;
  body?: string;
  requests?: { setupRequest: (request: AutocannonRequest) => AutocannonRequest }[];
}) => Promise<AutocannonResult>;
const ROOT = resolve(__dirname, '..');

/**
 * The benchmark-only tools live in bench/'s own package (bench/package.json), not in the
 * project's install: `npm run bench` installs them, CI installs them before the quick bench.
 */
const BENCH_MODULES = join(__dirname, 'node_modules');
const HIVE_BIN = join(BENCH_MODULES, '@graphql-hive', 'gateway', 'dist', 'bin.js');
const AUTOCANNON = join(BENCH_MODULES, 'autocannon');

/** Why the bench cannot run here, or null when its tools are installed. */
export function benchToolsMissing(): string | null {
  const missing = [HIVE_BIN, join(AUTOCANNON, 'package.json')].filter((path) => !existsSync(path));
  return missing.length === 0 ? null : `The bench's own tools are not installed (${missing.join(', ')}): run \`npm run bench:install\` (npm ci in bench/).`;
}

function loadAutocannon(): Autocannon {
  const missing = benchToolsMissing();
  if (missing) throw new Error(missing);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(AUTOCANNON) as Autocannon;
}
const PROVINCE = '510000';
const CITY = '510100';
/** The generated credit records fill the 2021–2025 cycle: the last year of it is judged on a closed cycle. */
const COMPLIANCE_YEAR = 2025;

export interface BenchOptions {
  quick: boolean;
  /** Seconds per load. */
  duration: number;
  /** Instead of `duration`: requests per connection per load (the quick run's default). */
  requestsPerConnection?: number;
  connections: number;
  /** Teachers of the temporary database (quick mode). */
  teachers: number;
  log: (line: string) => void;
}

export type Target = 'ours' | 'hive' | 'direct';

export interface LoadFigure {
  query: string;
  target: Target;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** Subgraph operations answered per request the load tool sent (below 1 per fetch in the plan = deduplicated or cached). */
  subgraphCallsPerRequest: number;
  /**
   * CPU time (user + system, from /proc) per request: of the gateway under load (the subgraph for
   * direct), and of every process of the graph. On a shared machine it moves far less than req/s.
   */
  cpuMsPerRequest: { gateway: number; graph: number };
}

export interface BenchResult {
  machine: { nproc: number; memoryGb: number; node: string; date: string; database: string; teachers: number };
  loads: LoadFigure[];
  sql: { pageSizes: number[]; bySubgraph: Record<SubgraphName, number[]>; flat: boolean };
  aggregate: { gatewayMs: number; sqlMs: number; ratio: number; cities: number; numbersMatch: boolean };
  /** `Region.creditCompliance` with its children, through our gateway; `addsUp`: the region's count is the sum of its children's. */
  compliance: { region: string; level: string; gatewayMs: number; teachers: number; meeting: number; onTrack: number; addsUp: boolean }[];
  burst: {
    attempts: number;
    concurrency: number;
    classes: number;
    seats: number;
    accepted: number;
    refused: Record<string, number>;
    seconds: number;
    perSecond: number;
    acceptedPerSecond: number;
    overbookedClasses: number;
    maxSeatsTaken: number;
    capacity: number;
    /** CPU ms per selection of each process (the database server's too when it runs on this machine, and this load tool's). */
    cpuMsPerSelection: Record<string, number>;
  };
  memory: { process: string; restMb: number; loadMb: number }[];
  table: string;
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

interface Child {
  name: string;
  process: ChildProcess;
  port: number;
  output: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Children still running, stopped if the harness itself is interrupted. */
const running = new Set<ChildProcess>();

function startChild(name: string, args: string[], env: Record<string, string>, port: number): Child {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'error', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, process: child, port, output };
}

async function waitReady(child: Child, path: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited (${child.process.exitCode}):\n${child.output.join('')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${child.port}${path}`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.output.join('')}`);
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.process.once('exit', () => r()));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU time in ms a process and its descendants (workers a gateway forks) have used, from /proc. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name: state is field 3, utime 14 and stime 15, in clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const own = (Number(fields[11]) + Number(fields[12])) * 10;
    const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
    return own + children.reduce((sum, child) => sum + cpuMs(child), 0);
  } catch {
    return 0;
  }
}

/**
 * The database server process when the bench's database runs on this machine (MariaDB or MySQL at
 * 127.0.0.1 or localhost), so its CPU can be counted with the graph's; null otherwise.
 */
function localDatabaseServer(url: string): { name: string; pid: number } | null {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') return null;
  for (const name of ['mariadbd', 'mysqld']) {
    const pid = readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && commandOf(entry) === name);
    if (pid) return { name, pid: Number(pid) };
  }
  return null;
}

/** A process's command name, or null when it has gone. */
function commandOf(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** CPU time in ms this process (the load tool) has used. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Peak RSS per process while `work` runs, sampled every 100 ms. */
async function sampleRss<T>(children: Child[], peaks: Map<string, number>, work: () => Promise<T>): Promise<T> {
  const sample = () => {
    for (const c of children) peaks.set(c.name, Math.max(peaks.get(c.name) ?? 0, rssMb(c.process.pid)));
  };
  const timer = setInterval(sample, 100);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    sample();
  }
}

// ---------------------------------------------------------------------------------------------
// Database
// ---------------------------------------------------------------------------------------------

interface Database {
  url: string;
  label: string;
  drop: () => Promise<void>;
}

/** Quick mode: a fresh temporary MariaDB database (or an SQLite file when no server answers), seeded small. */
async function temporaryDatabase(teachers: number, log: (line: string) => void): Promise<Database> {
  const server = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const name = `tts_benchq_${randomBytes(4).toString('hex')}`;
  let reachable = true;
  try {
    const connection = await createConnection(server);
    await connection.end();
  } catch (error) {
    reachable = false;
    log(`No MariaDB/MySQL at ${server} (${(error as Error).message}): using SQLite.`);
  }
  if (reachable) {
    const url = `${server}/${name}`;
    await seedBenchDatabase({ url, teachers, fresh: true, log: () => undefined });
    return {
      url,
      label: `MariaDB/MySQL, temporary database ${name}`,
      drop: async () => {
        const connection = await createConnection(server);
        await connection.query(`DROP DATABASE IF EXISTS ${escapeId(name)}`);
        await connection.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tts-bench-'));
  const url = `sqlite:${join(dir, 'bench.sqlite')}`;
  const stores = await openStores({ teachers: url, training: url, credits: url, certification: url });
  await seedDemoProvince(dataSourcesOf(stores), generateDemoProvince({ teachers }));
  await Promise.all(Object.values(stores).map((s) => s.dataSource.destroy()));
  return { url, label: 'SQLite (one temporary file)', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

interface GraphQLBody {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * The bench's own requests (checks, the selection burst) go over keep-alive node:http, the
 * client the gateway uses: fetch cost the load tool about 40 % of a core during the burst,
 * CPU the processes under test share on this host.
 */
const client = subgraphFetcher(60_000);

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLBody> {
  const response = await client(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLBody;
}

function mustSucceed(body: GraphQLBody, what: string): any {
  if (body.errors?.length || !body.data) throw new Error(`${what} failed: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

/** Each process's sum of a Prometheus metric over all its label sets. */
async function metricSums(children: Child[], metric: string): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  const line = new RegExp(`^${metric}(?:\\{[^}]*\\})?\\s+(\\S+)`, 'gm');
  await Promise.all(
    children.map(async (c) => {
      const text = await (await fetch(`http://127.0.0.1:${c.port}/metrics`)).text();
      let sum = 0;
      for (const match of text.matchAll(line)) sum += Number(match[1]);
      sums.set(c.name, sum);
    }),
  );
  return sums;
}

const sqlStatementSums = (children: Child[]) => metricSums(children, 'subgraph_sql_statements_per_request_sum');
const subgraphCalls = async (children: Child[]) => [...(await metricSums(children, 'graphql_requests_total')).values()].reduce((a, b) => a + b, 0);

/** Waits until the subgraphs have answered no request for `quietMs` (at most 30 s). */
async function quiesce(subgraphs: Child[], quietMs: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = await subgraphCalls(subgraphs);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = await subgraphCalls(subgraphs);
    if (now === last) return;
    last = now;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { log } = options;
  const autocannon = loadAutocannon();
  const started = performance.now();
  const database: Database = options.quick
    ? await temporaryDatabase(options.teachers, log)
    : { url: process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL, label: 'BENCH_DATABASE_URL', drop: async () => undefined };
  const safeUrl = database.url.replace(/:[^:@/]*@/, ':***@');
  log(`Database: ${database.label} (${safeUrl}), ready after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const children: Child[] = [];
  const work = mkdtempSync(join(tmpdir(), 'tts-bench-run-'));
  const stores = await openStores({ teachers: database.url, training: database.url, credits: database.url, certification: database.url });
  const db: DataSource = stores.teachers.dataSource;
  try {
    // --- what to ask for ------------------------------------------------------------------
    const [{ n: teacherCount }] = await db.query('SELECT COUNT(*) AS n FROM teacher');
    if (Number(teacherCount) === 0) throw new Error(`No teachers in ${safeUrl}: run \`npm run bench:seed\` first.`);
    const richTeachers: string[] = (
      await db.query(
        `SELECT t.id FROM teacher t
          WHERE EXISTS (SELECT 1 FROM enrollment e WHERE e.teacher_id = t.id)
            AND EXISTS (SELECT 1 FROM certificate c WHERE c.teacher_id = t.id)
          LIMIT 200`,
      )
    ).map((r: { id: string }) => r.id);

    // --- keys, tokens, supergraph copy ------------------------------------------------------
    const keys = await generateGatewayKeys();
    const clientSecret = randomBytes(32).toString('base64url');
    const bearer = `Bearer ${await new SignJWT({ role: 'province_bureau', regionCode: PROVINCE })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bench-province')
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(clientSecret))}`;
    const presignedIdentity = await new SignJWT({ role: 'PROVINCE_BUREAU', regionCode: PROVINCE, rid: 'bench' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('teacher-training-gateway')
      .setAudience('teacher-training-subgraphs')
      .setSubject('bench-province')
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(keys.signingKey);

    const ports = {} as Record<SubgraphName, number>;
    for (const { name } of SUBGRAPHS) ports[name] = await freePort();
    let supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
    for (const { name } of SUBGRAPHS) {
      supergraph = supergraph.replace(
        new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`),
        `$1http://127.0.0.1:${ports[name]}/graphql$2`,
      );
    }
    const supergraphFile = join(work, 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraph);
    const hiveConfig = join(work, 'gateway.config.mjs');
    writeFileSync(
      hiveConfig,
      `export const gatewayConfig = {
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ '${IDENTITY_HEADER}': request.headers.get('${IDENTITY_HEADER}') ?? undefined }),
  },
};
`,
    );

    // --- processes ---------------------------------------------------------------------------
    // BENCH_CPU_PROF=DIR writes every child's CPU profile there (how the q3/q4 gap was found).
    const cpuProfile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const spawnStarted = performance.now();
    const oursPort = await freePort();
    const hivePort = await freePort();
    // Selections are filed where the registry places each teacher, asked through our gateway with training's service token.
    const trainingGraph = { TRAINING_GRAPH_URL: `http://127.0.0.1:${oursPort}/graphql`, TRAINING_GRAPH_TOKEN: await serviceToken('training', 2, clientSecret) };
    const subgraphs = SUBGRAPHS.map(({ name }) =>
      startChild(
        name,
        [...cpuProfile, '--import', 'tsx', join('subgraphs', name, 'main.ts')],
        {
          PORT: String(ports[name]),
          DATABASE_URL: database.url,
          GATEWAY_PUBLIC_KEY: keys.publicKeyPem,
          // The direct and Hive runs send one identity signed for the whole bench (2 h).
          GATEWAY_IDENTITY_MAX_LIFETIME_MS: String(2 * 3_600_000),
          // Inside 2020H1's first selection round, for the course-selection burst.
          TRAINING_CLOCK: '2020-02-08',
          ...(name === 'training' ? trainingGraph : {}),
        },
        ports[name],
      ),
    );
    children.push(...subgraphs);
    // The V8 flags the gateway is deployed with (gateway/config.ts), or those to try instead.
    const gatewayNodeOptions = (process.env.BENCH_GATEWAY_NODE_OPTIONS ?? GATEWAY_NODE_OPTIONS).split(/\s+/).filter(Boolean);
    const ours = startChild(
      'gateway (ours)',
      [...gatewayNodeOptions, ...cpuProfile, '--import', 'tsx', join('gateway', 'main.ts')],
      {
        PORT: String(oursPort),
        GATEWAY_SIGNING_KEY: keys.signingKeyPem,
        AUTH_JWT_SECRET: clientSecret,
        SUPERGRAPH_PATH: supergraphFile,
        ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`])),
      },
      oursPort,
    );
    const hive = startChild(
      'Hive Gateway',
      [HIVE_BIN, 'supergraph', supergraphFile, '--port', String(hivePort), '--host', '127.0.0.1', '--config-path', hiveConfig],
      {},
      hivePort,
    );
    children.push(ours, hive);
    await Promise.all([...subgraphs.map((c) => waitReady(c, '/ready')), waitReady(ours, '/ready'), waitReady(hive, '/readiness')]);
    log(`Started 4 subgraphs, our gateway and Hive Gateway in ${((performance.now() - spawnStarted) / 1000).toFixed(1)} s`);

    const urls: Record<Target, string> = {
      ours: `http://127.0.0.1:${oursPort}/graphql`,
      hive: `http://127.0.0.1:${hivePort}/graphql`,
      direct: `http://127.0.0.1:${ports.teachers}/graphql`,
    };
    const headers: Record<Target, Record<string, string>> = {
      ours: { 'content-type': 'application/json', authorization: bearer },
      hive: { 'content-type': 'application/json', [IDENTITY_HEADER]: presignedIdentity },
      direct: { 'content-type': 'application/json', [IDENTITY_HEADER]: presignedIdentity },
    };

    // --- correctness first: every target answers, and Hive answers as we do -------------------
    type Load = { name: string; query: string; variables: () => Record<string, unknown>; targets: Target[] };
    let next = 0;
    // Variables rotate so that no load is a stream of identical requests: Hive Gateway (like
    // @graphql-tools/executor-http) merges identical subgraph requests in flight, which would
    // turn a fixed-variables load into a cache test (first measured: 0.3 subgraph calls per q4).
    const pageCursors: (string | null)[] = [null];
    while (pageCursors.length < 20) {
      const page = mustSucceed(await post(urls.ours, Q3, { first: 50, after: pageCursors[pageCursors.length - 1] }, headers.ours), 'q3 cursors');
      if (!page.teachers.pageInfo.endCursor || page.teachers.edges.length < 50) break;
      pageCursors.push(page.teachers.pageInfo.endCursor);
    }
    const cityCodes: string[] = (await db.query("SELECT code FROM region WHERE level = 'CITY' ORDER BY code")).map((r: { code: string }) => r.code);
    const rotating = () => ({ id: richTeachers[next++ % richTeachers.length] });
    const loads: Load[] = [
      { name: 'q1 teacher by id (1 subgraph)', query: Q1, variables: rotating, targets: ['ours', 'hive', 'direct'] },
      { name: 'q2 full record (4 subgraphs)', query: Q2, variables: rotating, targets: ['ours', 'hive'] },
      { name: 'q3 page of 50 teachers', query: Q3, variables: () => ({ first: 50, after: pageCursors[next++ % pageCursors.length] }), targets: ['ours', 'hive'] },
      { name: 'q4 city coverage table', query: Q4, variables: () => ({ code: cityCodes[next++ % cityCodes.length] }), targets: ['ours', 'hive'] },
    ];
    for (const load of loads) {
      const variables = load.name.startsWith('q1') || load.name.startsWith('q2') ? { id: richTeachers[0] } : load.name.startsWith('q3') ? { first: 50 } : { code: CITY };
      const answers: unknown[] = [];
      const statements: string[] = [];
      for (const t of load.targets) {
        const before = await sqlStatementSums(subgraphs);
        answers.push(mustSucceed(await post(urls[t], load.query, variables, headers[t]), `${load.name} via ${t}`));
        const after = await sqlStatementSums(subgraphs);
        statements.push(`${t} ${subgraphs.map((c) => after.get(c.name)! - before.get(c.name)!).join('/')}`);
      }
      log(`  ${load.name}: SQL statements per subgraph (${subgraphs.map((c) => c.name).join('/')}): ${statements.join(', ')}`);
      if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1])) {
        throw new Error(`${load.name}: Hive's answer differs from ours:\n${JSON.stringify(answers[0]).slice(0, 300)}\n${JSON.stringify(answers[1]).slice(0, 300)}`);
      }
    }
    const rest = new Map(children.map((c) => [c.name, rssMb(c.process.pid)]));

    // --- load ---------------------------------------------------------------------------------
    const figures: LoadFigure[] = [];
    const peaks = new Map<string, number>();
    const warmup = options.quick ? 0 : 2;
    for (const load of loads) {
      for (const target of load.targets) {
        // A number of requests rather than seconds (the quick run), so that a load on a slow moment
        // still answers some: a 1 s load of cold pages of 50 once completed none.
        const run = (duration: number) =>
          autocannon({
            url: urls[target],
            method: 'POST',
            connections: options.connections,
            ...(options.requestsPerConnection ? { amount: options.connections * options.requestsPerConnection } : { duration }),
            headers: headers[target],
            requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: load.query, variables: load.variables() }) }) }],
          });
        // Requests of the previous load that the tool gave up on must not run into this one.
        await quiesce(subgraphs, options.quick ? 200 : 1_000);
        if (warmup > 0) await run(warmup);
        const callsBefore = await subgraphCalls(subgraphs);
        const loaded = target === 'ours' ? ours : target === 'hive' ? hive : subgraphs.find((c) => c.name === 'teachers')!;
        const cpuBefore = { gateway: cpuMs(loaded.process.pid), graph: children.reduce((sum, c) => sum + cpuMs(c.process.pid), 0) };
        const result = await sampleRss(children, peaks, () => run(options.duration));
        const perRequest = (ms: number) => round(ms / Math.max(1, result.requests.total), 2);
        const cpuMsPerRequest = {
          gateway: perRequest(cpuMs(loaded.process.pid) - cpuBefore.gateway),
          graph: perRequest(children.reduce((sum, c) => sum + cpuMs(c.process.pid), 0) - cpuBefore.graph),
        };
        const callsPerRequest = ((await subgraphCalls(subgraphs)) - callsBefore) / Math.max(1, result.requests.total);
        const figure: LoadFigure = {
          query: load.name,
          target,
          rps: round(result.requests.average, 0),
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          failures: result.errors + result.timeouts + result.non2xx,
          subgraphCallsPerRequest: round(callsPerRequest, 2),
          cpuMsPerRequest,
        };
        figures.push(figure);
        log(`  ${load.name.padEnd(32)} ${target.padEnd(6)} ${String(figure.rps).padStart(6)} req/s  p50 ${figure.p50} ms  p99 ${figure.p99} ms  ${figure.subgraphCallsPerRequest} subgraph calls/request  CPU ${cpuMsPerRequest.gateway} / ${cpuMsPerRequest.graph} ms/request${figure.failures ? `  FAILURES ${figure.failures}` : ''}`);
      }
    }

    // --- SQL statements per subgraph for q3 at page sizes 1, 10, 100 ------------------------------
    const pageSizes = [1, 10, 100];
    const hundred = mustSucceed(await post(urls.ours, Q3, { first: 100 }, headers.ours), 'q3 page of 100');
    // The page of 1 must touch every path the others do: start it at a teacher with enrollments and certificates.
    const edges = hundred.teachers.edges as { cursor: string; node: { enrollments: unknown[] | null; certificates: unknown[] | null } }[];
    const index = Math.max(0, edges.findIndex((e) => (e.node.enrollments?.length ?? 0) > 0 && (e.node.certificates?.length ?? 0) > 0));
    const after = index > 0 ? edges[index - 1].cursor : null;
    const bySubgraph = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, [] as number[]])) as Record<SubgraphName, number[]>;
    // Requests the load tool gave up on may still be running in the subgraphs (q4's p99 is
    // seconds at full scale): wait until no subgraph has answered anything for a while, and
    // keep the smaller of two measurements, since other work can only add statements.
    await quiesce(subgraphs, options.quick ? 300 : 1_500);
    for (const first of pageSizes) {
      const counts = new Map<string, number>();
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const before = await sqlStatementSums(subgraphs);
        mustSucceed(await post(urls.ours, Q3, { first, after }, headers.ours), `q3 page of ${first}`);
        const afterSums = await sqlStatementSums(subgraphs);
        for (const c of subgraphs) counts.set(c.name, Math.min(counts.get(c.name) ?? Infinity, afterSums.get(c.name)! - before.get(c.name)!));
      }
      for (const c of subgraphs) bySubgraph[c.name as SubgraphName].push(counts.get(c.name)!);
    }
    const flat = Object.values(bySubgraph).every((counts) => counts.every((n) => n === counts[0]));
    log(`  SQL per subgraph for q3 at ${pageSizes.join('/')}: ${JSON.stringify(bySubgraph)}${flat ? '' : '  NOT FLAT'}`);

    // --- the province's coverage table: gateway vs one hand-written query -----------------------
    const repeats = options.quick ? 3 : 5;
    await quiesce(subgraphs, options.quick ? 300 : 1_500);
    const gatewayTimes: number[] = [];
    let coverage: any;
    for (let i = 0; i <= repeats; i += 1) {
      const t0 = performance.now();
      coverage = mustSucceed(await post(urls.ours, PROVINCE_COVERAGE, { code: PROVINCE }, headers.ours), 'province coverage');
      if (i > 0) gatewayTimes.push(performance.now() - t0);
    }
    const sqlTimes: number[] = [];
    let sqlRows: { city: string; category: string; teachers: string | number; trained: string | number }[] = [];
    for (let i = 0; i <= repeats; i += 1) {
      const t0 = performance.now();
      sqlRows = await db.query(PROVINCE_COVERAGE_SQL);
      if (i > 0) sqlTimes.push(performance.now() - t0);
    }
    const cities = coverage.region.children as { code: string; itProgramCoverage: Record<string, { total: number; trained: number }> }[];
    const field: Record<string, string> = { KINDERGARTEN: 'kindergarten', PRIMARY_AND_SECONDARY: 'primaryAndSecondary', VOCATIONAL: 'vocational' };
    let numbersMatch = cities.length > 0;
    for (const city of cities) {
      for (const [category, name] of Object.entries(field)) {
        const row = sqlRows.find((r) => r.city === city.code.slice(0, 4) && r.category === category);
        const cell = city.itProgramCoverage[name];
        if (Number(row?.teachers ?? 0) !== cell.total || Number(row?.trained ?? 0) !== cell.trained) numbersMatch = false;
      }
    }
    const gatewayMs = round(median(gatewayTimes));
    const sqlMs = round(median(sqlTimes));
    log(`  province coverage (${cities.length} cities): gateway ${gatewayMs} ms, hand-written SQL ${sqlMs} ms, numbers ${numbersMatch ? 'match' : 'DIFFER'}`);

    // --- credit compliance (学分达标) for the province, a city and a county -------------------------
    const compliance: BenchResult['compliance'] = [];
    const firstCounty: { code: string }[] = await db.query("SELECT code FROM region WHERE level = 'COUNTY' AND code LIKE ? ORDER BY code LIMIT 1", [`${CITY.slice(0, 4)}%`]);
    for (const [level, code] of [['province', PROVINCE], ['city', CITY], ['county', firstCounty[0].code]] as const) {
      const times: number[] = [];
      let table: any;
      for (let i = 0; i <= (options.quick ? 1 : 3); i += 1) {
        const t0 = performance.now();
        table = mustSucceed(await post(urls.ours, CREDIT_COMPLIANCE, { code, year: COMPLIANCE_YEAR }, headers.ours), `${level} credit compliance`);
        if (i > 0) times.push(performance.now() - t0);
      }
      const { teachers, meeting, onTrack } = table.region.creditCompliance as { teachers: number; meeting: number; onTrack: number };
      const children = table.region.children as { creditCompliance: { meeting: number; onTrack: number } }[];
      const sum = (pick: (c: { meeting: number; onTrack: number }) => number) => children.reduce((n, child) => n + pick(child.creditCompliance), 0);
      const addsUp = children.length === 0 || (sum((c) => c.meeting) === meeting && sum((c) => c.onTrack) === onTrack);
      compliance.push({ region: code, level, gatewayMs: round(median(times)), teachers, meeting, onTrack, addsUp });
      log(`  credit compliance, ${level} ${code} with ${children.length} children: ${round(median(times))} ms, ${teachers} teachers, ${meeting} meeting, ${onTrack} on track${addsUp ? '' : ', children DO NOT ADD UP'}`);
    }

    // --- course-selection burst ----------------------------------------------------------------
    const burstPlan = options.quick ? { classes: 5, capacity: 30, attempts: 300, concurrency: 32 } : { classes: 20, capacity: 50, attempts: 2_000, concurrency: 64 };
    // The loads above warm up for 2 s first; the selection path gets a burst of its own, not counted.
    if (!options.quick) await selectionBurst(stores.training.dataSource, urls.ours, clientSecret, { ...burstPlan, capacity: 10 });
    const dbServer = localDatabaseServer(database.url);
    // CPU ms so far of every process the burst runs on: the graph's, the database server's, this load tool's.
    const cpuNow = () =>
      new Map<string, number>([
        ...children.filter((c) => c !== hive).map((c): [string, number] => [c.name, cpuMs(c.process.pid)]),
        ...(dbServer ? [[dbServer.name, cpuMs(dbServer.pid)] as [string, number]] : []),
        ['bench (load tool)', ownCpuMs()],
      ]);
    const burst = await sampleRss(children, peaks, () => selectionBurst(stores.training.dataSource, urls.ours, clientSecret, burstPlan, cpuNow));
    log(`  selection burst: ${burst.attempts} selections in ${burst.seconds.toFixed(2)} s = ${burst.perSecond} /s, ${burst.accepted} accepted, overbooked classes ${burst.overbookedClasses}`);
    log(`  CPU ms per selection: ${Object.entries(burst.cpuMsPerSelection).map(([name, ms]) => `${name} ${ms}`).join(', ')}`);

    const memory = children.map((c) => ({ process: c.name, restMb: round(rest.get(c.name) ?? 0, 0), loadMb: round(peaks.get(c.name) ?? 0, 0) }));
    const result: Omit<BenchResult, 'table'> = {
      machine: {
        nproc: cpus().length,
        memoryGb: round(totalmem() / 2 ** 30),
        node: process.version,
        date: new Date().toISOString(),
        database: database.label,
        teachers: Number(teacherCount),
      },
      loads: figures,
      sql: { pageSizes, bySubgraph, flat },
      aggregate: { gatewayMs, sqlMs, ratio: round(gatewayMs / sqlMs, 2), cities: cities.length, numbersMatch },
      compliance,
      burst,
      memory,
    };
    const table = formatTable(result, options);
    log(table);
    log(`bench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { ...result, table };
  } finally {
    await Promise.all(children.map(stopChild));
    await Promise.all(Object.values(stores).map((s) => s.dataSource.destroy()));
    rmSync(work, { recursive: true, force: true });
    await database.drop();
  }
}

/**
 * A published 2020H1 project with `classes` classes of `capacity` seats; `attempts` distinct
 * teachers select them round-robin, `concurrency` at a time, through our gateway. The rows
 * are removed afterwards so the benchmark database stays as seeded.
 */
async function selectionBurst(
  training: DataSource,
  gatewayUrl: string,
  clientSecret: string,
  plan: { classes: number; capacity: number; attempts: number; concurrency: number },
  cpuNow: () => Map<string, number> = () => new Map(),
): Promise<BenchResult['burst']> {
  const projectId = `bench-${randomBytes(6).toString('hex')}`;
  const [institution] = await training.getRepository(Institution).find({ order: { id: 'ASC' }, take: 1 });
  await training.getRepository(TrainingProject).insert({
    id: projectId,
    code: `SP-2020H1-B${projectId.slice(-6)}`,
    title: '选课压测项目',
    level: 'PROVINCIAL',
    mode: 'OFFLINE',
    totalCreditsMilli: 24_000,
    onlineCreditsMilli: 0,
    term: '2020H1',
    status: 'PUBLISHED',
    leaderName: '压测',
    leaderTitle: '教授',
    leaderTitleLevel: 'SENIOR',
    leaderStaffId: projectId,
    feeTrainingMilli: 0,
    feeAccommodationMilli: 0,
    feeMealsMilli: 0,
    institutionId: institution.id,
    audienceStages: '',
    audienceSubjects: '',
    audienceRegions: '51',
    rejectionReason: null,
    changePending: false,
    changeDescription: null,
    changeApprovedOn: null,
  });
  const classIds = Array.from({ length: plan.classes }, (_, i) => `${projectId}-${i}`);
  await training.getRepository(TrainingClass).insert(
    classIds.map((id, i) => ({
      id,
      projectId,
      name: `压测班${i + 1}`,
      startsOn: '2020-03-20',
      endsOn: '2020-03-22',
      capacity: plan.capacity,
      schedulePublishedOn: null,
      seatsTaken: 0,
      schedule: null,
    })),
  );
  try {
    const teachers: { id: string; school_id: string; region_code: string }[] = await training.query(
      `SELECT t.id, t.school_id, s.region_code FROM teacher t JOIN school s ON s.id = t.school_id ORDER BY t.id LIMIT ${plan.attempts}`,
    );
    const secret = new TextEncoder().encode(clientSecret);
    const tokens = await Promise.all(
      teachers.map((t) =>
        new SignJWT({ role: 'teacher', teacherId: t.id, schoolId: t.school_id, regionCode: t.region_code })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(`bench-${t.id}`)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(secret),
      ),
    );
    const refused: Record<string, number> = {};
    let accepted = 0;
    let cursor = 0;
    const cpuBefore = cpuNow();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: plan.concurrency }, async () => {
        for (let i = cursor++; i < tokens.length; i = cursor++) {
          const body = await post(gatewayUrl, SELECT_CLASS, { classId: classIds[i % classIds.length] }, { authorization: `Bearer ${tokens[i]}` });
          if (body.data?.selectClass?.status === 'SELECTED') accepted += 1;
          else {
            const code = body.errors?.[0]?.extensions?.code ?? 'NO_ANSWER';
            refused[code] = (refused[code] ?? 0) + 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpuAfter = cpuNow();
    const rows: { id: string; capacity: number; seats_taken: number | string; holding: number | string }[] = await training.query(
      `SELECT c.id, c.capacity, c.seats_taken,
              (SELECT COUNT(*) FROM enrollment e WHERE e.class_id = c.id AND e.status = 'SELECTED') AS holding
         FROM training_class c WHERE c.project_id = ?`,
      [projectId],
    );
    const overbooked = rows.filter((r) => Number(r.seats_taken) > r.capacity || Number(r.holding) > r.capacity || Number(r.holding) !== Number(r.seats_taken));
    return {
      cpuMsPerSelection: Object.fromEntries([...cpuAfter].map(([name, ms]) => [name, round((ms - cpuBefore.get(name)!) / teachers.length, 2)])),
      attempts: teachers.length,
      concurrency: plan.concurrency,
      classes: plan.classes,
      seats: plan.classes * plan.capacity,
      accepted,
      refused,
      seconds: round(seconds, 2),
      perSecond: round(teachers.length / seconds, 0),
      acceptedPerSecond: round(accepted / seconds, 0),
      overbookedClasses: overbooked.length,
      maxSeatsTaken: Math.max(...rows.map((r) => Number(r.seats_taken))),
      capacity: plan.capacity,
    };
  } finally {
    await training.query(`DELETE FROM enrollment WHERE class_id IN (${classIds.map(() => '?').join(',')})`, classIds);
    await training.query('DELETE FROM training_class WHERE project_id = ?', [projectId]);
    await training.query('DELETE FROM training_project WHERE id = ?', [projectId]);
  }
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

function formatTable(r: Omit<BenchResult, 'table'>, options: BenchOptions): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(
    `Machine: ${m.nproc} CPUs, ${m.memoryGb} GB, Node ${m.node}; ${m.date}; ${m.database}; ${m.teachers.toLocaleString('en')} teachers; ` +
      `${options.connections} connections × ${options.requestsPerConnection ? `${options.requestsPerConnection} requests each` : `${options.duration} s`} per load${options.quick ? ' (--quick)' : ''}`,
  );
  lines.push('');
  lines.push('| query | ours req/s | ours p50 / p99 ms | Hive req/s | Hive p50 / p99 ms | direct req/s | direct p50 / p99 ms | ours/Hive req/s | ours/Hive p99 | ours/direct p50 | direct/ours req/s | subgraph calls/request ours / Hive |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const query of [...new Set(r.loads.map((l) => l.query))]) {
    const get = (t: Target) => r.loads.find((l) => l.query === query && l.target === t);
    const ours = get('ours')!;
    const hive = get('hive');
    const direct = get('direct');
    const cell = (f: LoadFigure | undefined) => (f ? [`${f.rps}${f.failures ? ` (${f.failures} failed)` : ''}`, `${f.p50} / ${f.p99}`] : ['–', '–']);
    const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? (a / b).toFixed(2) : '–');
    lines.push(
      `| ${query} | ${cell(ours).join(' | ')} | ${cell(hive).join(' | ')} | ${cell(direct).join(' | ')} | ${ratio(ours.rps, hive?.rps)} | ${ratio(ours.p99, hive?.p99)} | ` +
        `${ratio(ours.p50, direct?.p50)} | ${ratio(direct?.rps, ours.rps)} | ${ours.subgraphCallsPerRequest} / ${hive?.subgraphCallsPerRequest ?? '–'} |`,
    );
  }
  lines.push('');
  lines.push('| CPU ms per request (user + system) | ours: gateway / all processes | Hive: gateway / all processes | direct: subgraph | ours/Hive, all processes |');
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const query of [...new Set(r.loads.map((l) => l.query))]) {
    const get = (t: Target) => r.loads.find((l) => l.query === query && l.target === t)?.cpuMsPerRequest;
    const [ours, hive, direct] = [get('ours')!, get('hive'), get('direct')];
    lines.push(
      `| ${query} | ${ours.gateway} / ${ours.graph} | ${hive ? `${hive.gateway} / ${hive.graph}` : '–'} | ${direct?.gateway ?? '–'} | ` +
        `${hive?.graph ? (ours.graph / hive.graph).toFixed(2) : '–'} |`,
    );
  }
  lines.push('');
  lines.push(`| SQL statements for q3 | ${r.sql.pageSizes.map((n) => `page of ${n}`).join(' | ')} | flat |`);
  lines.push(`| --- | ${r.sql.pageSizes.map(() => '---:').join(' | ')} | --- |`);
  for (const [name, counts] of Object.entries(r.sql.bySubgraph)) {
    lines.push(`| ${name} | ${counts.join(' | ')} | ${counts.every((n) => n === counts[0]) ? 'yes' : 'NO'} |`);
  }
  lines.push('');
  const a = r.aggregate;
  lines.push('| province coverage table | gateway ms | hand-written SQL ms | ratio | cities | same numbers |');
  lines.push('| --- | ---: | ---: | ---: | ---: | --- |');
  lines.push(`| all cities, median | ${a.gatewayMs} | ${a.sqlMs} | ${a.ratio} | ${a.cities} | ${a.numbersMatch ? 'yes' : 'NO'} |`);
  lines.push('');
  lines.push('| credit compliance (with children) | region | gateway ms | teachers | meeting | on track | children add up |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const c of r.compliance) lines.push(`| ${c.level} | ${c.region} | ${c.gatewayMs} | ${c.teachers} | ${c.meeting} | ${c.onTrack} | ${c.addsUp ? 'yes' : 'NO'} |`);
  lines.push('');
  const b = r.burst;
  const refused = Object.entries(b.refused).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
  lines.push('| course-selection burst | selections | concurrency | seats (classes × capacity) | accepted | refused | seconds | selections/s | accepted/s | max seats taken | overbooked classes |');
  lines.push('| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  lines.push(
    `| through our gateway | ${b.attempts} | ${b.concurrency} | ${b.seats} (${b.classes} × ${b.capacity}) | ${b.accepted} | ${refused} | ${b.seconds} | ${b.perSecond} | ${b.acceptedPerSecond} | ` +
      `${b.maxSeatsTaken} / ${b.capacity} | ${b.overbookedClasses} |`,
  );
  lines.push('');
  lines.push('| CPU ms per selection | ' + Object.keys(b.cpuMsPerSelection).join(' | ') + ' | all |');
  lines.push('| --- | ' + Object.keys(b.cpuMsPerSelection).map(() => '---:').join(' | ') + ' | ---: |');
  lines.push(`| burst through our gateway | ${Object.values(b.cpuMsPerSelection).join(' | ')} | ${round(Object.values(b.cpuMsPerSelection).reduce((a, c) => a + c, 0), 2)} |`);
  lines.push('');
  lines.push('| process | RSS at rest MB | peak RSS under load MB |');
  lines.push('| --- | ---: | ---: |');
  for (const p of r.memory) lines.push(`| ${p.process} | ${p.restMb} | ${p.loadMb} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill('SIGTERM');
      process.exit(130);
    });
  }
  const text = { type: 'string' } as const;
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, duration: text, connections: text, teachers: text, json: text } });
  const { quick } = values;
  const options: BenchOptions = {
    quick,
    duration: Number(values.duration ?? 10),
    // Quick loads count requests unless given a duration.
    requestsPerConnection: quick && values.duration === undefined ? 5 : undefined,
    connections: Number(values.connections ?? 10),
    teachers: Number(values.teachers ?? 3_000),
    log: (line) => console.log(line),
  };
  const result = await runBench(options);
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
