import type { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction that is safe under concurrent requests on both backends. MySQL gives
 * each transaction its own pooled connection. TypeORM's better-sqlite3 driver shares
 * ONE query runner, so two interleaved `dataSource.transaction` calls would nest as
 * savepoints of each other; here they queue instead, one after the other.
 *
 * Generic (knows no domain): a candidate for subgraphs/shared once others need it.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'mysql') return dataSource.transaction(work);
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
