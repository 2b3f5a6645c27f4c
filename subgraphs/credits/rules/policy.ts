import { isValidIsoDate, type IsoDate } from '../../../kit/date';
import { badInput, DomainError } from '../../../kit/errors';
import { isRegionCode } from '../../../standards/region-code';
import { CreditCategory, SpecialTraining } from '../__generated__/resolvers-types';
import { DEFAULT_DUTIES, type CreditDuties } from './duties';

export type { CreditCategory, SpecialTraining };

/**
 * Credit categories, as provinces classify training, in the contract's order (enum
 * `CreditCategory`): CONCENTRATED 集中培训, ONLINE 网络研修, SCHOOL_BASED 校本研修,
 * IT_PRACTICE 信息技术应用能力实践应用, IT_ONLINE 信息技术应用能力 online study,
 * OTHER (degree study, awards, mentoring…).
 */
export const CREDIT_CATEGORIES: readonly CreditCategory[] = Object.values(CreditCategory);

/** Who acts on a credit record; the gateway vouches for the role. */
export type ActorRole = 'TEACHER' | 'SCHOOL_ADMIN' | 'COUNTY_BUREAU' | 'CITY_BUREAU' | 'PROVINCE_BUREAU' | 'INSTITUTION' | 'SYSTEM';

/**
 * Training that a policy counts only in part toward the cycle (enum `SpecialTraining`):
 * PRINCIPAL_TRAINING 校长培训 (Jiangxi: 50 %; Zhejiang new principals: 50 %),
 * PROBATION_TRAINING 新教师试用期培训 (Zhejiang: not counted toward the cycle, i.e. 0 %).
 */
export const SPECIAL_TRAININGS: readonly SpecialTraining[] = Object.values(SpecialTraining);

/** Groups of teachers with a higher cycle requirement: BACKBONE 骨干教师 (Changsha: ≥ 400). */
export type TeacherGroup = 'BACKBONE';

/**
 * How many 学时 make how many credits, as two positive integers so that every
 * ratio stays exact: "10 学时 = 1 credit" is `{ hours: 10, credits: 1 }`,
 * "12.5 学时 = 1 credit" would be `{ hours: 25, credits: 2 }`.
 */
export interface HoursPerCredit {
  hours: number;
  credits: number;
}

/** Where a value of a policy comes from, and whether anyone here verified it. */
export interface PolicySource {
  /** The policy field the source backs, e.g. `requiredPerYearMilli` or `conversions.ONLINE`. */
  field: string;
  source: string;
  /** False for unverified values and for this product's own assumptions. */
  confirmed: boolean;
}

/** Which roles may take each step of the credit workflow (登记 → 审核 → 验证). */
export interface WorkflowRoles {
  register: readonly ActorRole[];
  review: readonly ActorRole[];
  verify: readonly ActorRole[];
}

/**
 * A province's (or city's, or county's) credit rules as data. Values in thousandths
 * (see kit/decimal). Unconfirmed values stay in data, flagged in `sources`.
 */
export interface CreditPolicyRules {
  id: string;
  /** Two-digit GB/T 2260 province code; `00` is the national fallback. */
  provinceCode: string;
  /** A city (4 digits, e.g. Changsha `4301`) or county (6 digits) the policy is limited to. */
  regionPrefix?: string;
  name: string;
  /** First day the policy applies; a newer policy for the same region replaces it from its own start. */
  effectiveFrom: IsoDate;
  cycleYears: number;
  /** A year a cycle starts in, e.g. 2021 for the national 十四五 cycle 2021–2025. */
  cycleStartYear: number;
  requiredPerCycleMilli: number;
  /** Higher cycle requirements for some teachers; a teacher in several groups owes the highest. */
  requiredPerCycleByGroupMilli: Partial<Record<TeacherGroup, number>>;
  /** Minimum credits in every calendar year of the cycle, or null when the policy sets none. */
  requiredPerYearMilli: number | null;
  /** 学时 per credit for each category; null where no usable ratio is known. */
  conversions: Record<CreditCategory, HoursPerCredit | null>;
  /** Percentage (integer 0–100) of credits counted toward the cycle for special training. */
  specialShares: Partial<Record<SpecialTraining, number>>;
  /** Most credits of a category counted toward the cycle total. */
  categoryCapsMilli: Partial<Record<CreditCategory, number>>;
  roles: WorkflowRoles;
  /** Separation of duties and what counts as earned (rules/duties.ts); absent: {@link DEFAULT_DUTIES}. */
  duties?: CreditDuties;
  sources: readonly PolicySource[];
}

