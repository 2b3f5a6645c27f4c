/**
 * Fills a MySQL/MariaDB database with a province the size of Sichuan, fast.
 *
 *   npm run bench:seed                               737,686 teachers into BENCH_DATABASE_URL
 *   npm run bench:seed -- --teachers 50000           smaller
 *   npm run bench:seed -- --fresh                    drop and re-create the database first
 *
 * BENCH_DATABASE_URL defaults to mysql://root@127.0.0.1:3306/tts_bench (created if missing).
 * All four subgraphs share that one database (each keeps its own tables and migration table),
 * so `npm run bench` can point every subgraph at it, and the hand-written SQL of the
 * aggregate benchmark can read the same rows.
 *
 * The rows are exactly what `npm run seed` writes: the deterministic generator
 * (scripts/demo-province.ts) and the same mapping to each subgraph's columns
 * (`seedDemoProvince` in scripts/seed.ts, the single source of truth for scope columns). Only
 * the writing differs: `seedDemoProvince` is handed stand-in data sources whose query builder
 * captures each 500-row chunk, and a bulk writer sends them on as large multi-row INSERTs
 * (BENCH_INSERT_ROWS, default 5,000 rows, under max_allowed_packet) over a few pooled
 * connections with unique and foreign-key checks off for the load. Each table is sorted by
 * primary key first, so InnoDB appends to its clustered index instead of splitting pages at
 * random UUIDs.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createConnection, createPool, escape, escapeId, type Pool, type PoolConnection } from 'mysql2/promise';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { generateDemoProvince, type DemoProvince } from '../scripts/demo-province';
import { dataSourcesOf, openStores, seedDemoProvince, type SeedTargets, type SubgraphName } from '../scripts/seed';
import { rebuildCreditSummaries } from '../subgraphs/credits/summaries';

export const DEFAULT_BENCH_DATABASE_URL = 'mysql://root@127.0.0.1:3306/tts_bench';
/** Sichuan's full-time K-12 teachers as the issue gives them (96,885 + 601,224 + 39,577). */
export const SICHUAN_TEACHERS = 737_686;
const ISSUE_SPLIT = { kindergarten: 96_885, primaryAndSecondary: 601_224, vocational: 39_577 };

const ROWS_PER_STATEMENT = Number(process.env.BENCH_INSERT_ROWS ?? 5_000);
const CONNECTIONS = Number(process.env.BENCH_INSERT_CONNECTIONS ?? 3);

export interface BenchSeedOptions {
  url: string;
  teachers: number;
  /** Drop and re-create the database first. */
  fresh?: boolean;
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
}

export interface BenchSeedReport {
  teachers: number;
  rows: Record<string, number>;
  generateSeconds: number;
  insertSeconds: number;
  totalSeconds: number;
  province: DemoProvince;
}

function splitUrl(url: string): { server: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`BENCH_DATABASE_URL must name a database ([A-Za-z0-9_]+), got "${database}"`);
  parsed.pathname = '';
  return { server: parsed.toString().replace(/\/$/, ''), database };
}

