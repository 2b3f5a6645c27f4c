import { todayInChina } from '../../kit/date';
import type { CreditLoaders } from './loaders';
import { cycleOf } from './loaders';
import { computeCreditAccount } from './rules/account';
import { judgedOn } from './rules/cycle';
import { NATIONAL_PROVINCE_CODE, selectPolicy } from './rules/policy';
import { storedPolicy } from './policies-store';
import type { TeacherRep } from './models';

/**
 * A teacher's account for the cycle containing `year`, as the API shows it. The
 * policy is that of the region of the teacher's latest credit record (the registry
 * owns the teacher's school; records carry the school's county when registered), in
 * force on the day judged; a teacher without records is judged by the national
 * fallback. Two statements per batch of teachers: the policies and the records.
 */
export async function creditAccountView(loaders: CreditLoaders, teacher: TeacherRep, year: number | null | undefined) {
  const today = todayInChina();
  const asOfYear = year ?? Number(today.slice(0, 4));
  const asOf = judgedOn(asOfYear, today);
  const [policies, records] = await Promise.all([loaders.policies(), loaders.recordsByTeacher.load({ teacherId: teacher.id, status: null })]);
  const regionCode = records[0]?.regionCode ?? null;
  const policy = selectPolicy(policies.rules, { provinceCode: regionCode ? regionCode.slice(0, 2) : NATIONAL_PROVINCE_CODE, regionCode, on: asOf });
  const cycle = cycleOf(policy, asOfYear);
  const account = computeCreditAccount({
    policy,
    cycle,
    asOf,
    retirementDate: teacher.retirementDate ? String(teacher.retirementDate).slice(0, 10) : null,
    records: records.map((r) => ({ creditsMilli: r.creditsMilli, category: r.category, status: r.status, earnedOn: r.earnedOn })),
  });
  return {
    cycleStartYear: account.cycleStartYear,
    cycleEndYear: account.cycleEndYear,
    required: account.requiredMilli,
    earned: account.earnedMilli,
    pending: account.pendingMilli,
    pendingByStatus: account.pendingByStatus.map((p) => ({ status: p.status, credits: p.creditsMilli })),
    remaining: account.remainingMilli,
    counted: account.countedMilli,
    byCategory: account.byCategory.map((c) => ({ category: c.category, earned: c.earnedMilli, counted: c.countedMilli, cap: c.capMilli })),
    byYear: account.byYear.map((y) => ({ year: y.year, earned: y.earnedMilli, required: y.requiredMilli, met: y.met })),
    exempt: account.exempt,
    onTrack: account.onTrack,
    complete: account.complete,
    policy: storedPolicy(policies, policy),
    asOf,
  };
}
