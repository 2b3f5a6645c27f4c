import { errorOf } from '../../../kit/testing';
import { planCompliance, rollUp } from './compliance';
import { NATIONAL_FALLBACK, SHIPPED_POLICIES } from './policies';

describe('compliance plan', () => {
  it('judges Changsha teachers by Changsha terms inside a Hunan table, everyone else by the province fallback', () => {
    const [batch] = planCompliance(SHIPPED_POLICIES, [{ regionCode: '430000', year: 2024 }], '2026-11-24');
    expect(batch).toMatchObject({ provinceCode: '43', scanPrefix: '43', asOf: '2024-12-31', cycle: { startYear: 2021, endYear: 2025 } });
    expect(batch.terms.map((t) => [t.prefix, t.policyId, t.requiredPerYearMilli])).toEqual([
      ['4301', 'changsha-2019', 30_000],
      ['43', NATIONAL_FALLBACK.id, null],
    ]);
  });

  it('puts a region and its children in one batch that reads their common prefix', () => {
    const requests = ['510000', '510100', '510104', '511300'].map((regionCode) => ({ regionCode, year: 2024 }));
    const batches = planCompliance(SHIPPED_POLICIES, requests, '2026-11-24');
    expect(batches).toHaveLength(1);
    expect(batches[0].scanPrefix).toBe('51');
    expect(batches[0].requests).toHaveLength(4);
    const counties = planCompliance(SHIPPED_POLICIES, [{ regionCode: '510104', year: 2024 }, { regionCode: '510105', year: 2024 }], '2026-11-24');
    expect(counties[0].scanPrefix).toBe('51010');
  });

  it('splits batches by province, cycle and day judged', () => {
    const batches = planCompliance(
      SHIPPED_POLICIES,
      [
        { regionCode: '510000', year: 2024 },
        { regionCode: '330000', year: 2024 },
        { regionCode: '510000', year: 2023 },
        { regionCode: '510100', year: 2023 },
      ],
      '2026-11-24',
    );
    expect(batches.map((b) => [b.provinceCode, b.asOf, b.requests.length])).toEqual([
      ['51', '2024-12-31', 1],
      ['33', '2024-12-31', 1],
      ['51', '2023-12-31', 2],
    ]);
  });

  it('judges the current year on today, with the finished years and the elapsed days of the cycle', () => {
    const [batch] = planCompliance(SHIPPED_POLICIES, [{ regionCode: '330000', year: 2026 }], '2026-03-01');
    expect(batch.asOf).toBe('2026-03-01');
    expect(batch.cycle).toMatchObject({ startYear: 2026, endYear: 2030 });
    expect(batch.finishedYears).toEqual([]);
    expect(batch.elapsedDays).toBe(60);
    expect(batch.cycleDays).toBe(1826);
    const [past] = planCompliance(SHIPPED_POLICIES, [{ regionCode: '330000', year: 2023 }], '2026-03-01');
    expect(past.finishedYears).toEqual([2021, 2022, 2023]);
  });

  it('refuses malformed region codes and implausible years with the field named', () => {
    expect(errorOf(() => planCompliance(SHIPPED_POLICIES, [{ regionCode: '51', year: 2024 }], '2026-11-24')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'REGION_CODE_FORMAT',
    });
    expect(errorOf(() => planCompliance(SHIPPED_POLICIES, [{ regionCode: '510000', year: 20_240 }], '2026-11-24')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'YEAR_RANGE',
    });
  });
});

describe('roll-up of county counts', () => {
  const rows = [
    { regionCode: '510104', schoolCategory: 'PRIMARY_AND_SECONDARY', meeting: 3, onTrack: 5 },
    { regionCode: '510104', schoolCategory: null, meeting: 1, onTrack: 1 },
    { regionCode: '510105', schoolCategory: 'KINDERGARTEN', meeting: 2, onTrack: 2 },
    { regionCode: '511302', schoolCategory: 'PRIMARY_AND_SECONDARY', meeting: 7, onTrack: 9 },
  ];

  it('adds up the counties below a region, by school category', () => {
    const city = rollUp(rows, '510100');
    expect(city.meeting).toBe(6);
    expect(city.onTrack).toBe(8);
    expect(city.byCategory.get('PRIMARY_AND_SECONDARY')).toEqual({ meeting: 3, onTrack: 5 });
    expect(city.byCategory.get(null)).toEqual({ meeting: 1, onTrack: 1 });
    expect(rollUp(rows, '510000').meeting).toBe(13);
    expect(rollUp(rows, '510105').byCategory.get('PRIMARY_AND_SECONDARY')).toBeUndefined();
  });
});
