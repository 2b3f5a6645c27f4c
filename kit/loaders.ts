import DataLoader from 'dataloader';

/**
 * Loader of one row per key (`__resolveReference`, foreign keys): one query per
 * batch, results in key order, null for unknown keys.
 */
export function rowLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const byKey = new Map<K, V>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Loader of the rows that belong to each key (one-to-many): one query per batch. */
export function groupLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * Loader keyed by a composite value (e.g. teacher + argument): keys are compared by
 * their JSON form, so `{ teacherId, status }` objects batch and cache correctly.
 */
export function compositeLoader<K extends object, V>(batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(batch, { cacheKeyFn: (key) => JSON.stringify(key) });
}
