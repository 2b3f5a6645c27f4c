import { formatMilli, parseMilli } from '../../../kit/decimal';
import { computeCreditAccount, isExemptNearRetirement, keepsPace, type AccountRecord, type CreditAccountInput } from './account';
import { cycleContaining } from './cycle';
import { CHANGSHA_2019, NATIONAL_FALLBACK, ZHEJIANG } from './policies';
import type { CreditPolicyRules } from './policy';
import { errorOf } from '../../../kit/testing';

const cycle = cycleContaining(2023, 5, 2021);

function record(credits: string, earnedOn: string, extra: Partial<AccountRecord> = {}): AccountRecord {
  return { creditsMilli: parseMilli(credits), category: 'CONCENTRATED', status: 'APPROVED', earnedOn, ...extra };
}

function account(records: AccountRecord[], extra: Partial<CreditAccountInput> = {}) {
  return computeCreditAccount({ policy: NATIONAL_FALLBACK, cycle, records, asOf: '2025-12-31', retirementDate: null, ...extra });
}


describe('computeCreditAccount totals', () => {
  it('counts approved and verified credits as earned, registered ones as pending, and ignores the rest', () => {
    const result = account([
      record('100', '2021-05-01'),
      record('50', '2022-05-01', { status: 'VERIFIED' }),
      record('30', '2023-05-01', { status: 'REGISTERED' }),
      record('40', '2023-05-01', { status: 'REJECTED' }),
      record('60', '2023-05-01', { status: 'REVOKED' }),
    ]);
    expect(result).toMatchObject({
      cycleStartYear: 2021,
      cycleEndYear: 2025,
      requiredMilli: 360_000,
      earnedMilli: 150_000,
      countedMilli: 150_000,
      pendingMilli: 30_000,
      remainingMilli: 210_000,
      complete: false,
    });
  });

  it('ignores records earned outside the cycle, including its neighbours’ edge days', () => {
    const result = account([
      record('10', '2020-12-31'),
      record('1', '2021-01-01'),
      record('2', '2025-12-31'),
      record('20', '2026-01-01'),
      record('30', '2026-02-01', { status: 'REGISTERED' }),
    ]);
    expect(result.earnedMilli).toBe(3_000);
    expect(result.pendingMilli).toBe(0);
  });

  it('reports remaining as zero once the requirement is passed', () => {
    const result = account([record('200', '2021-03-01'), record('200.5', '2024-03-01')]);
    expect(result).toMatchObject({ earnedMilli: 400_500, remainingMilli: 0, complete: true });
  });

  it('raises the requirement for backbone teachers where the policy says so', () => {
    const records = [record('380', '2021-03-01')];
    const policy = { ...CHANGSHA_2019, requiredPerYearMilli: null };
    expect(account(records, { policy }).complete).toBe(true);
    expect(account(records, { policy, teacherGroups: ['BACKBONE'] })).toMatchObject({ requiredMilli: 400_000, remainingMilli: 20_000, complete: false });
    expect(account(records, { teacherGroups: ['BACKBONE'] }).requiredMilli).toBe(360_000);
  });
});

describe('computeCreditAccount decimal exactness', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    const result = account([record('0.1', '2021-01-01'), record('0.2', '2021-01-02')]);
    expect(result.earnedMilli).toBe(300);
    expect(formatMilli(result.earnedMilli)).toBe('0.3');
    expect(formatMilli(result.remainingMilli)).toBe('359.7');
  });

  it('sums many small records exactly', () => {
    const tenths = Array.from({ length: 3_600 }, (_, i) => record('0.1', `202${1 + (i % 5)}-06-01`));
    expect(account(tenths)).toMatchObject({ earnedMilli: 360_000, remainingMilli: 0, complete: true });
    const thousandths = Array.from({ length: 7_777 }, () => record('0.001', '2022-06-01', { category: 'ONLINE' }));
    expect(formatMilli(account(thousandths).earnedMilli)).toBe('7.777');
  });
});

describe('computeCreditAccount category caps', () => {
  const capped: CreditPolicyRules = { ...NATIONAL_FALLBACK, categoryCapsMilli: { ONLINE: 100_000 } };

  it('caps what counts toward the cycle, not what was earned', () => {
    const result = account(
      [record('150', '2021-03-01', { category: 'ONLINE' }), record('250', '2022-03-01'), record('20', '2022-04-01', { category: 'ONLINE', status: 'REGISTERED' })],
      { policy: capped },
    );
    expect(result.byCategory).toEqual([
      { category: 'CONCENTRATED', earnedMilli: 250_000, countedMilli: 250_000, capMilli: null },
      { category: 'ONLINE', earnedMilli: 150_000, countedMilli: 100_000, capMilli: 100_000 },
      { category: 'SCHOOL_BASED', earnedMilli: 0, countedMilli: 0, capMilli: null },
      { category: 'IT_PRACTICE', earnedMilli: 0, countedMilli: 0, capMilli: null },
      { category: 'IT_ONLINE', earnedMilli: 0, countedMilli: 0, capMilli: null },
      { category: 'OTHER', earnedMilli: 0, countedMilli: 0, capMilli: null },
    ]);
    expect(result).toMatchObject({ earnedMilli: 400_000, countedMilli: 350_000, pendingMilli: 20_000, remainingMilli: 10_000, complete: false });
  });

  it('leaves credits under the cap untouched', () => {
    const result = account([record('99.999', '2021-03-01', { category: 'ONLINE' })], { policy: capped });
    expect(result.countedMilli).toBe(99_999);
  });
});

