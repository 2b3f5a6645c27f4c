import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from '../schema/subgraphs';
import { createDataSource, openDataSource } from '../kit/data-source';
import { DEFINITIONS } from './support/graph';
import { BACKENDS } from './support/http';
import { createTestDatabase, type TestDatabase } from './support/mariadb';

/**
 * Every subgraph's migrations run up, all the way down, and up again on both stores: an
 * operator rolling a release back gets the previous schema, not a half-dropped one.
 */
async function tables(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    dataSource.options.type === 'mysql'
      ? await dataSource.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
      : await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => r.name).filter((name) => !name.endsWith('migrations')).sort();
}

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