/** A policy's duties, with the defaults where it names none. */
export function dutiesOf(policy: CreditPolicyRules): CreditDuties {
  return policy.duties ?? DEFAULT_DUTIES;
}

export const NO_POLICY = 'NO_POLICY';
export const POLICY_AMBIGUOUS = 'POLICY_AMBIGUOUS';
export const NATIONAL_PROVINCE_CODE = '00';

export interface PolicyQuery {
  /** Two-digit province code of the teacher's school. */
  provinceCode: string;
  /** Six-digit GB/T 2260 code of the school's county (or city); null when unknown. */
  regionCode?: string | null;
  /** The day the rules are needed for: the day a credit was earned, or the day an account is judged. */
  on: IsoDate;
}

/** National 0, province 2, city 4, county 6: the length of the area-code prefix matched. */
function specificity(policy: CreditPolicyRules): number {
  if (policy.regionPrefix) return policy.regionPrefix.length;
  return policy.provinceCode === NATIONAL_PROVINCE_CODE ? 0 : 2;
}

function appliesTo(policy: CreditPolicyRules, provinceCode: string, regionCode: string | null): boolean {
  if (policy.provinceCode === NATIONAL_PROVINCE_CODE) return true;
  if (policy.provinceCode !== provinceCode) return false;
  if (!policy.regionPrefix) return true;
  return regionCode !== null && regionCode.startsWith(policy.regionPrefix);
}

function validateQuery({ provinceCode, regionCode, on }: PolicyQuery): void {
  if (!/^\d{2}$/.test(provinceCode)) {
    throw badInput(`Province code "${provinceCode}" must be two digits (GB/T 2260), e.g. 33.`, { field: 'provinceCode', rule: 'PROVINCE_CODE_FORMAT' });
  }
  if (regionCode != null) {
    if (!isRegionCode(regionCode)) {
      throw badInput(`Region code "${regionCode}" must be six digits (GB/T 2260), e.g. 430102.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
    }
    if (!regionCode.startsWith(provinceCode)) {
      throw badInput(`Region ${regionCode} is not in province ${provinceCode}.`, { field: 'regionCode', rule: 'REGION_NOT_IN_PROVINCE' });
    }
  }
  if (!isValidIsoDate(on)) {
    throw badInput(`"${on}" is not a calendar date written as YYYY-MM-DD.`, { field: 'on', rule: 'DATE_FORMAT' });
  }
}

/**
 * The policy that judges a teacher's credits on a given day: among the policies
 * already in force (`effectiveFrom <= on`), the most specific region match
 * (county > city > province > national), and within that region the newest, since
 * a newer policy replaces the older from its start. A credit is judged by the
 * policy in force on the day it was earned.
 *
 * Throws `NO_POLICY` when nothing applies, and `POLICY_AMBIGUOUS` when two policies
 * for the same region start on the same day (a data error no rule can settle).
 */
export function selectPolicy(policies: readonly CreditPolicyRules[], query: PolicyQuery): CreditPolicyRules {
  validateQuery(query);
  const regionCode = query.regionCode ?? null;
  const candidates = policies.filter((p) => p.effectiveFrom <= query.on && appliesTo(p, query.provinceCode, regionCode));
  if (candidates.length === 0) {
    const where = regionCode ?? `province ${query.provinceCode}`;
    throw new DomainError(NO_POLICY, `No credit policy is in force for ${where} on ${query.on}, not even the national fallback.`, {
      provinceCode: query.provinceCode,
      regionCode,
      on: query.on,
    });
  }
  const best = candidates.reduce((a, b) => {
    const bySpecificity = specificity(b) - specificity(a);
    if (bySpecificity !== 0) return bySpecificity > 0 ? b : a;
    return b.effectiveFrom > a.effectiveFrom ? b : a;
  });
  const ties = candidates.filter((p) => specificity(p) === specificity(best) && p.effectiveFrom === best.effectiveFrom);
  if (ties.length > 1) {
    const ids = ties.map((p) => p.id);
    throw new DomainError(
      POLICY_AMBIGUOUS,
      `Credit policies ${ids.join(', ')} cover the same region and all start on ${best.effectiveFrom}; give one of them a different start date.`,
      { policyIds: ids },
    );
  }
  return best;
}