/** Creates the database if missing (re-creates it with `fresh`); refuses to load twice. */
async function prepareDatabase(url: string, fresh: boolean): Promise<void> {
  const { server, database } = splitUrl(url);
  const connection = await createConnection(server);
  try {
    if (fresh) await connection.query(`DROP DATABASE IF EXISTS ${escapeId(database)}`);
    await connection.query(`CREATE DATABASE IF NOT EXISTS ${escapeId(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [tables] = (await connection.query(
      `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = 'teacher'`,
      [database],
    )) as unknown as [{ n: number }[]];
    if (Number(tables[0].n) > 0) {
      const [rows] = (await connection.query(`SELECT COUNT(*) AS n FROM ${escapeId(database)}.teacher`)) as unknown as [{ n: number }[]];
      if (Number(rows[0].n) > 0) throw new Error(`${database} already holds ${rows[0].n} teachers: pass --fresh to drop and re-create it.`);
    }
  } finally {
    await connection.end();
  }
}

/** One table's INSERT prefix and how to turn an entity-shaped row into its SQL tuple. */
interface TableWriter {
  table: string;
  prefix: string;
  tuple: (row: ObjectLiteral) => string;
}

function tableWriter(metadata: EntityMetadata): TableWriter {
  const columns = metadata.columns.filter((c) => !c.isVirtual && !c.relationMetadata);
  const prefix = `INSERT INTO ${escapeId(metadata.tableName)} (${columns.map((c) => escapeId(c.databaseName)).join(', ')}) VALUES `;
  const tuple = (row: ObjectLiteral): string => {
    let sql = '(';
    for (let i = 0; i < columns.length; i += 1) {
      const column = columns[i];
      let value = row[column.propertyName];
      if (i > 0) sql += ',';
      // Absent → the column's default (created_at, seats_taken, …), as TypeORM would do.
      if (value === undefined) {
        sql += 'DEFAULT';
        continue;
      }
      const transformer = column.transformer;
      if (transformer && !Array.isArray(transformer)) value = transformer.to(value);
      sql += escape(value);
    }
    return sql + ')';
  };
  return { table: metadata.tableName, prefix, tuple };
}

/**
 * One autocommit INSERT, sent again when InnoDB picks it as a deadlock victim (ER_LOCK_DEADLOCK:
 * the statement was rolled back whole). Concurrent bulk inserts into one table's secondary indexes
 * deadlock now and then, even with unique and foreign-key checks off; seen in the quick bench's seed.
 */
async function insertRetryingDeadlocks(pool: Pool, sql: string, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await pool.query(sql);
      return;
    } catch (error) {
      if ((error as { errno?: number }).errno !== 1213 || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * attempt));
    }
  }
}

/**
 * Receives the chunks `seedDemoProvince` hands its query builder, batches them into large
 * statements and keeps up to CONNECTIONS of them in flight while the next is being built.
 */
class BulkWriter {
  readonly rows: Record<string, number> = {};
  private readonly writers = new Map<EntityMetadata, TableWriter>();
  private readonly inFlight = new Set<Promise<void>>();
  private pending: { writer: TableWriter; tuples: string[] } | undefined;
  private lastProgress = performance.now();
  private failure: unknown;

  constructor(
    private readonly pool: Pool,
    private readonly expected: Record<string, number>,
    private readonly started: number,
    private readonly log: (line: string) => void,
  ) {}

  async add(metadata: EntityMetadata, values: ObjectLiteral[]): Promise<void> {
    let writer = this.writers.get(metadata);
    if (!writer) this.writers.set(metadata, (writer = tableWriter(metadata)));
    if (this.pending && this.pending.writer !== writer) await this.flush();
    this.pending ??= { writer, tuples: [] };
    for (const row of values) {
      this.pending.tuples.push(writer.tuple(row));
      if (this.pending.tuples.length >= ROWS_PER_STATEMENT) await this.flush();
    }
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = undefined;
    if (!batch || batch.tuples.length === 0) return;
    while (this.inFlight.size >= CONNECTIONS) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const sql = batch.writer.prefix + batch.tuples.join(',');
    const { table } = batch.writer;
    const run = insertRetryingDeadlocks(this.pool, sql)
      .then(() => {
        this.rows[table] = (this.rows[table] ?? 0) + batch.tuples.length;
        this.progress(table);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  async finish(): Promise<void> {
    await this.flush();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private progress(table: string): void {
    const now = performance.now();
    if (now - this.lastProgress < 2_000 && this.rows[table] !== this.expected[table]) return;
    this.lastProgress = now;
    const done = Object.values(this.rows).reduce((a, b) => a + b, 0);
    const all = Object.values(this.expected).reduce((a, b) => a + b, 0);
    const seconds = (now - this.started) / 1000;
    this.log(
      `  ${table.padEnd(16)} ${String(this.rows[table]).padStart(9)} / ${String(this.expected[table] ?? '?').padEnd(9)}` +
        ` all ${((100 * done) / all).toFixed(1).padStart(5)} %  ${Math.round(done / seconds)} rows/s  ${seconds.toFixed(0)} s`,
    );
  }
}

/** A stand-in for a subgraph's DataSource: the same calls `insertAll` makes, captured for the bulk writer. */
function capturingDataSource(real: DataSource, writer: BulkWriter): DataSource {
  const builder = () => {
    let target: EntityTarget<ObjectLiteral> | undefined;
    let values: ObjectLiteral[] = [];
    const chain = {
      insert: () => chain,
      into: (t: EntityTarget<ObjectLiteral>) => ((target = t), chain),
      values: (v: ObjectLiteral[]) => ((values = v), chain),
      updateEntity: () => chain,
      execute: async () => writer.add(real.getMetadata(target!), values),
    };
    return chain;
  };
  const manager = { createQueryBuilder: builder };
  return { options: { type: 'mysql' }, transaction: (work: (m: unknown) => Promise<unknown>) => work(manager) } as unknown as DataSource;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sorts each table's rows by primary key in place: InnoDB then appends instead of splitting pages. */
function sortByPrimaryKey(province: DemoProvince): void {
  province.schools.sort(byId);
  province.teachers.sort(byId);
  province.projects.sort(byId);
  province.classes.sort(byId);
  province.enrollments.sort(byId);
  province.creditRecords.sort(byId);
  province.certificates.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}

export function categorySplit(province: DemoProvince): Record<string, number> {
  const categoryOfSchool = new Map(province.schools.map((s) => [s.id, s.category]));
  const split: Record<string, number> = {};
  for (const t of province.teachers) {
    const category = categoryOfSchool.get(t.schoolId)!;
    split[category] = (split[category] ?? 0) + 1;
  }
  return split;
}

export async function seedBenchDatabase(options: BenchSeedOptions): Promise<BenchSeedReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  await prepareDatabase(options.url, options.fresh ?? false);
  const urls = { teachers: options.url, training: options.url, credits: options.url, certification: options.url };
  const stores = await openStores(urls);
  try {
    log(`Generating ${options.teachers.toLocaleString('en')} teachers …`);
    const generateStarted = performance.now();
    const province = generateDemoProvince({ teachers: options.teachers });
    sortByPrimaryKey(province);
    const generateSeconds = (performance.now() - generateStarted) / 1000;
    const expected: Record<string, number> = {
      region: province.regions.length,
      school: province.schools.length,
      teacher: province.teachers.length,
      institution: province.institutions.length,
      training_project: province.projects.length,
      training_class: province.classes.length,
      enrollment: province.enrollments.length,
      credit_record: province.creditRecords.length,
      certificate: province.certificates.length,
    };
    log(`Generated in ${generateSeconds.toFixed(1)} s: ${Object.entries(expected).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`);
    const split = categorySplit(province);
    log(
      `Category split: ${Object.entries(split).map(([c, n]) => `${c} ${n.toLocaleString('en')}`).join(', ')}` +
        (options.teachers === SICHUAN_TEACHERS
          ? ` (issue: KINDERGARTEN ${ISSUE_SPLIT.kindergarten.toLocaleString('en')}, PRIMARY_AND_SECONDARY ${ISSUE_SPLIT.primaryAndSecondary.toLocaleString('en')}` +
            ` incl. special education, VOCATIONAL ${ISSUE_SPLIT.vocational.toLocaleString('en')})`
          : ''),
    );

    const insertStarted = performance.now();
    const pool = createPool({ uri: options.url, connectionLimit: CONNECTIONS, charset: 'utf8mb4', timezone: '+08:00', dateStrings: true });
    // The load is known-good generated data: no per-row uniqueness or reference checks.
    pool.on('connection', (connection) => {
      (connection as unknown as PoolConnection).query('SET SESSION unique_checks = 0, SESSION foreign_key_checks = 0');
    });
    const writer = new BulkWriter(pool, expected, insertStarted, log);
    const real = dataSourcesOf(stores);
    const targets = Object.fromEntries(
      (Object.keys(real) as SubgraphName[]).map((name) => [name, capturingDataSource(real[name], writer)]),
    ) as SeedTargets;
    try {
      await seedDemoProvince(targets, province, { summarise: false });
      await writer.finish();
      await pool.query('ANALYZE TABLE school, teacher, enrollment, credit_record, certificate');
      const summariseStarted = performance.now();
      const summarised = await rebuildCreditSummaries(stores.credits.dataSource);
      await pool.query('ANALYZE TABLE credit_summary');
      log(`Summarised the credits of ${summarised.toLocaleString('en')} teachers in ${((performance.now() - summariseStarted) / 1000).toFixed(1)} s.`);
    } finally {
      await pool.end();
    }
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    const totalSeconds = (performance.now() - started) / 1000;
    const rows = writer.rows;
    const all = Object.values(rows).reduce((a, b) => a + b, 0);
    log(
      `Loaded ${all.toLocaleString('en')} rows in ${insertSeconds.toFixed(1)} s (${Math.round(all / insertSeconds).toLocaleString('en')} rows/s); ` +
        `total ${totalSeconds.toFixed(1)} s including generation and migrations.`,
    );
    return { teachers: options.teachers, rows, generateSeconds, insertSeconds, totalSeconds, province };
  } finally {
    await Promise.all(Object.values(stores).map((s) => s.dataSource.destroy()));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { teachers: { type: 'string' }, fresh: { type: 'boolean', default: false } } });
  const teachers = Number(values.teachers ?? SICHUAN_TEACHERS);
  if (!Number.isInteger(teachers) || teachers < 1) throw new Error('--teachers must be a positive integer');
  const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  console.log(`bench:seed → ${url.replace(/:[^:@/]*@/, ':***@')} (${process.version}, ${CONNECTIONS} connections, ${ROWS_PER_STATEMENT} rows per INSERT)`);
  await seedBenchDatabase({ url, teachers, fresh: values.fresh });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
