import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, queryWithTimeLimit } from '../kit/data-source';
import { createTestDatabase, type TestDatabase } from './support/mariadb';

/** About 30 million joined rows on MariaDB (its COLLATIONS table has over 300): seconds of work. */
const HEAVY = 'SELECT COUNT(*) AS n FROM information_schema.COLLATIONS a, information_schema.COLLATIONS b, information_schema.COLLATIONS c WHERE a.ID + b.ID + c.ID > ?';

class TooSlow extends Error {}

describe('queryWithTimeLimit (shared data source kit)', () => {
  const saved = process.env.AGGREGATE_TIME_LIMIT_MS;
  afterEach(() => {
    if (saved === undefined) delete process.env.AGGREGATE_TIME_LIMIT_MS;
    else process.env.AGGREGATE_TIME_LIMIT_MS = saved;
  });

  describe('on MariaDB', () => {
    let database: TestDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      database = await createTestDatabase('time_limit');
      dataSource = createDataSource({ name: 'time-limit', entities: [], migrations: [], url: database.url }).dataSource;
      await dataSource.initialize();
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await database?.drop();
    });

    it('stops a statement at the limit on the server and throws the caller’s error', async () => {
      process.env.AGGREGATE_TIME_LIMIT_MS = '200';
      const started = Date.now();
      await expect(queryWithTimeLimit(dataSource, HEAVY, [0], () => new TooSlow('too slow'))).rejects.toBeInstanceOf(TooSlow);
      expect(Date.now() - started).toBeLessThan(3_000);
      const [{ running }] = await dataSource.query(
        "SELECT COUNT(*) AS running FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE '%information_schema.COLLATIONS a,%' AND ID <> CONNECTION_ID()",
      );
      expect(Number(running)).toBe(0);
    });

    it('answers a statement that ends within the limit, with its parameters bound', async () => {
      process.env.AGGREGATE_TIME_LIMIT_MS = '5000';
      const rows = await queryWithTimeLimit<{ answer: number }>(dataSource, 'SELECT ? + 1 AS answer', [41], () => new TooSlow('too slow'));
      expect(Number(rows[0].answer)).toBe(42);
    });

    it('refuses a limit that is not a positive number of milliseconds, naming the setting', async () => {
      process.env.AGGREGATE_TIME_LIMIT_MS = 'soon';
      await expect(queryWithTimeLimit(dataSource, 'SELECT 1', [], () => new TooSlow('too slow'))).rejects.toThrow(/AGGREGATE_TIME_LIMIT_MS must be a positive integer number of milliseconds, got "soon"/);
    });
  });

  it('runs the statement as it is on the embedded SQLite store', async () => {
    process.env.AGGREGATE_TIME_LIMIT_MS = '1';
    const dir = mkdtempSync(join(tmpdir(), 'time-limit-'));
    const { dataSource } = createDataSource({ name: 'time-limit', entities: [], migrations: [], url: `sqlite:${join(dir, 'db.sqlite')}` });
    await dataSource.initialize();
    try {
      const rows = await queryWithTimeLimit<{ answer: number }>(dataSource, 'SELECT ? + 1 AS answer', [41], () => new TooSlow('too slow'));
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await dataSource.destroy();
    }
  });
});
