import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource, type DataSourceOptions, type EntityManager, type Logger, type MixedList, type EntitySchema, type ObjectLiteral } from 'typeorm';
import { databaseConfig, databaseUrlVariable, EMBEDDED_DATA_DIR, subgraphConfig } from './settings';

/**
 * Counts SQL statements: in total (the N+1 tests compare it across page sizes) and
 * per request, through an AsyncLocalStorage scope opened by the server for each operation.
 */
export class StatementCounter {
  total = 0;
  private readonly scope = new AsyncLocalStorage<{ statements: number }>();

  runInScope<R>(stats: { statements: number }, fn: () => R): R {
    return this.scope.run(stats, fn);
  }

  record(): void {
    this.total += 1;
    const stats = this.scope.getStore();
    if (stats) stats.statements += 1;
  }
}

function countingLogger(counter: StatementCounter, logSql: boolean): Logger {
  return {
    logQuery: (query) => {
      counter.record();
      if (logSql) console.debug(query);
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}

export interface DataSourceConfig {
  /** Subgraph name: names the embedded file and the migrations table. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /**
   * `mysql://user:password@host:port/database` for MySQL/MariaDB; `sqlite:PATH` or
   * `sqlite::memory:` for SQLite; unset → the embedded file `data/<name>.sqlite`.
   */
  url?: string;
}

/** The database URL a subgraph uses: `<NAME>_DATABASE_URL`, else `DATABASE_URL`, else embedded. */
export function databaseUrlFromEnv(name: string): string | undefined {
  return (databaseConfig(name)[databaseUrlVariable(name)] as string | undefined) ?? subgraphConfig.DATABASE_URL;
}

/** A subgraph's database connection with its statement counter. */
export interface Store {
  dataSource: DataSource;
  counter: StatementCounter;
}

export function createDataSource(config: DataSourceConfig): Store {
  const counter = new StatementCounter();
  const common = {
    entities: config.entities,
    migrations: config.migrations,
    // Each subgraph keeps its own migration history, so four subgraphs may share one database.
    migrationsTableName: `${config.name}_migrations`,
    synchronize: false,
    logger: countingLogger(counter, subgraphConfig.LOG_SQL),
  };
  const url = config.url;
  let options: DataSourceOptions;
  if (url && /^mysql:\/\//.test(url)) {
    options = {
      ...common,
      type: 'mysql',
      url,
      charset: 'utf8mb4',
      timezone: '+08:00',
      // DATE columns stay 'YYYY-MM-DD' strings: no time-zone shifts on the way.
      dateStrings: true,
      supportBigNumbers: true,
      poolSize: subgraphConfig.DATABASE_POOL_SIZE,
      // mysql2 captures a stack trace for every query by default, to decorate errors; under load
      // that was 3-4 % of a subgraph's CPU (more with tsx's source maps). Database errors are
      // logged by type and code only (subgraph.ts), so the stacks bought nothing.
      extra: { trace: false },
    };
  } else {
    const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(EMBEDDED_DATA_DIR, `${config.name}.sqlite`);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: file !== ':memory:',
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return { dataSource: new DataSource(options), counter };
}

/**
 * Opens the connection and brings the schema up to date with the checked-in migrations, then
 * runs `afterMigrations` (derived data a new table needs built from live code, which a migration,
 * being history, must not import) under the same lock.
 */
export async function openDataSource(dataSource: DataSource, afterMigrations?: (dataSource: DataSource) => Promise<void>): Promise<DataSource> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await underMigrationLock(dataSource, async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    await afterMigrations?.(dataSource);
  });
  return dataSource;
}

/** How long a process waits for another one's migrations before it gives up. */
const MIGRATION_LOCK_WAIT_SECONDS = 300;

/**
 * On MySQL, one process at a time runs a store's migrations: replicas starting together, or a
 * subgraph beside `npm run migrate`, take turns on a named lock (per database and migration
 * table), so the second finds nothing pending instead of creating the same table twice.
 * SQLite serialises writers by itself.
 */
async function underMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'mysql') return work();
  const runner = dataSource.createQueryRunner();
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  try {
    const [row] = await runner.query("SELECT GET_LOCK(LEFT(CONCAT(DATABASE(), '.', ?), 64), ?) AS locked", [table, MIGRATION_LOCK_WAIT_SECONDS]);
    if (Number(row.locked) !== 1) throw new Error(`Waited ${MIGRATION_LOCK_WAIT_SECONDS} s for another process's ${table} migrations: is one stuck?`);
    return await work();
  } finally {
    await runner.query("SELECT RELEASE_LOCK(LEFT(CONCAT(DATABASE(), '.', ?), 64))", [table]).catch(() => undefined);
    await runner.release();
  }
}

/** A row lock for read-then-write in a transaction: MySQL locks the row; SQLite serialises writers by itself. */
export function writeLock(dataSource: DataSource): { mode: 'pessimistic_write' } | undefined {
  return dataSource.options.type === 'mysql' ? { mode: 'pessimistic_write' } : undefined;
}

/** The MySQL error number TypeORM keeps on a failed query's `driverError`. */
function driverErrno(error: unknown): number | undefined {
  return (error as { driverError?: { errno?: number } }).driverError?.errno;
}

/** MySQL's ER_LOCK_DEADLOCK: InnoDB has rolled the victim's whole transaction back. */
const DEADLOCK_ERRNO = 1213;

/**
 * `inTransaction` for work that InnoDB may pick as a deadlock victim, run again up to
 * `attempts` times after a short random pause. Safe because the victim's transaction was rolled
 * back whole; `work` must touch nothing but the database. Example: concurrent issuers creating
 * the first row of a numbering series both take the gap lock, then both insert into the gap.
 */
