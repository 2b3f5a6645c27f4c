import { DomainError } from '../../../kit/errors';
import { cycleContaining } from './cycle';
import { DEFAULT_DUTIES, waitingStatuses } from './duties';
import { CREDIT_CATEGORIES, dutiesOf, NO_POLICY, selectPolicy, type CreditCategory, type CreditPolicyRules } from './policy';
import type { CreditRecordStatus } from './workflow';

/**
 * The credit summary (学分汇总): per teacher and cycle, the credits earned per category and
 * per year of the cycle, and those pending, filed under the teacher's home county, which is
 * the county of their latest record, the one `CreditAccount` takes the policy from. It is
 * what `Region.creditCompliance` reads instead of every record of a province; each credit
 * change recomputes its teacher's rows with `summariseTeacher` in the same transaction.
 */

/** The facts of a record the summary depends on. Records are never deleted; only their status changes. */
export interface SummarySourceRecord {
  id: string;
  regionCode: string;
  schoolCategory: string | null;
  category: CreditCategory;
  status: CreditRecordStatus;
  earnedOn: string;
  creditsMilli: number;
}

/** How a policy cuts time into cycles: `cycleYears` long, counted from `cycleStartYear`. */
export interface CycleShape {
  cycleYears: number;
  cycleStartYear: number;
}

/** Longest cycle the summary keeps a column per year for. Every known policy has 5-year cycles. */
export const MAX_SUMMARY_CYCLE_YEARS = 10;

export interface CreditSummaryRow {
  cycleYears: number;
  /** First year of the cycle (the cycle of `cycleYears` from the shape's start that holds the credits). */
  cycleStartYear: number;
  /** County of the teacher's latest record, and its school category (else the latest one named). */
  regionCode: string;
  schoolCategory: string | null;
  earnedMilli: Record<CreditCategory, number>;
  /** Earned credits per year of the cycle, first year first; `cycleYears` entries. */
  earnedByYearMilli: number[];
  pendingMilli: number;
  /** Records in the cycle in a status that counts: a teacher with none is not counted in compliance. */
  earnedRecords: number;
}

/** The cycle shapes of the stored policies, each once: the summary keeps rows for every one. */
export function cycleShapes(policies: readonly Pick<CreditPolicyRules, 'cycleYears' | 'cycleStartYear'>[]): CycleShape[] {
  const shapes = new Map<string, CycleShape>();
  for (const { cycleYears, cycleStartYear } of policies) {
    if (cycleYears > MAX_SUMMARY_CYCLE_YEARS) continue;
    // Cycles of the same length whose starts differ by whole cycles are the same cycles.
    const start = ((cycleStartYear % cycleYears) + cycleYears) % cycleYears;
    shapes.set(`${cycleYears}|${start}`, { cycleYears, cycleStartYear: start });
  }
  return [...shapes.values()].sort((a, b) => a.cycleYears - b.cycleYears || a.cycleStartYear - b.cycleStartYear);
}

/**
 * The record `CreditAccount` takes the teacher's county from: the latest earned, the
 * smallest id among those of the same day (the order of `recordsByTeacher`: earnedOn DESC, id ASC).
 */
export function homeRecord<R extends Pick<SummarySourceRecord, 'id' | 'earnedOn'>>(records: readonly R[]): R | undefined {
  let home: R | undefined;
  for (const record of records) {
    if (!home || record.earnedOn > home.earnedOn || (record.earnedOn === home.earnedOn && record.id < home.id)) home = record;
  }
  return home;
}

/**
 * The statuses that count as earned for a teacher filed under a county: those of the policy in
 * force there (only VERIFIED where the province verifies), as `CreditAccount` counts them.
 */
export type EarnedStatusesAt = (regionCode: string) => readonly CreditRecordStatus[];

/** The stored policies' answer on `on`; a county no policy covers is never judged, so any answer does. */
export function earnedStatusesUnder(policies: readonly CreditPolicyRules[], on: string): EarnedStatusesAt {
  const cache = new Map<string, readonly CreditRecordStatus[]>();
  return (regionCode) => {
    let statuses = cache.get(regionCode);
    if (!statuses) {
      try {
        statuses = dutiesOf(selectPolicy(policies, { provinceCode: regionCode.slice(0, 2), regionCode, on })).earnedStatuses;
      } catch (error) {
        if (!(error instanceof DomainError && error.extensions.code === NO_POLICY)) throw error;
        statuses = DEFAULT_DUTIES.earnedStatuses;
      }
      cache.set(regionCode, statuses);
    }
    return statuses;
  };
}

/** One teacher's summary rows: one per cycle shape and cycle holding an earned or pending record. */
export function summariseTeacher(
  records: readonly SummarySourceRecord[],
  shapes: readonly CycleShape[],
  earnedAt: EarnedStatusesAt = () => DEFAULT_DUTIES.earnedStatuses,
): CreditSummaryRow[] {
  const home = homeRecord(records);
  if (!home) return [];
  const earnedStatuses = earnedAt(home.regionCode);
  const pending = waitingStatuses(earnedStatuses);
  let schoolCategory = home.schoolCategory;
  if (schoolCategory === null) {
    const named = records.filter((r) => r.schoolCategory !== null);
    schoolCategory = homeRecord(named)?.schoolCategory ?? null;
  }
  const rows = new Map<string, CreditSummaryRow>();
  for (const shape of shapes) {
    for (const record of records) {
      const earned = earnedStatuses.includes(record.status);
      if (!earned && !pending.includes(record.status)) continue;
      const year = Number(record.earnedOn.slice(0, 4));
      const cycle = cycleContaining(year, shape.cycleYears, shape.cycleStartYear);
      const key = `${shape.cycleYears}|${cycle.startYear}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          cycleYears: shape.cycleYears,
          cycleStartYear: cycle.startYear,
          regionCode: home.regionCode,
          schoolCategory,
          earnedMilli: Object.fromEntries(CREDIT_CATEGORIES.map((c) => [c, 0])) as Record<CreditCategory, number>,
          earnedByYearMilli: new Array<number>(shape.cycleYears).fill(0),
          pendingMilli: 0,
          earnedRecords: 0,
        };
        rows.set(key, row);
      }
      if (earned) {
        row.earnedMilli[record.category] += record.creditsMilli;
        row.earnedByYearMilli[year - cycle.startYear] += record.creditsMilli;
        row.earnedRecords += 1;
      } else {
        row.pendingMilli += record.creditsMilli;
      }
    }
  }
  return [...rows.values()];
}
