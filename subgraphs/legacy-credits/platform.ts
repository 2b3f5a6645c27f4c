/**
 * The platform's own rules and codes (江西平台口径), independent of the reference
 * credits slice: status codes, its one credit policy, cycles, amounts.
 */
import { badInput } from '../../kit/errors';
import { formatMilli, parseMilli } from '../../kit/decimal';
import type { Role } from '../../kit/identity';
import { CreditCategory, CreditRecordStatus, SchoolCategory } from './__generated__/resolvers-types';

/**
 * The contract's CreditRecordStatus → 状态码 (0 待审核, 1 审核通过, 2 退回, 3 已验证, 9 已撤销). The
 * platform has no 上报 status: its bureaus verify approved entries directly, so no entry is ever
 * REPORTED (`reportCreditRecords` answers NO_REPORT_STEP).
 */
export const CODE_BY_STATUS: Record<Exclude<CreditRecordStatus, 'REPORTED'>, string> = { REGISTERED: '0', APPROVED: '1', REJECTED: '2', VERIFIED: '3', REVOKED: '9' };
/** 状态码 → the contract's CreditRecordStatus. */
export const STATUS_BY_CODE: Record<string, CreditRecordStatus> = Object.fromEntries(
  Object.entries(CODE_BY_STATUS).map(([status, code]): [string, CreditRecordStatus] => [code, status as CreditRecordStatus]),
);
/** The 状态码 of a contract status; null for REPORTED, which the platform never stores. */
export function codeOf(status: CreditRecordStatus): string | null {
  return status === 'REPORTED' ? null : CODE_BY_STATUS[status];
}
/** 计入学分的状态: approved and verified. */
export const EARNED_CODES = ['1', '3'];

/** The contract's categories, in its order. */
export const CATEGORIES: readonly CreditCategory[] = Object.values(CreditCategory);
export const SCHOOL_CATEGORIES: readonly SchoolCategory[] = Object.values(SchoolCategory);

const BUREAUS: Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'];

/**
 * 学分政策: the platform applies one rule set everywhere it runs: five-year cycles counted
 * from 2021, 360 credits per cycle, one credit per 学时 in every category, no caps and no
 * yearly minimum. (What the national 2011 opinion sets; the platform never configured more.)
 */
export const PLATFORM_POLICY = {
  id: 'jx-platform-360',
  provinceCode: '36',
  name: '教师继续教育学分（五年一周期 360 学分）',
  effectiveFrom: '2021-01-01',
  cycleYears: 5,
  cycleStartYear: 2021,
  requiredPerCycleMilli: 360_000,
  requiredPerYearMilli: null as number | null,
  source: '教育部《关于大力加强中小学教师培训工作的意见》(教师〔2011〕1号): 五年不少于 360 学时; 平台按 1 学时 = 1 学分登记。',
  regionPrefix: null as string | null,
  registerRoles: ['SCHOOL_ADMIN', 'INSTITUTION', ...BUREAUS, 'SYSTEM'] as Role[],
  /** INSTITUTION: only the county teacher school of the entry's county (rules/duties.ts). */
  reviewRoles: ['SCHOOL_ADMIN', 'INSTITUTION', ...BUREAUS, 'SYSTEM'] as Role[],
  verifyRoles: ['INSTITUTION', ...BUREAUS, 'SYSTEM'] as Role[],
  /** No 上报 step: approved entries go straight to the bureaus' verification. */
  reportRoles: [] as Role[],
  revokeRoles: [...BUREAUS, 'SYSTEM'] as Role[],
};
export type PlatformPolicy = typeof PLATFORM_POLICY;

/** The cycle containing `year`: 2021–2025, 2026–2030, … (and backwards). */
export function cycleContaining(year: number): { start: number; end: number } {
  const { cycleStartYear, cycleYears } = PLATFORM_POLICY;
  const start = cycleStartYear + Math.floor((year - cycleStartYear) / cycleYears) * cycleYears;
  return { start, end: start + cycleYears - 1 };
}

/** A DECIMAL column as thousandths: mysql2 gives '6.500', SQLite 6.5. */
export function milliOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Math.round(Number(value) * 1000);
}

/** Thousandths as the DECIMAL(12,3) text the ledger stores. */
export function decimalText(milli: number): string {
  return (milli / 1000).toFixed(3);
}

/** Non-negative amount from the API (already thousandths from the Decimal scalar). */
export function nonNegative(milli: number | null | undefined, field: string): number {
  const value = milli ?? 0;
  if (value < 0) throw badInput(`${field} must not be negative; it was ${formatMilli(value)}.`, { field, rule: 'HOURS_NEGATIVE' });
  return value;
}

export { parseMilli };
