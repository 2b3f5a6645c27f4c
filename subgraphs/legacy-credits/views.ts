/** What the platform computes for the graph: accounts, IT hours, compliance, the audit trail. */
import type { DataSource } from 'typeorm';
import { scopeCondition } from '../../kit/access';
import { isRegionCode, regionPrefix } from '../../standards/region-code';
import { addYears, todayInChina } from '../../kit/date';
import { badInput } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { pageSize } from '../../kit/pagination';
import type { QueryCreditAuditEntriesArgs, SchoolCategory, TeacherCounts } from './__generated__/resolvers-types';
import { JxCreditLedger } from './entities';
import { entryOf, isEarned, type CreditEntry } from './ledger';
import { CATEGORIES, EARNED_CODES, PLATFORM_POLICY, SCHOOL_CATEGORIES, STATUS_BY_CODE, cycleContaining, milliOf } from './platform';
import type { RegionRep } from './models';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** 学分账户 for the cycle containing `year` (default this year), judged at its end or today. */
export function accountOf(entries: CreditEntry[], retirementDate: string | null | undefined, year: number | null | undefined) {
  const today = todayInChina();
  const judgedYear = year ?? Number(today.slice(0, 4));
  const asOf = `${judgedYear}-12-31` < today ? `${judgedYear}-12-31` : today;
  const { start, end } = cycleContaining(judgedYear);
  const inCycle = entries.filter((e) => e.earnedOn >= `${start}-01-01` && e.earnedOn <= `${end}-12-31`);
  const earnedEntries = inCycle.filter(isEarned);
  const earned = sum(earnedEntries.map((e) => e.creditsMilli));
  const pending = sum(inCycle.filter((e) => e.status === 'REGISTERED').map((e) => e.creditsMilli));
  const required = PLATFORM_POLICY.requiredPerCycleMilli;
  // No caps on this platform: every earned credit counts.
  const counted = earned;
  const years = Array.from({ length: end - start + 1 }, (_, i) => start + i);
  const elapsed = Math.max(0, Math.min(years.length, Number(asOf.slice(0, 4)) - start + 1));
  return {
    cycleStartYear: start,
    cycleEndYear: end,
    required,
    earned,
    pending,
    // The platform counts APPROVED: only REGISTERED credits wait, for review.
    pendingByStatus: [{ status: 'REGISTERED' as const, credits: pending }],
    remaining: Math.max(0, required - counted),
    counted,
    byCategory: CATEGORIES.map((category) => {
      const total = sum(earnedEntries.filter((e) => e.category === category).map((e) => e.creditsMilli));
      return { category, earned: total, counted: total, cap: null };
    }),
    byYear: years.map((y) => ({ year: y, earned: sum(earnedEntries.filter((e) => e.earnedOn.startsWith(String(y))).map((e) => e.creditsMilli)), required: null, met: `${y}-12-31` <= asOf })),
    exempt: !!retirementDate && String(retirementDate).slice(0, 10) <= addYears(asOf, 5),
    onTrack: counted * years.length >= required * elapsed,
    complete: counted >= required,
    policy: PLATFORM_POLICY,
    asOf,
  };
}

