import { SUBGRAPHS, type SubgraphName } from '../schema/subgraphs';
import { fixturesFromProvince, type Fixtures } from '../schema/conformance/fixtures';
import { startBrokenCredits } from '../schema/conformance/fixtures/broken-credits';
import { formatResults, runConformance, type RuleResult } from '../schema/conformance/kit';
import { rulesFor } from '../schema/conformance/rules';
import { composeWith } from '../schema/conformance/cli';
import { testGatewayKeys } from './support/auth';
import { startTestGraph, type TestGraph } from './support/graph';
import { readFileSync, mkdtempSync } from 'node:fs';
import { generateDemoProvince } from '../scripts/demo-province';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The conformance kit against our own four subgraphs, the legacy credits platform, and a broken one. */
async function check(subgraph: SubgraphName, url: string, fixtures: Fixtures): Promise<RuleResult[]> {
  const { signingKey } = await testGatewayKeys();
  return runConformance({ subgraph, url, fixtures, signingKey, rules: rulesFor(subgraph) });
}

function failures(results: RuleResult[]): string[] {
  return results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.detail}`);
}

describe('the conformance kit on the reference subgraphs', () => {
  let graph: TestGraph;
  let fixtures: Fixtures;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 60 });
    fixtures = fixturesFromProvince(graph.province);
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it.each(SUBGRAPHS.map((s) => s.name))('passes every rule for %s', async (name) => {
    const results = await check(name, graph.subgraphs[name].url, fixtures);
    expect(failures(results)).toEqual([]);
    const ids = results.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['sdl.service', 'sdl.composes', 'sdl.compatible', 'identity.gateway-only']));
    expect(ids.some((id) => id.startsWith('entities.'))).toBe(true);
    expect(ids).toContain(`${name}.hidden-row`);
    expect(formatResults(name, graph.subgraphs[name].url, results)).toMatch(/^PASS {2}sdl\.service/);
  });
});

describe('the conformance kit on the legacy credits platform', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 60, credits: 'legacy' });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('passes every credits rule, joining teachers on the hidden 身份证号', async () => {
    const results = await check('credits', graph.subgraphs.credits.url, fixturesFromProvince(graph.province));
    expect(failures(results)).toEqual([]);
    expect(results.map((r) => r.id)).toEqual(expect.arrayContaining(['credits.account-arithmetic', 'credits.bad-decimal', 'credits.forbidden-write', 'credits.placement-mismatch', 'credits.enrollment-credited', 'credits.row-scope', 'credits.hidden-row', 'entities.CreditRecord', 'entities.CreditPolicy']));
    // The demo province's fixtures name a credited enrollment, so the rule is checked, not passed over.
    expect(results.find((r) => r.id === 'credits.enrollment-credited')!.detail).toMatch(/refused, nothing stored/);
  });

  it('is served through the checked-in supergraph, which a fresh composition reproduces', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'compose-')), 'supergraph.graphql');
    const composed = composeWith(['--credits-sdl', join(__dirname, '..', 'subgraphs/legacy-credits/credits.graphql'), '--out', out]);
    expect(composed.ok).toBe(true);
    expect(readFileSync(join(__dirname, '..', 'subgraphs/legacy-credits/supergraph.graphql'), 'utf8')).toBe(readFileSync(out, 'utf8'));
  });
});

describe('the conformance kit on a broken credits implementation', () => {
  let broken: Awaited<ReturnType<typeof startBrokenCredits>>;
  let results: RuleResult[];

  beforeAll(async () => {
    const fixtures = fixturesFromProvince(generateDemoProvince({ teachers: 60 }));
    broken = await startBrokenCredits(fixtures);
    results = await check('credits', broken.url, fixtures);
  });

  afterAll(async () => {
    await broken?.stop();
  });

  const result = (id: string) => results.find((r) => r.id === id)!;

  it('fails sdl.compatible, naming the removed field', () => {
    expect(result('sdl.composes').ok).toBe(true);
    expect(result('sdl.compatible')).toMatchObject({ ok: false, detail: expect.stringContaining('CreditAccount.pending') });
  });

  it('fails entities.CreditRecord on the dropped null and the order', () => {
    expect(result('entities.CreditRecord')).toMatchObject({ ok: false, detail: expect.stringMatching(/null for unknown keys|out of order/) });
  });

  it('fails identity.gateway-only: it answers anyone', () => {
    expect(result('identity.gateway-only')).toMatchObject({ ok: false, detail: expect.stringContaining('no x-gateway-identity header') });
  });

  it('fails credits.hidden-row: a row outside the caller’s scope is not absent there', () => {
    expect(result('credits.hidden-row')).toMatchObject({ ok: false, detail: expect.stringContaining('from outside its scope: expected extensions.code FORBIDDEN') });
  });

  it('fails credits.placement-mismatch: it files a credit wherever the caller says', () => {
    expect(result('credits.placement-mismatch')).toMatchObject({ ok: false, detail: expect.stringContaining('expected PLACEMENT_MISMATCH, but the operation succeeded') });
  });

  it('fails credits.enrollment-credited: it credits one enrollment to any teacher', () => {
    expect(result('credits.enrollment-credited')).toMatchObject({ ok: false, detail: expect.stringContaining('expected CONFLICT, but the operation succeeded') });
  });

  it('prints a FAIL line per failed rule and the count', () => {
    const text = formatResults('credits', broken.url, results);
    expect(text).toMatch(/FAIL {2}sdl\.compatible/);
    expect(text).toMatch(/FAIL {2}entities\.CreditRecord/);
    expect(text).toMatch(/rules failed for credits/);
  });
});
