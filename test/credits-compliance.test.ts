import { CreditPolicy, CreditRecord } from '../subgraphs/credits/entities';
import { computeCreditAccount } from '../subgraphs/credits/rules/account';
import { cycleContaining } from '../subgraphs/credits/rules/cycle';
import { SHIPPED_POLICIES } from '../subgraphs/credits/rules/policies';
import { selectPolicy, type CreditCategory, type CreditPolicyRules } from '../subgraphs/credits/rules/policy';
import { inTransaction } from '../kit/data-source';
import { refreshSummaries } from '../subgraphs/credits/summaries';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

/**
 * `Region.creditCompliance` is one SQL statement per batch of regions; these tests hold
 * it to what `CreditAccount` says of each teacher, under a policy with a category cap,
 * a yearly minimum and a city override, and check that asking for every child region
 * costs no more statements than asking for one.
 */
const TERMS = 'cycleStartYear cycleEndYear asOf meeting onTrack unclassified teachers byCategory { category teachers meeting onTrack }';
const TABLE = `query($code: ID!, $year: Int) { region(code: $code) { code creditCompliance(year: $year) { ${TERMS} }
  children { code creditCompliance(year: $year) { ${TERMS} } } } }`;

/** A stricter Sichuan policy than the national fallback, so caps and minimums decide outcomes. */
const SICHUAN_TEST: CreditPolicyRules = {
  ...SHIPPED_POLICIES.find((p) => p.id === 'national-360-per-5-years')!,
  id: 'test-sichuan-capped',
  provinceCode: '51',
  name: 'Test: 80 per cycle, 3 a year, online capped at 40',
  effectiveFrom: '2011-01-01',
  requiredPerCycleMilli: 80_000,
  requiredPerYearMilli: 3_000,
  categoryCapsMilli: { ONLINE: 40_000 },
};

/** Chengdu (5101) asks for more: teachers there are judged by it even in the province table. */
const CHENGDU_TEST: CreditPolicyRules = { ...SICHUAN_TEST, id: 'test-chengdu', regionPrefix: '5101', name: 'Test: Chengdu 120 per cycle', requiredPerCycleMilli: 120_000, categoryCapsMilli: {} };

function stored(rules: CreditPolicyRules): Partial<CreditPolicy> {
  return {
    id: rules.id,
    provinceCode: rules.provinceCode,
    regionPrefix: rules.regionPrefix ?? null,
    name: rules.name,
    effectiveFrom: rules.effectiveFrom,
    cycleYears: rules.cycleYears,
    cycleStartYear: rules.cycleStartYear,
    requiredPerCycleMilli: rules.requiredPerCycleMilli,
    requiredPerYearMilli: rules.requiredPerYearMilli,
    source: 'Test data',
    requiredPerCycleByGroupMilli: {},
    conversions: rules.conversions,
    specialShares: {},
    categoryCapsMilli: rules.categoryCapsMilli as Record<string, number>,
    roles: { register: [...rules.roles.register], review: [...rules.roles.review], verify: [...rules.roles.verify] },
    sources: [],
  };
}

interface Expected {
  meeting: number;
  onTrack: number;
  byCategory: Map<string, { meeting: number; onTrack: number }>;
}

