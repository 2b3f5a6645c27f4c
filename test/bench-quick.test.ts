import { benchToolsMissing, runBench } from '../bench/run';

/**
 * Runs `npm run bench -- --quick` once so the harness cannot rot. It asserts only that a
 * table of numbers came out and that SQL per request is flat in page size: never timings,
 * which belong in BENCHMARKS.md, not in a test.
 */
/**
 * Hive Gateway and autocannon come from bench/'s own package (`npm run bench:install`; .ci/run
 * installs it). Under CI their absence fails this test; on a developer's machine that has only
 * the project's install, it is skipped with the reason.
 */
const missing = benchToolsMissing();
if (missing && !process.env.CI) console.warn(`Skipping the quick bench: ${missing}`);

describe('npm run bench -- --quick', () => {
  (missing && !process.env.CI ? it.skip : it)('prints a table with figures for every load and equal SQL counts per page size', async () => {
    expect(missing).toBeNull();
    const result = await runBench({ quick: true, duration: 1, requestsPerConnection: 5, connections: 8, teachers: 2_000, log: () => undefined });

    expect(result.table).toMatch(/\| q1 teacher by id .*\| \d+/);
    expect(result.loads.map((l) => `${l.query.slice(0, 2)} ${l.target}`)).toEqual([
      'q1 ours', 'q1 hive', 'q1 direct', 'q2 ours', 'q2 hive', 'q3 ours', 'q3 hive', 'q4 ours', 'q4 hive',
    ]);
    for (const load of result.loads) {
      expect(load.requests).toBeGreaterThan(0);
      expect(load.failures).toBe(0);
      expect(Number.isFinite(load.p99)).toBe(true);
      expect(load.cpuMsPerRequest.graph).toBeGreaterThan(0);
    }

    for (const counts of Object.values(result.sql.bySubgraph)) {
      expect(counts).toHaveLength(3);
      expect(counts[0]).toBeGreaterThan(0);
      expect(new Set(counts).size).toBe(1);
    }
    expect(result.sql.flat).toBe(true);

    expect(result.aggregate.cities).toBe(21);
    expect(result.aggregate.numbersMatch).toBe(true);
    expect(result.compliance.map((c) => c.level)).toEqual(['province', 'city', 'county']);
    expect(result.compliance.every((c) => c.addsUp)).toBe(true);
    expect(result.compliance[0].teachers).toBeGreaterThan(0);
    expect(result.burst.overbookedClasses).toBe(0);
    expect(result.burst.accepted).toBeLessThanOrEqual(result.burst.seats);
    // Every seat taken, every other selection refused only for a full class: the registry lookups through the gateway answered.
    expect(result.burst.accepted).toBe(result.burst.seats);
    expect(Object.keys(result.burst.refused)).toEqual(['CLASS_FULL']);
    expect(result.memory.every((p) => p.restMb > 0 && p.loadMb > 0)).toBe(true);
  }, 120_000);
});
