import DataLoader from 'dataloader';
import { inSpan } from './telemetry';

/** A loader's batch as a span (`loader <name>`, with how many keys), for loaders a slice makes itself. */
export function tracedBatch<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>): (keys: readonly K[]) => Promise<V[]> {
  return (keys) => inSpan(`loader ${name}`, { attributes: { 'loader.name': name, 'loader.keys': keys.length } }, () => batch(keys));
}

/**
 * Loader of one row per key (`__resolveReference`, foreign keys): one query per
 * batch, results in key order, null for unknown keys.
 */
export function rowLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    tracedBatch('row', async (keys: readonly K[]) => {
      const byKey = new Map<K, V>();
      for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
      return keys.map((key) => byKey.get(key) ?? null);
    }),
  );
}

/** Loader of the rows that belong to each key (one-to-many): one query per batch. */
export function groupLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    tracedBatch('group', async (keys: readonly K[]) => {
      const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
      for (const row of await fetch(keys)) byKey.get(keyOf(row))?.push(row);
      return keys.map((key) => byKey.get(key) ?? []);
    }),
  );
}

/**
 * Loader keyed by a composite value (e.g. teacher + argument): keys are compared by
 * their JSON form, so `{ teacherId, status }` objects batch and cache correctly.
 */
export function compositeLoader<K extends object, V>(batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(tracedBatch('composite', batch), { cacheKeyFn: (key) => JSON.stringify(key) });
}

/**
 * Loader for a remote lookup on a hot path (another slice's facts through the graph), batching by
 * load: at most `inFlight` batches run at once; the first waits `windowMs` for company, and
 * while every slot is busy, loads gather into the next batch (up to `maxBatchSize`) that leaves
 * when one returns. A quiet service pays one window; a busy one sends fewer, fuller requests
 * instead of one per caller (a fixed window gathered 1–2 selections at 200 a second). Nothing is
 * cached: every load is answered by a request sent after it.
 */
export function busyBatchLoader<K, V>(
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
  { inFlight, windowMs, maxBatchSize }: { inFlight: number; windowMs: number; maxBatchSize: number },
): DataLoader<K, V> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  const traced = tracedBatch(name, batch);
  return new DataLoader<K, V>(
    async (keys) => {
      try {
        return await traced(keys);
      } finally {
        release();
      }
    },
    {
      // Without a cache every load adds a key, so every scheduled batch runs the batch function and releases its slot.
      cache: false,
      maxBatchSize,
      batchScheduleFn: (dispatch) => {
        if (running < inFlight) {
          running += 1;
          setTimeout(dispatch, windowMs);
        } else waiting.push(dispatch);
      },
    },
  );
}