export async function inTransactionRetryingDeadlocks<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 4,
  options: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(dataSource, work, options);
    } catch (error) {
      if (driverErrno(error) !== DEADLOCK_ERRNO || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** MariaDB's `max_statement_time exceeded` and MySQL's `MAX_EXECUTION_TIME exceeded`. */
const STATEMENT_TIMEOUT_ERRNOS = new Set([1969, 3024]);

/**
 * Runs a long read-only SELECT (an aggregate over a province) under a time limit the database
 * enforces: the gateway stops waiting after `SUBGRAPH_TIMEOUT_MS`, and without a limit the server
 * would go on computing an answer nobody reads. `AGGREGATE_TIME_LIMIT_MS` (default 10,000, the
 * gateway's default wait) sets it. MariaDB and MySQL spell the limit differently; TypeORM gives
 * the server version without its "-MariaDB" suffix, and only MariaDB has major versions of 10 and
 * above. The embedded SQLite store holds demo-sized data and runs the statement as it is.
 * A statement stopped by the limit becomes the caller's `onTimeout()` error.
 */
export async function queryWithTimeLimit<T>(dataSource: DataSource, sql: string, params: unknown[], onTimeout: () => Error): Promise<T[]> {
  if (dataSource.options.type !== 'mysql') return dataSource.query(sql, params);
  const limitMs = subgraphConfig.AGGREGATE_TIME_LIMIT_MS;
  const mariaDb = Number(String((dataSource.driver as { version?: string }).version ?? '').split('.')[0]) >= 10;
  const limited = mariaDb
    ? `SET STATEMENT max_statement_time = ${(limitMs / 1000).toFixed(3)} FOR ${sql}`
    : sql.replace(/^\s*SELECT\b/i, `SELECT /*+ MAX_EXECUTION_TIME(${Math.ceil(limitMs)}) */`);
  try {
    return await dataSource.query(limited, params);
  } catch (error) {
    const errno = driverErrno(error);
    if (errno !== undefined && STATEMENT_TIMEOUT_ERRNOS.has(errno)) throw onTimeout();
    throw error;
  }
}

/** True when an insert or update failed on a unique index (MySQL or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const withCode = error as { code?: string; driverError?: { code?: string } };
  const code = withCode.driverError?.code ?? withCode.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A transaction that is safe under concurrent requests on both backends. MySQL gives
 * each transaction its own pooled connection. TypeORM's better-sqlite3 driver shares
 * ONE query runner, so two interleaved `dataSource.transaction` calls would nest as
 * savepoints of each other; here they queue instead, one after the other.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export interface TransactionOptions {
  /**
   * MySQL: READ COMMITTED instead of REPEATABLE READ, so that a read after taking a lock sees
   * what others committed before releasing it (a repeatable read would see the snapshot taken
   * at the transaction's first read). SQLite has one writer at a time and needs nothing.
   */
  readCommitted?: boolean;
}

export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (dataSource.options.type === 'mysql') return options.readCommitted ? dataSource.transaction('READ COMMITTED', work) : dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(
    () => dataSource.transaction(work),
    () => dataSource.transaction(work),
  );
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/** SQLite allows 32,766 parameters per statement; MySQL's client formats them into the text. */
const SQLITE_MAX_PARAMETERS = 32_000;

/**
 * Inserts entity rows as multi-row INSERTs written straight from the entity's column metadata:
 * TypeORM's insert builder spent most of an import's CPU on parameter bookkeeping (about
 * 10,000 parameters per 500 rows). Columns the database fills (create dates) are left to it;
 * column transformers are applied. `rowsPerStatement` is capped to SQLite's parameter limit.
 */
export async function insertRows<T extends object>(manager: EntityManager, entity: new () => T, rows: readonly T[], rowsPerStatement = 2_000): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(entity);
  const columns = metadata.columns.filter((column) => !column.isCreateDate && !column.isUpdateDate && !column.isGenerated);
  const table = metadata.tableName;
  const perStatement = manager.connection.options.type === 'mysql' ? rowsPerStatement : Math.min(rowsPerStatement, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
  const quote = manager.connection.options.type === 'mysql' ? (name: string) => `\`${name}\`` : (name: string) => `"${name}"`;
  const head = `INSERT INTO ${quote(table)} (${columns.map((column) => quote(column.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        const value = column.getEntityValue(row as ObjectLiteral, true);
        params.push(value === undefined ? null : value);
      }
    }
    await manager.query(head + chunk.map(() => tuple).join(', '), params);
  }
}

/**
 * `alias.column AS prefix + column` for every column of an entity, for hand-written SELECTs on
 * hot paths (`hydrate` reads the row back), where TypeORM's query builder and entity mapping
 * cost more CPU than the database did.
 */
export function selectColumns(dataSource: DataSource, entity: new () => object, alias: string, prefix: string): string {
  return dataSource
    .getMetadata(entity)
    .columns.map((column) => `${alias}.${column.databaseName} AS ${prefix}${column.databaseName}`)
    .join(', ');
}

/** An entity from a raw row selected with `selectColumns`, with the driver's conversions and column transformers; null when the row has none of it (a LEFT JOIN that matched nothing). */
export function hydrate<T extends object>(dataSource: DataSource, entity: new () => T, row: Record<string, unknown>, prefix: string): T | null {
  const metadata = dataSource.getMetadata(entity);
  const primary = metadata.primaryColumns[0];
  if (row[prefix + primary.databaseName] == null) return null;
  const result = new entity() as ObjectLiteral;
  for (const column of metadata.columns) {
    result[column.propertyName] = dataSource.driver.prepareHydratedValue(row[prefix + column.databaseName], column);
  }
  return result as T;
}