describe('computeCreditAccount yearly minimums', () => {
  const zhejiangYears = (credits2023: string) =>
    [2021, 2022, 2023, 2024, 2025].map((year) => record(year === 2023 ? credits2023 : '90', `${year}-09-01`));

  it('fails a Zhejiang year with 23.9 credits even when the cycle total is met', () => {
    const result = account(zhejiangYears('23.9'), { policy: ZHEJIANG });
    expect(result.byYear.find((y) => y.year === 2023)).toEqual({ year: 2023, earnedMilli: 23_900, requiredMilli: 24_000, met: false });
    expect(result.countedMilli).toBeGreaterThanOrEqual(360_000);
    expect(result.complete).toBe(false);
  });

  it('passes a Zhejiang year with exactly 24 credits', () => {
    const result = account(zhejiangYears('24'), { policy: ZHEJIANG });
    expect(result.byYear.every((y) => y.met)).toBe(true);
    expect(result.complete).toBe(true);
  });

  it('lists every year of the cycle, with no minimum where the policy has none', () => {
    const result = account([record('5', '2022-02-02')]);
    expect(result.byYear.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(result.byYear[1]).toEqual({ year: 2022, earnedMilli: 5_000, requiredMilli: null, met: true });
  });

  it('never says a year still to come is met, yet a cycle done early is complete', () => {
    const early = [record('200', '2021-03-03'), record('200', '2022-03-03')];
    const result = account(early, { asOf: '2022-06-30' });
    expect(result.byYear.map((y) => [y.year, y.met])).toEqual([[2021, true], [2022, false], [2023, false], [2024, false], [2025, false]]);
    expect(result.complete).toBe(true);
  });
});

describe('retirement exemption', () => {
  it('exempts a teacher retiring exactly five years after the day judged', () => {
    expect(isExemptNearRetirement('2027-06-30', '2022-06-30')).toBe(true);
    expect(isExemptNearRetirement('2027-07-01', '2022-06-30')).toBe(false);
    expect(isExemptNearRetirement('2020-01-01', '2022-06-30')).toBe(true);
  });

  it('moves 29 February to 28 February when adding five years', () => {
    expect(isExemptNearRetirement('2029-02-28', '2024-02-29')).toBe(true);
    expect(isExemptNearRetirement('2029-03-01', '2024-02-29')).toBe(false);
  });

  it('never exempts a teacher whose retirement date is unknown', () => {
    expect(isExemptNearRetirement(null, '2022-06-30')).toBe(false);
  });

  it('is reported on the account without changing the requirement', () => {
    const result = account([], { asOf: '2022-06-30', retirementDate: '2027-06-30' });
    expect(result).toMatchObject({ exempt: true, requiredMilli: 360_000, complete: false });
    expect(account([], { asOf: '2022-06-30', retirementDate: '2027-07-01' }).exempt).toBe(false);
  });
});

describe('on track', () => {
  // 2021–2025 has 1826 days; by 2023-12-31, 1095 have passed: 360 × 1095 / 1826 = 215.8817… credits are due.
  it('compares exactly against the elapsed share of the cycle in whole days', () => {
    expect(keepsPace(215_882, 360_000, cycle, '2023-12-31')).toBe(true);
    expect(keepsPace(215_881, 360_000, cycle, '2023-12-31')).toBe(false);
  });

  it('counts the day judged as elapsed', () => {
    // On the first day 1/1826 of 360 credits (0.197…) is due.
    expect(keepsPace(197, 360_000, cycle, '2021-01-01')).toBe(false);
    expect(keepsPace(198, 360_000, cycle, '2021-01-01')).toBe(true);
  });

  it('owes nothing before the cycle and everything after it', () => {
    expect(keepsPace(0, 360_000, cycle, '2020-12-31')).toBe(true);
    expect(keepsPace(359_999, 360_000, cycle, '2026-03-01')).toBe(false);
    expect(keepsPace(360_000, 360_000, cycle, '2026-03-01')).toBe(true);
  });

  it('is judged on counted credits, after caps', () => {
    const policy: CreditPolicyRules = { ...NATIONAL_FALLBACK, categoryCapsMilli: { ONLINE: 100_000 } };
    const records = [record('300', '2021-03-01', { category: 'ONLINE' })];
    expect(account(records, { asOf: '2023-12-31' }).onTrack).toBe(true);
    expect(account(records, { policy, asOf: '2023-12-31' }).onTrack).toBe(false);
  });

  it('requires every finished year to have met its minimum, but not the current one', () => {
    const records = [record('200', '2021-03-01'), record('20', '2022-03-01')];
    expect(account(records, { policy: ZHEJIANG, asOf: '2022-12-30' }).onTrack).toBe(true);
    expect(account(records, { policy: ZHEJIANG, asOf: '2022-12-31' }).onTrack).toBe(false);
  });
});

describe('computeCreditAccount input', () => {
  it.each([
    [{ records: [record('-1', '2022-01-01')] }, 'CREDITS_NEGATIVE'],
    [{ records: [{ ...record('1', '2022-01-01'), creditsMilli: 0.5 }] }, 'DECIMAL_FORMAT'],
    [{ records: [record('1', '2022-13-01')] }, 'DATE_FORMAT'],
    [{ records: [record('1', '2022-01-01', { category: 'LECTURE' as never })] }, 'CATEGORY_UNKNOWN'],
    [{ asOf: '2022/01/01' }, 'DATE_FORMAT'],
    [{ retirementDate: '2030-02-30' }, 'DATE_FORMAT'],
  ])('rejects %j with rule %s', (override, rule) => {
    expect(errorOf(() => account([], override)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
  });
});
