import type { Identity } from '../kit/identity';
import { dispatchOutcome } from '../subgraphs/training/rules/dispatch';
import { SICHUAN_BUREAU } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/**
 * 选派问责 through the gateway on MariaDB: a bureau reads, per school of its region, the teachers
 * the school dispatched (round 0) in a period and what became of them, and the figures equal a
 * count made here from the demo data the subgraphs were seeded with. Jiangxi's notice has the
 * county bureau hold schools to account for 人员选调 and 敷衍调训 (domain.md, credit registration).
 */
const OUTCOMES = /* GraphQL */ `
  query($filter: DispatchOutcomeFilter!, $first: Int, $after: String) {
    dispatchOutcomes(filter: $filter, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        school { id name }
        regionCode dispatched teachers repeated completed failed withdrawn refused inProgress completionRate assignedBy
      }
    }
  }
`;

function codeOf(result: GraphQLResult): unknown {
  return result.errors?.[0]?.extensions?.code;
}

describe('dispatchOutcomes: 选派问责 per school (MariaDB, through the gateway)', () => {
  let graph: TestGraph;
  let city: string;
  const period = { from: '2020-01-01', to: '2026-12-31' };

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 1500 });
    const regionOf = new Map(graph.province.schools.map((s) => [s.id, s.regionCode]));
    // The city whose schools dispatched the most teachers (round 0) in the demo data.
    const perCity = new Map<string, number>();
    for (const e of graph.province.enrollments) {
      if (e.round !== 0) continue;
      const code = `${regionOf.get(e.schoolId)!.slice(0, 4)}00`;
      perCity.set(code, (perCity.get(code) ?? 0) + 1);
    }
    city = [...perCity.entries()].sort((a, b) => b[1] - a[1])[0][0];
  });

  afterAll(async () => {
    await graph?.stop();
  });

  function expected(regionPrefix: string, from: string, to: string) {
    const regionOf = new Map(graph.province.schools.map((s) => [s.id, s.regionCode]));
    const bySchool = new Map<string, { statuses: Record<string, number>; teachers: Set<string>; dispatched: number }>();
    for (const e of graph.province.enrollments) {
      if (e.round !== 0 || !regionOf.get(e.schoolId)!.startsWith(regionPrefix) || e.selectedOn < from || e.selectedOn > to) continue;
      const school = bySchool.get(e.schoolId) ?? { statuses: {}, teachers: new Set(), dispatched: 0 };
      school.statuses[e.status] = (school.statuses[e.status] ?? 0) + 1;
      school.teachers.add(e.teacherId);
      school.dispatched += 1;
      bySchool.set(e.schoolId, school);
    }
    return [...bySchool.keys()].sort().map((id) => {
      const school = bySchool.get(id)!;
      return { schoolId: id, ...dispatchOutcome({ dispatched: school.dispatched, teachers: school.teachers.size, byStatus: school.statuses }) };
    });
  }

  async function allPages(filter: Record<string, unknown>, identity: Identity, first = 7) {
    const nodes: Record<string, any>[] = [];
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResult = await graph.query(OUTCOMES, { filter, first, after }, identity);
      expect(result.errors).toBeUndefined();
      const page = result.data!.dispatchOutcomes;
      nodes.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
    }
  }

  it("counts each school's dispatches and their outcomes as the seeded enrollments say, page by page", async () => {
    const bureau: Identity = { role: 'CITY_BUREAU', subject: 'test-city', regionCode: city };
    const nodes = await allPages({ regionCode: city, ...period }, bureau);
    const want = expected(city.slice(0, 4), period.from, period.to);
    expect(want.length).toBeGreaterThan(1);
    expect(nodes.map(({ school, regionCode, assignedBy, ...figures }) => ({ schoolId: school.id, ...figures }))).toEqual(want);
    expect(nodes.every((node) => node.regionCode.startsWith(city.slice(0, 4)) && typeof node.school.name === 'string')).toBe(true);
    // A narrower period counts fewer dispatches.
    const firstHalf = await allPages({ regionCode: city, from: '2021-01-01', to: '2021-12-31' }, bureau, 100);
    expect(firstHalf.reduce((sum, n) => sum + n.dispatched, 0)).toBe(expected(city.slice(0, 4), '2021-01-01', '2021-12-31').reduce((sum, n) => sum + n.dispatched, 0));
    // One school alone.
    const one = await allPages({ regionCode: city, ...period, schoolId: want[0].schoolId }, bureau);
    expect(one.map((n) => n.school.id)).toEqual([want[0].schoolId]);
  });

  it('answers the province bureau for a city below it, and refuses other roles and other regions', async () => {
    const filter = { regionCode: city, ...period };
    expect((await allPages(filter, SICHUAN_BUREAU, 100)).length).toBe(expected(city.slice(0, 4), period.from, period.to).length);
    const otherCity = city === '510100' ? '510300' : '510100';
    const refusals: [Identity, Record<string, unknown>][] = [
      [{ role: 'CITY_BUREAU', subject: 'other-city', regionCode: otherCity }, filter],
      [{ role: 'COUNTY_BUREAU', subject: 'a-county-below', regionCode: `${city.slice(0, 4)}04` }, filter],
      [{ role: 'PROVINCE_BUREAU', subject: 'zhejiang', regionCode: '330000' }, filter],
      [{ role: 'ANALYST', subject: 'analyst' }, filter],
      [{ role: 'SCHOOL_ADMIN', subject: 'admin', schoolId: graph.province.schools[0].id, regionCode: graph.province.schools[0].regionCode }, filter],
    ];
    for (const [identity, f] of refusals) {
      const result = await graph.query(OUTCOMES, { filter: f }, identity);
      expect([identity.role, codeOf(result), result.data?.dispatchOutcomes ?? null]).toEqual([identity.role, 'FORBIDDEN', null]);
    }
  });

  it('answers bad filters with BAD_USER_INPUT and the rule broken', async () => {
    const bad = await graph.query(OUTCOMES, { filter: { regionCode: '51', ...period } }, SICHUAN_BUREAU);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'REGION_CODE_FORMAT' });
    const reversed = await graph.query(OUTCOMES, { filter: { regionCode: city, from: '2021-12-31', to: '2021-01-01' } }, SICHUAN_BUREAU);
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PERIOD_ORDER' });
  });
});
