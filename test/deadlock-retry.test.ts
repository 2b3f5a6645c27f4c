import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource, inTransactionRetryingDeadlocks } from '../kit/data-source';
import { createTestDatabase, type TestDatabase } from './support/mariadb';

/** Two transactions that lock rows a and b in opposite orders: InnoDB must pick a deadlock victim. */
describe('inTransactionRetryingDeadlocks on MariaDB', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('deadlock');
    dataSource = createDataSource({ name: 'deadlock', entities: [], migrations: [], url: database.url }).dataSource;
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE counter (name VARCHAR(8) PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
    await dataSource.query("INSERT INTO counter VALUES ('a', 0), ('b', 0)");
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('runs the victim again, so both transactions commit exactly once', async () => {
    let attempts = 0;
    let bothHoldFirstLock: () => void = () => undefined;
    let holding = 0;
    const firstLocksTaken = new Promise<void>((resolve) => (bothHoldFirstLock = resolve));
    const crosswise = (first: string, second: string) => async (manager: EntityManager) => {
      attempts += 1;
      await manager.query('UPDATE counter SET n = n + 1 WHERE name = ?', [first]);
      holding += 1;
      if (holding === 2) bothHoldFirstLock();
      await Promise.race([firstLocksTaken, new Promise((resolve) => setTimeout(resolve, 500))]);
      await manager.query('UPDATE counter SET n = n + 1 WHERE name = ?', [second]);
    };
    await Promise.all([inTransactionRetryingDeadlocks(dataSource, crosswise('a', 'b')), inTransactionRetryingDeadlocks(dataSource, crosswise('b', 'a'))]);
    expect(attempts).toBe(3);
    const rows: { name: string; n: number }[] = await dataSource.query('SELECT name, n FROM counter ORDER BY name');
    expect(rows.map((r) => [r.name, Number(r.n)])).toEqual([['a', 2], ['b', 2]]);
  });
});
