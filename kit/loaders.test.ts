import { busyBatchLoader } from './loaders';

describe('busyBatchLoader', () => {
  /** A batch function whose calls return only when released, recording the keys of each. */
  function heldBatches() {
    const batches: string[][] = [];
    const releases: (() => void)[] = [];
    const batch = (keys: readonly string[]) => {
      batches.push([...keys]);
      return new Promise<string[]>((resolve) => releases.push(() => resolve(keys.map((k) => k.toUpperCase()))));
    };
    return { batches, releases, batch };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('gathers every load arriving while the slots are busy into the next batch, sent when one returns', async () => {
    const { batches, releases, batch } = heldBatches();
    const loader = busyBatchLoader('test', batch, { inFlight: 1, windowMs: 1, maxBatchSize: 100 });
    const first = loader.load('a');
    await settle();
    expect(batches).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((k) => loader.load(k));
    await settle();
    // The slot is busy: nothing is sent until the running batch returns.
    expect(batches).toHaveLength(1);
    releases[0]();
    expect(await first).toBe('A');
    await settle();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    releases[1]();
    expect(await Promise.all(later)).toEqual(['B', 'C', 'D']);
  });

  it('runs up to `inFlight` batches at once and splits a queue at `maxBatchSize`', async () => {
    const { batches, releases, batch } = heldBatches();
    const loader = busyBatchLoader('test', batch, { inFlight: 2, windowMs: 1, maxBatchSize: 2 });
    const loads = ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => loader.load(k));
    await settle();
    expect(batches).toEqual([['a', 'b'], ['c', 'd']]);
    releases[0]();
    await settle();
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    releases[1]();
    releases[2]();
    expect(await Promise.all(loads)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('frees the slot of a batch that failed, and caches nothing', async () => {
    let calls = 0;
    const loader = busyBatchLoader(
      'test',
      async (keys: readonly string[]) => {
        calls += 1;
        if (calls === 1) throw new Error('graph down');
        return keys.map(() => calls);
      },
      { inFlight: 1, windowMs: 1, maxBatchSize: 10 },
    );
    await expect(loader.load('a')).rejects.toThrow('graph down');
    expect(await loader.load('a')).toBe(2);
    expect(await loader.load('a')).toBe(3);
  });
});
