import { computeCreditAccount } from './account';
import { cycleContaining } from './cycle';
import { SHIPPED_POLICIES } from './policies';
import { CREDIT_CATEGORIES } from './policy';
import { cycleShapes, homeRecord, summariseTeacher, type SummarySourceRecord } from './summary';

const record = (overrides: Partial<SummarySourceRecord>): SummarySourceRecord => ({
  id: 'r1',
  regionCode: '510104',
  schoolCategory: 'PRIMARY_AND_SECONDARY',
  category: 'ONLINE',
  status: 'APPROVED',
  earnedOn: '2023-05-01',
  creditsMilli: 10_000,
  ...overrides,
});

const FIVE_FROM_2021 = { cycleYears: 5, cycleStartYear: 2021 };

describe('credit summary (学分汇总)', () => {
  it('keeps one shape for cycles that are the same cycles', () => {
    const shapes = cycleShapes([
      { cycleYears: 5, cycleStartYear: 2021 },
      { cycleYears: 5, cycleStartYear: 2016 },
      { cycleYears: 3, cycleStartYear: 2021 },
      { cycleYears: 12, cycleStartYear: 2021 },
    ]);
    expect(shapes).toEqual([
      { cycleYears: 3, cycleStartYear: 2021 % 3 },
      { cycleYears: 5, cycleStartYear: 2021 % 5 },
    ]);
    expect(cycleShapes(SHIPPED_POLICIES)).toEqual([{ cycleYears: 5, cycleStartYear: 1 }]);
  });

  it('takes the home county from the latest record, the smallest id on a tie, as CreditAccount does', () => {
    const records = [
      record({ id: 'b', earnedOn: '2024-03-01', regionCode: '510104' }),
      record({ id: 'c', earnedOn: '2024-03-01', regionCode: '510105' }),
      record({ id: 'a', earnedOn: '2023-03-01', regionCode: '510106' }),
    ];
    expect(homeRecord(records)?.id).toBe('b');
  });

  it('sums earned credits per category and year, pending apart, under the home county for every cycle', () => {
    const records = [
      record({ id: '1', earnedOn: '2021-02-01', category: 'ONLINE', creditsMilli: 5_000, regionCode: '510104' }),
      record({ id: '2', earnedOn: '2023-02-01', category: 'CONCENTRATED', creditsMilli: 7_000, status: 'VERIFIED', regionCode: '510104' }),
      record({ id: '3', earnedOn: '2024-02-01', category: 'ONLINE', creditsMilli: 3_000, status: 'REGISTERED', regionCode: '510105' }),
      record({ id: '4', earnedOn: '2025-02-01', category: 'OTHER', creditsMilli: 9_000, status: 'REJECTED', regionCode: '510107' }),
      record({ id: '5', earnedOn: '2019-06-01', category: 'OTHER', creditsMilli: 2_000, regionCode: '510104' }),
    ];
    const rows = summariseTeacher(records, [{ cycleYears: 5, cycleStartYear: 1 }]);
    // A rejected record counts for nothing but still moves the teacher: it is their latest record.
    expect(rows.map((r) => [r.cycleStartYear, r.regionCode])).toEqual([
      [2021, '510107'],
      [2016, '510107'],
    ]);
    const current = rows[0];
    expect(current.earnedMilli).toMatchObject({ ONLINE: 5_000, CONCENTRATED: 7_000, OTHER: 0 });
    expect(current.earnedByYearMilli).toEqual([5_000, 0, 7_000, 0, 0]);
    expect(current.pendingMilli).toBe(3_000);
    expect(current.earnedRecords).toBe(2);
    expect(rows[1]).toMatchObject({ earnedByYearMilli: [0, 0, 0, 2_000, 0], earnedRecords: 1 });
  });

  it('holds what CreditAccount needs: its earned, pending and yearly figures come out the same', () => {
    const policy = SHIPPED_POLICIES.find((p) => p.id === 'national-360-per-5-years')!;
    const records = Array.from({ length: 40 }, (_, i) =>
      record({
        id: `r${i}`,
        earnedOn: `${2019 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`,
        category: CREDIT_CATEGORIES[i % CREDIT_CATEGORIES.length],
        status: (['APPROVED', 'VERIFIED', 'REGISTERED', 'REJECTED', 'REVOKED'] as const)[i % 5],
        creditsMilli: 1_000 * (i + 1),
      }),
    );
    const [row] = summariseTeacher(records, cycleShapes([policy])).filter((r) => r.cycleStartYear === 2021);
    const account = computeCreditAccount({ policy, cycle: cycleContaining(2024, 5, policy.cycleStartYear), records, asOf: '2024-12-31', retirementDate: null });
    expect(CREDIT_CATEGORIES.map((c) => row.earnedMilli[c])).toEqual(account.byCategory.map((c) => c.earnedMilli));
    expect(row.earnedByYearMilli).toEqual(account.byYear.map((y) => y.earnedMilli));
    expect(row.pendingMilli).toBe(account.pendingMilli);
  });

  it('has no rows for a teacher whose records are all rejected or revoked', () => {
    expect(summariseTeacher([record({ status: 'REJECTED' }), record({ id: 'r2', status: 'REVOKED' })], [FIVE_FROM_2021])).toEqual([]);
    expect(summariseTeacher([], [FIVE_FROM_2021])).toEqual([]);
  });
});
