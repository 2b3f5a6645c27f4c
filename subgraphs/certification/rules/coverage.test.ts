import { GraphQLError } from 'graphql';
import {
  PUBLISHED_TARGETS,
  apportion,
  coverageRow,
  coverageTotal,
  formatBasisPoints,
  rateBasisPoints,
  splitAcrossCounties,
  splitPlan,
  targetProgress,
} from './coverage';

function rule(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions.rule;
  }
  throw new Error('expected an error');
}

describe('coverage table rows (Sichuan 2017)', () => {
  it('reproduces the province figures: 737,686 teachers, 488,957 trained, 66.28 %', () => {
    const row = coverageRow({ kindergarten: 96_885, primaryAndSecondary: 601_224, vocational: 39_577, trained: 488_957 });
    expect(row).toEqual({
      kindergarten: 96_885,
      primaryAndSecondary: 601_224,
      vocational: 39_577,
      total: 737_686,
      trained: 488_957,
      untrained: 248_729,
      rateBasisPoints: 6628,
      ratePercent: '66.28',
    });
  });

  it('sums city rows and recomputes the rate instead of averaging', () => {
    const a = coverageRow({ kindergarten: 1, primaryAndSecondary: 0, vocational: 0, trained: 1 });
    const b = coverageRow({ kindergarten: 0, primaryAndSecondary: 3, vocational: 0, trained: 0 });
    expect(coverageTotal([a, b])).toMatchObject({ total: 4, trained: 1, untrained: 3, rateBasisPoints: 2500, ratePercent: '25.00' });
  });

  it('rounds rates half up to a basis point', () => {
    expect(rateBasisPoints(1, 3)).toBe(3333);
    expect(rateBasisPoints(2, 3)).toBe(6667);
    expect(rateBasisPoints(1, 20_000)).toBe(1);
    expect(rateBasisPoints(1, 20_001)).toBe(0);
    expect(formatBasisPoints(500)).toBe('5.00');
    expect(formatBasisPoints(10_000)).toBe('100.00');
  });

  it('has no rate for a city without teachers', () => {
    expect(coverageRow({ kindergarten: 0, primaryAndSecondary: 0, vocational: 0, trained: 0 })).toMatchObject({ rateBasisPoints: null, ratePercent: null });
  });

  it('rejects more trained than teachers, and negative or fractional counts', () => {
    expect(rule(() => coverageRow({ kindergarten: 1, primaryAndSecondary: 0, vocational: 0, trained: 2 }))).toBe('TRAINED_NOT_ABOVE_TOTAL');
    expect(rule(() => coverageRow({ kindergarten: -1, primaryAndSecondary: 0, vocational: 0, trained: 0 }))).toBe('COUNT_NON_NEGATIVE');
    expect(rule(() => coverageRow({ kindergarten: 1.5, primaryAndSecondary: 0, vocational: 0, trained: 0 }))).toBe('COUNT_NON_NEGATIVE');
  });
});

describe('target progress', () => {
  const ningde = PUBLISHED_TARGETS.find((t) => t.regionCode === '350900')!;
  const changsha = PUBLISHED_TARGETS.find((t) => t.regionCode === '430100')!;

  it('meets Ningde 30 % exactly at 30 % and not a teacher below', () => {
    expect(targetProgress({ target: ningde.target, trained: 300, total: 1000 })).toEqual({
      met: true,
      requiredTeachers: 300,
      trained: 300,
      shortfallTeachers: 0,
      rateBasisPoints: 3000,
    });
    expect(targetProgress({ target: ningde.target, trained: 299, total: 1000 })).toMatchObject({ met: false, shortfallTeachers: 1 });
  });

  it('rounds the teachers a rate asks for up, even when the displayed rate rounds to the target', () => {
    const progress = targetProgress({ target: ningde.target, trained: 300, total: 1001 });
    expect(progress).toMatchObject({ met: false, requiredTeachers: 301, shortfallTeachers: 1, rateBasisPoints: 2997 });
    expect(targetProgress({ target: ningde.target, trained: 29_999, total: 100_000 })).toMatchObject({ met: false, rateBasisPoints: 3000 });
  });

  it('measures the Ningde 40 % aim the same way', () => {
    expect(targetProgress({ target: ningde.aim!, trained: 350, total: 1000 })).toMatchObject({ met: false, requiredTeachers: 400, shortfallTeachers: 50 });
  });

  it('counts towards Changsha 40,000 IT-skilled teachers', () => {
    expect(targetProgress({ target: changsha.target, trained: 39_999, total: 80_000 })).toMatchObject({ met: false, requiredTeachers: 40_000, shortfallTeachers: 1 });
    expect(targetProgress({ target: changsha.target, trained: 40_000, total: 80_000 })).toMatchObject({ met: true, shortfallTeachers: 0, rateBasisPoints: 5000 });
  });

  it('rejects a rate above 100 %', () => {
    expect(rule(() => targetProgress({ target: { kind: 'RATE', basisPoints: 10_001 }, trained: 0, total: 1 }))).toBe('RATE_RANGE');
  });
});

