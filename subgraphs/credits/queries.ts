import type { DataSource } from 'typeorm';
import { scopeCondition, type ScopeColumns } from '../shared/access';
import { badInput } from '../shared/errors';
import type { Identity } from '../shared/identity';
import { paginate, type PageArgs } from '../shared/pagination';
import { CreditAuditEntry } from './entities';
import { cycleOf } from './loaders';
import { regionRequirements, prefixOf } from './rules/compliance';
import { EARNED_STATUSES } from './rules/cycle';
import type { CreditPolicyRules } from './rules/policy';

export interface AuditFilter {
  actorId?: string | null;
  actorRole?: string | null;
  from: string;
  to: string;
}

const AUDIT_SCOPE: ScopeColumns = { teacher: 'entry.teacher_id', school: 'entry.school_id', region: 'entry.region_code' };

/** Start of a China Standard Time day as a UTC ISO timestamp (audit `at` is UTC). */
function chinaDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** 问责: changes by actor and period, oldest first, within the caller's row scope. */
export function listAuditEntries(dataSource: DataSource, identity: Identity, args: PageArgs & { filter: AuditFilter }) {
  const { filter } = args;
  if (filter.from > filter.to) throw badInput('`from` must not be after `to`.', { field: 'from', rule: 'PERIOD_ORDER' });
  const query = dataSource.getRepository(CreditAuditEntry).createQueryBuilder('entry');
  const scope = scopeCondition(identity, AUDIT_SCOPE);
  if (scope) query.andWhere(scope.sql, scope.params);
  query.andWhere('entry.at >= :fromAt AND entry.at < :toAt', { fromAt: chinaDayStart(filter.from), toAt: chinaDayStart(nextDay(filter.to)) });
  if (filter.actorId) query.andWhere('entry.actor_id = :actorId', { actorId: filter.actorId });
  if (filter.actorRole) query.andWhere('entry.actor_role = :actorRole', { actorRole: filter.actorRole.toUpperCase() });
  return paginate(query, args, { column: 'entry.at', property: 'at', direction: 'ASC', idColumn: 'entry.id', idProperty: 'id' });
}

export interface TeacherCounts {
  kindergarten: number;
  primaryAndSecondary: number;
  vocational: number;
  specialEducation: number;
  total: number;
}

const CATEGORY_COUNT_FIELD = {
  KINDERGARTEN: 'kindergarten',
  PRIMARY_AND_SECONDARY: 'primaryAndSecondary',
  VOCATIONAL: 'vocational',
  SPECIAL_EDUCATION: 'specialEducation',
} as const;

/**
 * Teachers meeting the cycle requirement in a region and below, by school category:
 * one SQL statement groups the region's approved and verified credits of the cycle
 * by teacher, compares each sum with the requirement of the policy for the region the
 * records are filed under (a CASE over more specific policies' prefixes), and counts
 * per category. Nothing but the counts leaves the database.
 */
export async function creditCompliance(
  dataSource: DataSource,
  policies: readonly CreditPolicyRules[],
  region: { code: string; teacherCounts?: TeacherCounts | null },
  year: number,
) {
  const { policy, overrides } = regionRequirements(policies, region.code, `${year}-12-31`);
  const cycle = cycleOf(policy, year);
  const params: unknown[] = [];
  let required = '?';
  if (overrides.length > 0) {
    required = `CASE ${overrides.map(() => 'WHEN r.region_code LIKE ? THEN ?').join(' ')} ELSE ? END`;
    for (const o of overrides) params.push(`${o.prefix}%`, o.requiredMilli);
  }
  params.push(policy.requiredPerCycleMilli);
  params.push(`${prefixOf(region.code)}%`, ...EARNED_STATUSES, cycle.from, cycle.to);
  const rows: { category: string | null; meeting: unknown }[] = await dataSource.query(
    `SELECT t.category AS category, COUNT(*) AS meeting FROM (
       SELECT r.teacher_id AS teacher_id, MAX(r.school_category) AS category, SUM(r.credits_milli) AS earned, MAX(${required}) AS required
       FROM credit_record r
       WHERE r.region_code LIKE ? AND r.status IN (${EARNED_STATUSES.map(() => '?').join(', ')}) AND r.earned_on BETWEEN ? AND ?
       GROUP BY r.teacher_id
     ) t WHERE t.earned >= t.required GROUP BY t.category`,
    params,
  );
  const meetingBy = new Map(rows.map((r) => [r.category, Number(r.meeting)]));
  const counts = region.teacherCounts;
  const byCategory = (Object.keys(CATEGORY_COUNT_FIELD) as (keyof typeof CATEGORY_COUNT_FIELD)[]).map((category) => ({
    category,
    teachers: counts?.[CATEGORY_COUNT_FIELD[category]] ?? 0,
    meeting: meetingBy.get(category) ?? 0,
  }));
  return {
    cycleStartYear: cycle.startYear,
    cycleEndYear: cycle.endYear,
    byCategory,
    unclassified: meetingBy.get(null) ?? 0,
    meeting: [...meetingBy.values()].reduce((a, b) => a + b, 0),
    teachers: counts?.total ?? 0,
  };
}