/** IT_ONLINE / IT_PRACTICE hours of earned entries per year, ascending. */
export function itHoursOf(entries: CreditEntry[]) {
  const byYear = new Map<number, { year: number; onlineHours: number; practiceHours: number }>();
  for (const e of entries) {
    if (!isEarned(e) || (e.category !== 'IT_ONLINE' && e.category !== 'IT_PRACTICE')) continue;
    const year = Number(e.earnedOn.slice(0, 4));
    const total = byYear.get(year) ?? { year, onlineHours: 0, practiceHours: 0 };
    total.onlineHours += e.onlineHoursMilli;
    total.practiceHours += e.offlineHoursMilli;
    byYear.set(year, total);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

const COUNT_FIELD = {
  KINDERGARTEN: 'kindergarten',
  PRIMARY_AND_SECONDARY: 'primaryAndSecondary',
  VOCATIONAL: 'vocational',
  SPECIAL_EDUCATION: 'specialEducation',
} as const satisfies Record<SchoolCategory, keyof TeacherCounts>;

/** 达标统计: teachers of the region (and below) with the cycle's requirement met, by school category. */
export async function complianceOf(dataSource: DataSource, region: RegionRep, year: number | null | undefined) {
  if (!isRegionCode(region.code)) throw badInput(`Region code "${region.code}" must be six digits.`, { field: 'code', rule: 'REGION_CODE_FORMAT' });
  const today = todayInChina();
  const judgedYear = year ?? Number(today.slice(0, 4));
  const { start, end } = cycleContaining(judgedYear);
  // A teacher counts once, in the county of their latest ledger entry (the contract's rule, as
  // CreditAccount judges a teacher who moved), on all their earned credits of the cycle.
  const rows: { sfzh: string; xxlb: string | null; total: unknown }[] = await dataSource
    .getRepository(JxCreditLedger)
    .createQueryBuilder('l')
    .select(['l.sfzh AS sfzh', 'MAX(l.xxlb) AS xxlb', 'SUM(l.xf) AS total'])
    .where('l.zt IN (:...earned)', { earned: EARNED_CODES })
    .andWhere('l.hdrq BETWEEN :from AND :to', { from: `${start}-01-01`, to: `${end}-12-31` })
    .andWhere(
      `l.sfzh IN (SELECT h.sfzh FROM jx_credit_ledger h WHERE h.qxdm LIKE :prefix AND NOT EXISTS (
         SELECT 1 FROM jx_credit_ledger n WHERE n.sfzh = h.sfzh AND (n.hdrq > h.hdrq OR (n.hdrq = h.hdrq AND n.lsh < h.lsh))))`,
      { prefix: `${regionPrefix(region.code)}%` },
    )
    .groupBy('l.sfzh')
    .getRawMany();
  const required = PLATFORM_POLICY.requiredPerCycleMilli;
  const meeting = rows.filter((r) => milliOf(r.total) >= required);
  // The same pace as accountOf: whole years of the cycle elapsed on the day judged.
  const asOf = `${judgedYear}-12-31` < today ? `${judgedYear}-12-31` : today;
  const cycleYears = end - start + 1;
  const elapsed = Math.max(0, Math.min(cycleYears, Number(asOf.slice(0, 4)) - start + 1));
  const onTrack = rows.filter((r) => milliOf(r.total) * cycleYears >= required * elapsed);
  const counts = region.teacherCounts;
  return {
    cycleStartYear: start,
    cycleEndYear: end,
    asOf,
    byCategory: SCHOOL_CATEGORIES.map((category) => ({
      category,
      teachers: counts ? counts[COUNT_FIELD[category]] : 0,
      meeting: meeting.filter((r) => r.xxlb === category).length,
      onTrack: onTrack.filter((r) => r.xxlb === category).length,
    })),
    unclassified: meeting.filter((r) => !r.xxlb).length,
    meeting: meeting.length,
    onTrack: onTrack.length,
    teachers: counts?.total ?? 0,
  };
}

/** Start of a China Standard Time day, in UTC ISO. */
function cstDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
}

/** An entry's 审核记录 as the contract's audit entries, oldest first. */
export function historyOf(record: CreditEntry) {
  return record.steps.map((step, index) => ({
    id: `${record.id}#${index}`,
    record,
    actorId: step.czr,
    actorRole: step.czjs,
    at: step.sj,
    from: step.q === null ? null : STATUS_BY_CODE[step.q],
    to: STATUS_BY_CODE[step.h],
    reason: step.yy,
  }));
}

/**
 * 问责查询: changes by actor and period, oldest first. The platform keeps the trail as
 * JSON on each entry, so this reads the entries in scope touched since `from` and
 * unfolds their trails; pages are positions in that ordered list.
 */
export async function auditEntries(dataSource: DataSource, identity: Identity, args: QueryCreditAuditEntriesArgs) {
  const size = pageSize(args.first);
  const { filter } = args;
  const from = cstDayStart(filter.from);
  const until = new Date(Date.parse(cstDayStart(filter.to)) + 86_400_000).toISOString();
  const query = dataSource.getRepository(JxCreditLedger).createQueryBuilder('l').where('l.czsj >= :from', { from });
  const scope = scopeCondition(identity, { teacher: 'l.jsbh', school: 'l.xxbh', region: 'l.qxdm', institution: 'l.jgbh' });
  if (scope) query.andWhere(scope.sql, scope.params);
  const all = (await query.getMany())
    .map(entryOf)
    .flatMap(historyOf)
    .filter((e) => e.at >= from && e.at < until)
    .filter((e) => !filter.actorId || e.actorId === filter.actorId)
    .filter((e) => !filter.actorRole || e.actorRole === filter.actorRole)
    .filter((e) => !filter.schoolId || e.record.schoolId === filter.schoolId)
    .filter((e) => !filter.regionCode || e.record.regionCode.startsWith(filter.regionCode.replace(/(00)+$/, '')))
    .filter((e) => !filter.step || e.to === filter.step)
    .sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
  let offset = 0;
  if (args.after) {
    offset = Number(Buffer.from(args.after, 'base64url').toString('utf8').replace(/^jx:/, ''));
    if (!Number.isInteger(offset) || offset < 0) {
      throw badInput('The `after` cursor is not one this API returned; start again without it.', { field: 'after', rule: 'CURSOR_FORMAT' });
    }
  }
  const nodes = all.slice(offset, offset + size);
  return {
    totalCount: all.length,
    pageInfo: { hasNextPage: offset + size < all.length, endCursor: nodes.length ? Buffer.from(`jx:${offset + nodes.length}`).toString('base64url') : null },
    nodes,
  };
}