describe.each(BACKENDS)('credit compliance in SQL (%s)', (backend) => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 400 });
    await graph.stores.credits.dataSource.getRepository(CreditPolicy).save([stored(SICHUAN_TEST), stored(CHENGDU_TEST)]);
  });

  afterAll(async () => {
    await graph?.stop();
  });

  /** What each teacher's credit account says, counted per county by hand. */
  function expectedByCounty(year: number, policies: CreditPolicyRules[]): Map<string, Expected> {
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    const asOf = `${year}-12-31`;
    const byCounty = new Map<string, Expected>();
    for (const teacher of graph.province.teachers) {
      const school = schools.get(teacher.schoolId)!;
      const policy = selectPolicy(policies, { provinceCode: '51', regionCode: school.regionCode, on: asOf });
      const cycle = cycleContaining(year, policy.cycleYears, policy.cycleStartYear);
      const records = graph.province.creditRecords
        .filter((r) => r.teacherId === teacher.id)
        .map((r) => ({ creditsMilli: r.creditsMilli, category: r.category as CreditCategory, status: r.status, earnedOn: r.earnedOn }));
      const earnedInCycle = records.some((r) => (r.status === 'APPROVED' || r.status === 'VERIFIED') && r.earnedOn >= cycle.from && r.earnedOn <= cycle.to);
      if (!earnedInCycle) continue;
      const account = computeCreditAccount({ policy, cycle, records, asOf, retirementDate: null });
      const county = byCounty.get(school.regionCode) ?? { meeting: 0, onTrack: 0, byCategory: new Map() };
      const category = county.byCategory.get(school.category) ?? { meeting: 0, onTrack: 0 };
      for (const target of [county, category]) {
        target.meeting += account.complete ? 1 : 0;
        target.onTrack += account.onTrack ? 1 : 0;
      }
      county.byCategory.set(school.category, category);
      byCounty.set(school.regionCode, county);
    }
    return byCounty;
  }

  function under(byCounty: Map<string, Expected>, code: string) {
    const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
    const total = { meeting: 0, onTrack: 0, byCategory: new Map<string, { meeting: number; onTrack: number }>() };
    for (const [county, counts] of byCounty) {
      if (!county.startsWith(prefix)) continue;
      total.meeting += counts.meeting;
      total.onTrack += counts.onTrack;
      for (const [category, c] of counts.byCategory) {
        const sum = total.byCategory.get(category) ?? { meeting: 0, onTrack: 0 };
        total.byCategory.set(category, { meeting: sum.meeting + c.meeting, onTrack: sum.onTrack + c.onTrack });
      }
    }
    return total;
  }

  function expectMatches(actual: any, expected: ReturnType<typeof under>) {
    expect({ meeting: actual.meeting, onTrack: actual.onTrack }).toEqual({ meeting: expected.meeting, onTrack: expected.onTrack });
    for (const row of actual.byCategory) {
      expect({ category: row.category, meeting: row.meeting, onTrack: row.onTrack }).toEqual({ category: row.category, ...(expected.byCategory.get(row.category) ?? { meeting: 0, onTrack: 0 }) });
    }
    expect(actual.unclassified).toBe(0);
  }

  it.each([2023, 2025])('counts for the province and each city exactly what every teacher’s account says (year %i)', async (year) => {
    const policies = [...SHIPPED_POLICIES, SICHUAN_TEST, CHENGDU_TEST];
    const expected = expectedByCounty(year, policies);
    const result = await graph.query(TABLE, { code: '510000', year });
    expect(result.errors).toBeUndefined();
    const { region } = result.data!;
    expect(region.creditCompliance).toMatchObject({ cycleStartYear: 2021, cycleEndYear: 2025, asOf: `${year}-12-31` });
    expectMatches(region.creditCompliance, under(expected, '510000'));
    const populated = region.children.filter((c: any) => c.creditCompliance.teachers > 0);
    expect(populated.length).toBeGreaterThan(1);
    for (const child of region.children) expectMatches(child.creditCompliance, under(expected, child.code));
    expect(region.creditCompliance.meeting).toBe(region.children.reduce((n: number, c: any) => n + c.creditCompliance.meeting, 0));

    // The test policies must decide outcomes, or the comparison would not show they are applied.
    const lenient = under(expectedByCounty(year, SHIPPED_POLICIES.concat({ ...SICHUAN_TEST, requiredPerYearMilli: null, categoryCapsMilli: {} })), '510000');
    expect(lenient.meeting + lenient.onTrack).not.toBe(region.creditCompliance.meeting + region.creditCompliance.onTrack);
    expect(region.creditCompliance.meeting).toBeGreaterThan(0);
    expect(region.creditCompliance.onTrack).toBeGreaterThan(0);
  });

  it('costs the credits subgraph the same statements for a city’s counties as for the province’s cities', async () => {
    const counter = graph.stores.credits.counter;
    const statements = async (query: string) => {
      const before = counter.total;
      const result = await graph.query(query);
      expect(result.errors).toBeUndefined();
      return counter.total - before;
    };
    const table = (code: string) => `{ region(code: "${code}") { creditCompliance(year: 2024) { meeting } children { creditCompliance(year: 2024) { meeting } } } }`;
    const city = await statements(table('510100'));
    const province = await statements(table('510000'));
    expect(city).toBeGreaterThan(0);
    expect(province).toBe(city);
  });

  it('judges a teacher who moved as CreditAccount does: once, under the county of their latest record, on all their credits, whether a county is asked for alone or with the province', async () => {
    const year = 2025;
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    const outsideChengdu = (code: string) => !code.startsWith('5101');
    const cycle = cycleContaining(year, SICHUAN_TEST.cycleYears, SICHUAN_TEST.cycleStartYear);
    const complete = graph.province.teachers.find((teacher) => {
      const school = schools.get(teacher.schoolId)!;
      if (!outsideChengdu(school.regionCode)) return false;
      const records = graph.province.creditRecords
        .filter((r) => r.teacherId === teacher.id)
        .map((r) => ({ creditsMilli: r.creditsMilli, category: r.category as CreditCategory, status: r.status, earnedOn: r.earnedOn }));
      return computeCreditAccount({ policy: SICHUAN_TEST, cycle, records, asOf: `${year}-12-31`, retirementDate: null }).complete;
    })!;
    expect(complete).toBeDefined();
    const from = schools.get(complete.schoolId)!;
    const to = graph.province.schools.find((s) => outsideChengdu(s.regionCode) && s.regionCode.slice(0, 4) !== from.regionCode.slice(0, 4))!;
    const fields = `creditCompliance(year: ${year}) { meeting }`;
    const meeting = async (query: string) => {
      const result = await graph.query(query);
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(Object.entries(result.data as Record<string, { creditCompliance: { meeting: number } }>).map(([k, v]) => [k, v.creditCompliance.meeting]));
    };
    const together = () => meeting(`{ from: region(code: "${from.regionCode}") { ${fields} } to: region(code: "${to.regionCode}") { ${fields} } province: region(code: "510000") { ${fields} } }`);
    const alone = async () => ({ ...(await meeting(`{ from: region(code: "${from.regionCode}") { ${fields} } }`)), ...(await meeting(`{ to: region(code: "${to.regionCode}") { ${fields} } }`)) });
    const before = await together();
    const records = graph.stores.credits.dataSource.getRepository(CreditRecord);
    // 20 a year filed in the new county: 100 in the cycle and every yearly minimum, so they meet there on those alone.
    const moved: Partial<CreditRecord>[] = [2021, 2022, 2023, 2024, 2025].map((y, i) => ({
      id: `c0ffee00-0000-4000-8000-00000000000${i}`,
      teacherId: complete.id,
      schoolId: to.id,
      regionCode: to.regionCode,
      source: 'SCHOOL_BASED',
      category: 'SCHOOL_BASED',
      onlineHoursMilli: 0,
      offlineHoursMilli: 20_000,
      creditsMilli: 20_000,
      earnedOn: `${y}-12-30`,
      status: 'APPROVED',
      schoolCategory: from.category,
    }) satisfies Partial<CreditRecord>);
    // And a pending one after every record they have, so the new county is that of their latest record.
    const latest = graph.province.creditRecords.filter((r) => r.teacherId === complete.id).reduce((day, r) => (r.earnedOn > day ? r.earnedOn : day), '2025-12-31');
    const dayAfter = new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    moved.push({ ...moved[0], id: 'c0ffee00-0000-4000-8000-000000000009', earnedOn: dayAfter, status: 'REGISTERED' });
    // Written as a bulk load would write them, then summarised as every credit command does in its transaction.
    const summarise = () => inTransaction(graph.stores.credits.dataSource, (manager) => refreshSummaries(manager, [complete.id]), { readCommitted: true });
    await records.insert(moved);
    await summarise();
    try {
      // They now count once, in the new county (their latest records), no longer in the old one.
      const after = await together();
      expect(after).toEqual({ from: before.from - 1, to: before.to + 1, province: before.province });
      expect(await alone()).toEqual({ from: after.from, to: after.to });
    } finally {
      await records.delete(moved.map((r) => r.id!));
      await summarise();
    }
    expect(await together()).toEqual(before);
  });

  it('refuses an implausible year with a named rule', async () => {
    const result = await graph.query('{ region(code: "510000") { creditCompliance(year: 99999) { meeting } } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'YEAR_RANGE' });
  });
});
