import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseSync } from '@swc/core';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../schema/subgraphs';
import { createDataSource, openDataSource } from '../kit/data-source';
import type { SubgraphDefinition } from '../kit/subgraph';
import { loadPolicySet } from '../subgraphs/credits/policies-store';
import { SHIPPED_POLICIES } from '../subgraphs/credits/rules/policies';
import { legacyCreditsSubgraph } from '../subgraphs/legacy-credits/server';
import { DEFINITIONS } from './support/graph';
import { BACKENDS, type Backend } from './support/http';
import { createTestDatabase, type TestDatabase } from './support/mariadb';

async function allTables(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    dataSource.options.type === 'mysql'
      ? await dataSource.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
      : await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => r.name).sort();
}

/** The slice's own tables, without TypeORM's migrations table. */
async function tables(dataSource: DataSource): Promise<string[]> {
  return (await allTables(dataSource)).filter((name) => !name.endsWith('migrations'));
}

/**
 * Every subgraph's migrations run up, all the way down, and up again on both stores: an
 * operator rolling a release back gets the previous schema, not a half-dropped one.
 */
describe.each(BACKENDS)('migrations (%s)', (backend) => {
  it.each(SUBGRAPHS.map((s) => s.name))('of %s go down and up again', async (name) => {
    const definition = DEFINITIONS[name];
    const database: TestDatabase | undefined = backend === 'mariadb' ? await createTestDatabase(`migrations_${name}`) : undefined;
    const { dataSource } = createDataSource({ name, entities: definition.entities, migrations: definition.migrations, url: database?.url ?? 'sqlite::memory:' });
    try {
      await openDataSource(dataSource);
      const schema = await tables(dataSource);
      expect(schema.length).toBeGreaterThan(0);
      for (let i = 0; i < dataSource.migrations.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables(dataSource)).toEqual([]);
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await tables(dataSource)).toEqual(schema);
    } finally {
      await dataSource.destroy();
      await database?.drop();
    }
  });
});

/**
 * Migrations are history: what a migration does depends on nothing that changes after it was
 * written. So a database migrated fresh today and one that stopped at an earlier release and
 * was upgraded later end the same, schema and rows (the policy rows credits seeds included),
 * on both stores; and no migration imports live code (domain data such as the shipped
 * policies changes; a migration that read it would write different rows in each database).
 */
const ROOT = join(__dirname, '..');
const SLICES: SubgraphDefinition<unknown>[] = [...Object.values(DEFINITIONS), legacyCreditsSubgraph as SubgraphDefinition<unknown>];
/** Every slice lists its migration classes in order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const migrationsOf = (slice: SubgraphDefinition<unknown>) => slice.migrations as Function[];

function migrationFiles(): string[] {
  const subgraphs = join(ROOT, 'subgraphs');
  return readdirSync(subgraphs).flatMap((slice) => {
    const folder = join(subgraphs, slice, 'migrations');
    try {
      return readdirSync(folder).filter((f) => f.endsWith('.ts')).map((f) => join(folder, f));
    } catch {
      return [];
    }
  });
}

/** Every module a source names: import and export … from, import(), require(). */
function importedModules(source: string): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; source?: { value?: string }; callee?: { type?: string; value?: string }; arguments?: { expression?: { type?: string; value?: string } }[] };
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') && n.source?.value) names.push(n.source.value);
    const isLoader = n.callee?.type === 'Import' || (n.callee?.type === 'Identifier' && n.callee.value === 'require');
    if (n.type === 'CallExpression' && isLoader) names.push(n.arguments?.[0]?.expression?.type === 'StringLiteral' ? n.arguments[0].expression.value! : '(computed)');
    Object.values(node).forEach(visit);
  };
  visit(parseSync(source, { syntax: 'typescript', decorators: true }).body);
  return names;
}

describe('migration sources', () => {
  it('import only TypeORM and their own folder, never live code or data', () => {
    const files = migrationFiles();
    expect(files.length).toBeGreaterThanOrEqual(11);
    const imports = files.flatMap((file) => importedModules(readFileSync(file, 'utf8')).map((name) => `${relative(ROOT, file)} → ${name}`));
    expect(imports.length).toBeGreaterThanOrEqual(files.length);
    expect(imports.filter((line) => !/ → (typeorm|\.\/[\w.-]+)$/.test(line))).toEqual([]);
  });
});

interface Snapshot {
  schema: unknown[];
  rows: Record<string, string[]>;
}

