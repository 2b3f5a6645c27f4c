import { addYears, isValidIsoDate, type IsoDate } from '../../../kit/date';
import { formatMilli } from '../../../kit/decimal';
import { badInput } from '../../../kit/errors';
import { remainingCredits, type Cycle } from './cycle';
import { pendingStatuses } from './duties';
import { CREDIT_CATEGORIES, dutiesOf, type CreditCategory, type CreditPolicyRules, type TeacherGroup } from './policy';
import type { CreditRecordStatus } from './workflow';

/** Years before retirement within which a teacher is exempt (Ningde notice, IT capability programme). */
export const RETIREMENT_EXEMPTION_YEARS = 5;

/** What the account needs of a credit record: credits already converted and shared (see conversion). */
export interface AccountRecord {
  creditsMilli: number;
  category: CreditCategory;
  status: CreditRecordStatus;
  earnedOn: IsoDate;
}

export interface CreditAccountInput {
  /** The policy the cycle is judged by (the one in force at the end of the cycle or on `asOf`). */
  policy: CreditPolicyRules;
  cycle: Cycle;
  records: readonly AccountRecord[];
  /** The day the account is judged on (end of that day). */
  asOf: IsoDate;
  /** Null when unknown: the teacher is then not exempt. */
  retirementDate: IsoDate | null;
  /** Groups with a higher cycle requirement, e.g. backbone teachers (骨干教师). */
  teacherGroups?: readonly TeacherGroup[];
}

export interface CategoryTotal {
  category: CreditCategory;
  earnedMilli: number;
  /** Earned credits that count toward the cycle, after the category's cap. */
  countedMilli: number;
  capMilli: number | null;
}

export interface YearTotal {
  year: number;
  earnedMilli: number;
  /** The policy's yearly minimum, or null when it has none. */
  requiredMilli: number | null;
  /** True when there is no minimum or the year's earned credits reach it. */
  met: boolean;
}

