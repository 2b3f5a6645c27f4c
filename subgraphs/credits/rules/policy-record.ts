import type { ActorRole, CreditCategory, CreditPolicyRules, HoursPerCredit, PolicySource, SpecialTraining, TeacherGroup } from './policy';
import { CREDIT_CATEGORIES } from './policy';
import type { CreditDuties } from './duties';

/** A `credit_policy` row as stored: the scalar columns plus the JSON columns. */
export interface StoredPolicy {
  id: string;
  provinceCode: string;
  regionPrefix: string | null;
  name: string;
  effectiveFrom: string;
  cycleYears: number;
  cycleStartYear: number;
  requiredPerCycleMilli: number;
  requiredPerYearMilli: number | null;
  requiredPerCycleByGroupMilli: Record<string, number> | null;
  conversions: Partial<Record<CreditCategory, HoursPerCredit | null>> | null;
  specialShares: Partial<Record<SpecialTraining, number>> | null;
  categoryCapsMilli: Partial<Record<CreditCategory, number>> | null;
  roles: { register: string[]; review: string[]; verify: string[] } | null;
  duties?: CreditDuties | null;
  sources: PolicySource[] | null;
}

/**
 * The rules of a stored policy. Missing JSON (a row written before policies were
 * data) means the safest reading: no conversions, no shares, no caps, no roles.
 * A category the row does not mention has no ratio.
 */
export function policyRulesOf(row: StoredPolicy): CreditPolicyRules {
  const conversions = Object.fromEntries(CREDIT_CATEGORIES.map((c) => [c, row.conversions?.[c] ?? null])) as Record<CreditCategory, HoursPerCredit | null>;
  const roles = row.roles ?? { register: [], review: [], verify: [] };
  return {
    id: row.id,
    provinceCode: row.provinceCode,
    ...(row.regionPrefix ? { regionPrefix: row.regionPrefix } : {}),
    name: row.name,
    effectiveFrom: String(row.effectiveFrom).slice(0, 10),
    cycleYears: Number(row.cycleYears),
    cycleStartYear: Number(row.cycleStartYear),
    requiredPerCycleMilli: Number(row.requiredPerCycleMilli),
    requiredPerCycleByGroupMilli: (row.requiredPerCycleByGroupMilli ?? {}) as Partial<Record<TeacherGroup, number>>,
    requiredPerYearMilli: row.requiredPerYearMilli == null ? null : Number(row.requiredPerYearMilli),
    conversions,
    specialShares: row.specialShares ?? {},
    categoryCapsMilli: row.categoryCapsMilli ?? {},
    roles: {
      register: roles.register as ActorRole[],
      review: roles.review as ActorRole[],
      verify: roles.verify as ActorRole[],
    },
    ...(row.duties ? { duties: row.duties } : {}),
    sources: row.sources ?? [],
  };
}