describe('plan splits', () => {
  it('splits demand 20 % provincial / 80 % city and county', () => {
    expect(splitPlan(248_729)).toEqual({ provincial: 49_746, cityAndCounty: 198_983 });
    expect(splitPlan(100)).toEqual({ provincial: 20, cityAndCounty: 80 });
    expect(splitPlan(0)).toEqual({ provincial: 0, cityAndCounty: 0 });
  });

  it('rounds the provincial share to the nearest teacher and keeps the sum exact', () => {
    expect(splitPlan(7)).toEqual({ provincial: 1, cityAndCounty: 6 }); // 1.4
    expect(splitPlan(8)).toEqual({ provincial: 2, cityAndCounty: 6 }); // 1.6
    for (let demand = 0; demand <= 1000; demand += 1) {
      const { provincial, cityAndCounty } = splitPlan(demand);
      expect(provincial + cityAndCounty).toBe(demand);
      expect(Math.abs(provincial * 5 - demand)).toBeLessThanOrEqual(2);
    }
  });

  it('splits across counties by largest remainder, adding up exactly', () => {
    const counties = [
      { code: '510104', weight: 1 },
      { code: '510105', weight: 1 },
      { code: '510106', weight: 1 },
    ];
    expect(splitAcrossCounties(10, counties)).toEqual([
      { code: '510104', demand: 4 },
      { code: '510105', demand: 3 },
      { code: '510106', demand: 3 },
    ]);
    expect(splitAcrossCounties(100, [
      { code: 'a', weight: 5 },
      { code: 'b', weight: 3 },
      { code: 'c', weight: 2 },
    ]).map((c) => c.demand)).toEqual([50, 30, 20]);
  });

  it('gives leftovers to the largest remainders, not the first listed', () => {
    // Exact shares 1.2, 3.6, 5.2 → floors 1, 3, 5 and one teacher left for the 0.6 remainder.
    expect(apportion(10, [12, 36, 52])).toEqual([1, 4, 5]);
  });

  it('always adds up, whatever the weights', () => {
    const weights = [248_729, 12_345, 1, 0, 77_777, 3];
    for (const demand of [0, 1, 2, 97, 198_983, 1_000_003]) {
      expect(apportion(demand, weights).reduce((a, b) => a + b, 0)).toBe(demand);
    }
  });

  it('gives nothing to a county of weight zero', () => {
    expect(splitAcrossCounties(5, [{ code: 'a', weight: 0 }, { code: 'b', weight: 2 }]).map((c) => c.demand)).toEqual([0, 5]);
  });

  it('rejects duplicate counties and all-zero weights', () => {
    expect(rule(() => splitAcrossCounties(5, [{ code: 'a', weight: 1 }, { code: 'a', weight: 1 }]))).toBe('DUPLICATE_COUNTY');
    expect(rule(() => splitAcrossCounties(5, [{ code: 'a', weight: 0 }]))).toBe('WEIGHTS_POSITIVE');
    expect(rule(() => splitAcrossCounties(5, []))).toBe('WEIGHTS_POSITIVE');
    expect(rule(() => splitPlan(-1))).toBe('COUNT_NON_NEGATIVE');
  });
});