export interface CreditAccount {
  cycleStartYear: number;
  cycleEndYear: number;
  requiredMilli: number;
  /** Credits earned in the cycle (the policy's earned statuses: APPROVED and VERIFIED, or VERIFIED only), before caps. */
  earnedMilli: number;
  /** Earned credits that count toward the requirement, after category caps. */
  countedMilli: number;
  /** Credits in the cycle on their way to counting: REGISTERED, and APPROVED where only VERIFIED counts. */
  pendingMilli: number;
  /** `pendingMilli` per status waiting, in workflow order: what waits at each step. */
  pendingByStatus: { status: CreditRecordStatus; creditsMilli: number }[];
  /** Credits still missing: required − counted, never negative. */
  remainingMilli: number;
  byCategory: CategoryTotal[];
  /** Every calendar year of the cycle, in order. */
  byYear: YearTotal[];
  /** Retirement falls within 5 years of `asOf` (boundary included), or has passed. */
  exempt: boolean;
  /** Counted credits keep pace with the elapsed share of the cycle, and every finished year met its minimum. */
  onTrack: boolean;
  /** The cycle requirement is met and every year of the cycle met its minimum. */
  complete: boolean;
}

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01; exact because UTC dates are whole multiples of a day. */
function dayNumber(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function assertDate(date: string, field: string): void {
  if (!isValidIsoDate(date)) {
    throw badInput(`${field} "${date}" is not a calendar date written as YYYY-MM-DD.`, { field, rule: 'DATE_FORMAT' });
  }
}

function validateRecord(record: AccountRecord): void {
  assertDate(record.earnedOn, 'earnedOn');
  if (!CREDIT_CATEGORIES.includes(record.category)) {
    throw badInput(`Unknown credit category "${record.category}".`, { field: 'category', rule: 'CATEGORY_UNKNOWN' });
  }
  if (!Number.isSafeInteger(record.creditsMilli)) {
    throw badInput(`credits must be a whole number of thousandths, got ${record.creditsMilli}.`, { field: 'credits', rule: 'DECIMAL_FORMAT' });
  }
  if (record.creditsMilli < 0) {
    throw badInput(`credits cannot be negative, got ${formatMilli(record.creditsMilli)}.`, { field: 'credits', rule: 'CREDITS_NEGATIVE' });
  }
}

/** The cycle requirement for this teacher: the highest of the general one and those of the teacher's groups. */
export function requiredForTeacher(policy: CreditPolicyRules, groups: readonly TeacherGroup[]): number {
  return Math.max(policy.requiredPerCycleMilli, ...groups.map((group) => policy.requiredPerCycleByGroupMilli[group] ?? 0));
}

/**
 * Within five years of retirement on `asOf`: retirementDate <= asOf + 5 years, so a
 * teacher retiring exactly five years later is exempt.
 */
export function isExemptNearRetirement(retirementDate: IsoDate | null, asOf: IsoDate): boolean {
  return retirementDate !== null && retirementDate <= addYears(asOf, RETIREMENT_EXEMPTION_YEARS);
}

/** Whole days of the cycle, and how many of them have passed on `asOf` (`asOf` included, 0 before the cycle, all after it). */
export function cycleProgress(cycle: Cycle, asOf: IsoDate): { cycleDays: number; elapsedDays: number } {
  const cycleDays = dayNumber(cycle.to) - dayNumber(cycle.from) + 1;
  const elapsedDays = Math.min(cycleDays, Math.max(0, dayNumber(asOf) - dayNumber(cycle.from) + 1));
  return { cycleDays, elapsedDays };
}

/**
 * Whether `countedMilli` keeps pace with the cycle on `asOf`: counted ≥ required ×
 * elapsed days ÷ cycle days, compared as counted × cycle days ≥ required × elapsed
 * days so no division (and no rounding) happens. Days are whole calendar days, `asOf`
 * included; before the cycle nothing is due, after it everything is.
 */
export function keepsPace(countedMilli: number, requiredMilli: number, cycle: Cycle, asOf: IsoDate): boolean {
  const { cycleDays, elapsedDays } = cycleProgress(cycle, asOf);
  return countedMilli * cycleDays >= requiredMilli * elapsedDays;
}

/** Years of the cycle that have ended on `asOf`: their yearly minimum is due. */
export function finishedYears(cycle: Cycle, asOf: IsoDate): number[] {
  const years: number[] = [];
  for (let year = cycle.startYear; year <= cycle.endYear && `${year}-12-31` <= asOf; year += 1) years.push(year);
  return years;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * A teacher's credit account for one cycle. Only records earned inside the cycle
 * count; category caps limit what counts toward the cycle total, while yearly
 * minimums are judged on each year's earned credits (no source applies caps per year).
 * All sums are integer thousandths, so 0.1 + 0.2 is exactly 0.3.
 */
export function computeCreditAccount(input: CreditAccountInput): CreditAccount {
  const { policy, cycle, asOf, retirementDate } = input;
  assertDate(asOf, 'asOf');
  if (retirementDate !== null) assertDate(retirementDate, 'retirementDate');
  input.records.forEach(validateRecord);

  const inCycle = input.records.filter((r) => r.earnedOn >= cycle.from && r.earnedOn <= cycle.to);
  // Which statuses count, and so which still wait, is the policy's (only VERIFIED where the province verifies).
  const duties = dutiesOf(policy);
  const waiting = pendingStatuses(duties);
  const earned = inCycle.filter((r) => duties.earnedStatuses.includes(r.status));
  const pending = inCycle.filter((r) => waiting.includes(r.status));

  const byCategory: CategoryTotal[] = CREDIT_CATEGORIES.map((category) => {
    const earnedMilli = sum(earned.filter((r) => r.category === category).map((r) => r.creditsMilli));
    const capMilli = policy.categoryCapsMilli[category] ?? null;
    return { category, earnedMilli, countedMilli: capMilli === null ? earnedMilli : Math.min(earnedMilli, capMilli), capMilli };
  });

  const byYear: YearTotal[] = [];
  for (let year = cycle.startYear; year <= cycle.endYear; year += 1) {
    const earnedMilli = sum(earned.filter((r) => Number(r.earnedOn.slice(0, 4)) === year).map((r) => r.creditsMilli));
    const requiredMilli = policy.requiredPerYearMilli;
    // A year without a minimum is met once it is over; never ahead of time (issue 17: 2027–2030 said met with 0 credits).
    const met = requiredMilli === null ? `${year}-12-31` <= asOf : earnedMilli >= requiredMilli;
    byYear.push({ year, earnedMilli, requiredMilli, met });
  }

  const requiredMilli = requiredForTeacher(policy, input.teacherGroups ?? []);
  const countedMilli = sum(byCategory.map((c) => c.countedMilli));
  const finishedYearsMet = byYear.every((y) => y.met || `${y.year}-12-31` > asOf);

  return {
    cycleStartYear: cycle.startYear,
    cycleEndYear: cycle.endYear,
    requiredMilli,
    earnedMilli: sum(byCategory.map((c) => c.earnedMilli)),
    countedMilli,
    pendingMilli: sum(pending.map((r) => r.creditsMilli)),
    pendingByStatus: waiting.map((status) => ({ status, creditsMilli: sum(pending.filter((r) => r.status === status).map((r) => r.creditsMilli)) })),
    remainingMilli: remainingCredits(requiredMilli, countedMilli),
    byCategory,
    byYear,
    exempt: isExemptNearRetirement(retirementDate, asOf),
    onTrack: finishedYearsMet && keepsPace(countedMilli, requiredMilli, cycle, asOf),
    complete: countedMilli >= requiredMilli && byYear.every((y) => y.requiredMilli === null || y.earnedMilli >= y.requiredMilli),
  };
}
