import type { CreditRecordStatus } from '../__generated__/resolvers-types';

/** A training cycle (培训周期) in whole calendar years, e.g. 2021–2025. */
export interface Cycle {
  startYear: number;
  endYear: number;
  /** First and last day, for date-range queries. */
  from: string;
  to: string;
}

/** The cycle containing `year`, for cycles of `cycleYears` counted from `cycleStartYear`. */
export function cycleContaining(year: number, cycleYears: number, cycleStartYear: number): Cycle {
  if (!Number.isInteger(year) || !Number.isInteger(cycleYears) || cycleYears < 1) {
    throw new RangeError(`Invalid cycle arguments: year ${year}, cycle of ${cycleYears} years`);
  }
  const startYear = cycleStartYear + Math.floor((year - cycleStartYear) / cycleYears) * cycleYears;
  const endYear = startYear + cycleYears - 1;
  return { startYear, endYear, from: `${startYear}-01-01`, to: `${endYear}-12-31` };
}

/** Credits still missing; never negative. Values in thousandths. */
export function remainingCredits(requiredMilli: number, earnedMilli: number): number {
  return Math.max(0, requiredMilli - earnedMilli);
}

/**
 * Record states that count as earned in aggregates without a policy at hand (credits awarded per
 * project, IT hours, compliance): approved, reported up (上报, an approved record on its way to
 * verification) and verified; a teacher's account uses its policy's (rules/duties.ts).
 */
export const EARNED_STATUSES: readonly CreditRecordStatus[] = ['APPROVED', 'REPORTED', 'VERIFIED'];
/** Record states still waiting for review, in the same aggregates. */
export const PENDING_STATUSES: readonly CreditRecordStatus[] = ['REGISTERED'];

/**
 * The day an account or a compliance table for `year` is judged on: the end of that
 * year once it is over, else today (nothing later has happened yet).
 */
export function judgedOn(year: number, today: string): string {
  return `${year}-12-31` < today ? `${year}-12-31` : today;
}