const MYSQL_SCHEMA = [
  'SELECT table_name, column_name, ordinal_position, column_type, is_nullable, column_default, column_key, extra ' +
    'FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position',
  'SELECT table_name, index_name, non_unique, seq_in_index, column_name FROM information_schema.statistics ' +
    'WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index',
  'SELECT table_name, constraint_name, column_name, referenced_table_name, referenced_column_name FROM information_schema.key_column_usage ' +
    'WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL ORDER BY table_name, constraint_name, ordinal_position',
];
/**
 * SQLite by its pragmas rather than the stored CREATE text: TypeORM writes the same foreign
 * key with or without the default `ON DELETE NO ACTION` depending on whether the table it
 * rebuilds was read back from the file, which changes the text and nothing else.
 */
const perTable = (pragma: string, columns: string, order: string, join = '') =>
  `SELECT m.name AS tbl, ${columns} FROM sqlite_master m JOIN pragma_${pragma}(m.name) p ${join} ` +
  `WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY tbl, ${order}`;
const SQLITE_SCHEMA = [
  perTable('table_info', 'p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk', 'p.cid'),
  perTable('index_list', 'p.name, p."unique", p.origin, p.partial, i.seqno, i.name AS col', 'p.name, i.seqno', 'JOIN pragma_index_info(p.name) i'),
  perTable('foreign_key_list', 'p.id, p.seq, p."table", p."from", p."to", p.on_update, p.on_delete', 'p.id, p.seq'),
];

/** Columns, indexes and foreign keys as the database reports them, and every row of every table. */
async function snapshot(dataSource: DataSource): Promise<Snapshot> {
  const schema: unknown[] = [];
  for (const sql of dataSource.options.type === 'mysql' ? MYSQL_SCHEMA : SQLITE_SCHEMA) schema.push(...(await dataSource.query(sql)));
  const rows: Record<string, string[]> = {};
  for (const table of await allTables(dataSource)) {
    const quoted = dataSource.options.type === 'mysql' ? `\`${table}\`` : `"${table}"`;
    rows[table] = ((await dataSource.query(`SELECT * FROM ${quoted}`)) as unknown[]).map((row) => JSON.stringify(row)).sort();
  }
  return { schema, rows };
}

/** A new empty database that outlives its connections: a MariaDB database or a SQLite file, removed after `use`. */
async function withDatabase<T>(backend: Backend, label: string, use: (url: string) => Promise<T>): Promise<T> {
  if (backend === 'mariadb') {
    const database = await createTestDatabase(label);
    try {
      return await use(database.url);
    } finally {
      await database.drop();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  try {
    return await use(`sqlite:${join(dir, 'store.sqlite')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the slice's store with only the first `upTo` migrations (all when omitted), migrates it and hands it to `use`. */
async function migrated<T>(slice: SubgraphDefinition<unknown>, url: string, use: (dataSource: DataSource) => Promise<T>, upTo?: number): Promise<T> {
  const migrations = migrationsOf(slice).slice(0, upTo);
  const { dataSource } = createDataSource({ name: slice.name, entities: slice.entities, migrations, url });
  try {
    await openDataSource(dataSource);
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** A database migrated to release `upTo`, closed, then opened again by the full release (a later deploy) and migrated to the end. */
async function upgradedSnapshot(slice: SubgraphDefinition<unknown>, url: string, upTo: number): Promise<Snapshot> {
  await migrated(slice, url, async () => undefined, upTo);
  return migrated(slice, url, snapshot);
}

describe.each(BACKENDS)('fresh and upgraded databases (%s)', (backend) => {
  const cases = SLICES.flatMap((slice) => migrationsOf(slice).slice(1).map((_, i) => [slice.name, i + 1, migrationsOf(slice).length] as const));

  it.each(cases)('of %s: migrated to release %i of %i and then upgraded ends as a fresh one', async (name, upTo) => {
    const slice = SLICES.find((s) => s.name === name)!;
    const fresh = await withDatabase(backend, `fresh_${name}`, (url) => migrated(slice, url, snapshot));
    expect(Object.keys(fresh.rows).length).toBeGreaterThan(1);
    const upgraded = await withDatabase(backend, `upgraded_${name}`, (url) => upgradedSnapshot(slice, url, upTo));
    expect(upgraded).toEqual(fresh);
  });

  it('gives credits the shipped policies, exactly: a change to rules/policies.ts needs a new migration', async () => {
    const credits = DEFINITIONS.credits;
    const stored = await withDatabase(backend, 'policies', (url) => migrated(credits, url, loadPolicySet));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...stored.rules].sort(byId)).toEqual([...SHIPPED_POLICIES].sort(byId));
  });
});
