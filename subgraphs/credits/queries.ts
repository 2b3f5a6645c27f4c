import type { DataSource } from 'typeorm';
import { scopeCondition, type ScopeColumns } from '../../kit/access';
import { queryWithTimeLimit } from '../../kit/data-source';
import { badInput, DomainError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { paginate } from '../../kit/pagination';
import { SchoolCategory, type QueryCreditAuditEntriesArgs, type TeacherCounts } from './__generated__/resolvers-types';
import { CreditAuditEntry } from './entities';
import type { RegionRep } from './models';
import { rollUp, type ComplianceBatch, type ComplianceTerms, type CountyComplianceRow } from './rules/compliance';
import { EARNED_STATUSES } from './rules/cycle';
import { CREDIT_CATEGORIES } from './rules/policy';

const AUDIT_SCOPE: ScopeColumns = { teacher: 'entry.teacher_id', school: 'entry.school_id', region: 'entry.region_code' };

/** Start of a China Standard Time day as a UTC ISO timestamp (audit `at` is UTC). */
function chinaDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** 问责: changes by actor and period, oldest first, within the caller's row scope. */
export function listAuditEntries(dataSource: DataSource, identity: Identity, args: QueryCreditAuditEntriesArgs) {
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

/** The registry's head count of each school category. */
const CATEGORY_COUNT_FIELD = {
  KINDERGARTEN: 'kindergarten',
  PRIMARY_AND_SECONDARY: 'primaryAndSecondary',
  VOCATIONAL: 'vocational',
  SPECIAL_EDUCATION: 'specialEducation',
} as const satisfies Record<SchoolCategory, keyof TeacherCounts>;

/** Numbers and codes are written into the statement, so each is checked to be what it claims. */
function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

function digits(value: string): string {
  if (!/^\d{1,6}$/.test(value)) throw new Error(`Not a region prefix: ${value}`);
  return value;
}

const smaller = (a: string, b: string) => `CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END`;

/** Whether a teacher (a row of per-teacher sums `t`) meets the terms: `[meeting, onTrack]` as 0/1 expressions. */
function judgement(terms: ComplianceTerms, batch: ComplianceBatch, years: readonly number[]): [string, string] {
  const counted = CREDIT_CATEGORIES.map((category, i) => {
    const cap = terms.capsMilli[category];
    return cap === undefined ? `t.c${i}` : smaller(`t.c${i}`, int(cap));
  }).join(' + ');
  const yearMet = (year: number) => (terms.requiredPerYearMilli === null ? '1 = 1' : `t.y${years.indexOf(year)} >= ${int(terms.requiredPerYearMilli)}`);
  const allYears = years.map(yearMet).join(' AND ');
  const finished = batch.finishedYears.length > 0 ? batch.finishedYears.map(yearMet).join(' AND ') : '1 = 1';
  const required = int(terms.requiredMilli);
  return [
    `CASE WHEN (${counted}) >= ${required} AND ${allYears} THEN 1 ELSE 0 END`,
    `CASE WHEN ${finished} AND (${counted}) * ${int(batch.cycleDays)} >= ${required} * ${int(batch.elapsedDays)} THEN 1 ELSE 0 END`,
  ];
}

function byTerms(batch: ComplianceBatch, years: readonly number[], pick: 0 | 1): string {
  const fallback = batch.terms[batch.terms.length - 1];
  const specific = batch.terms.slice(0, -1);
  const otherwise = judgement(fallback, batch, years)[pick];
  if (specific.length === 0) return otherwise;
  const whens = specific.map((terms) => `WHEN t.region_code LIKE '${digits(terms.prefix)}%' THEN ${judgement(terms, batch, years)[pick]}`);
  return `CASE ${whens.join(' ')} ELSE ${otherwise} END`;
}

/**
 * Teachers meeting the requirement and on track, per county and school category, in one
 * statement for a batch of regions. The inner query sums the approved and verified records of
 * the cycle per county and teacher, grouped in the order of the covering index
 * `idx_credit_record_compliance_cover`, so it streams off the index with no table reads and no
 * sort. The middle one judges each (county, teacher) as `CreditAccount` would (caps, cycle
 * requirement, yearly minimums, pace, by the policy in force for that county) and the outer
 * one counts. Only counts leave the database.
 *
 * A teacher is judged per county of filing: one who filed records in two counties during the
 * cycle (moved) counts in each, on the records filed there. Folding their counties together
 * (as `CreditAccount` does) needs a second grouping by teacher across the province, which
 * measured 2–12× slower at Sichuan scale (BENCHMARKS.md); the per-county answer is the same
 * whichever regions a request asks for together.
 */
export async function countCompliance(dataSource: DataSource, batch: ComplianceBatch): Promise<CountyComplianceRow[]> {
  const years: number[] = [];
  for (let year = batch.cycle.startYear; year <= batch.cycle.endYear; year += 1) years.push(year);
  const categorySums = CREDIT_CATEGORIES.map((category, i) => `SUM(CASE WHEN r.category = '${category}' THEN r.credits_milli ELSE 0 END) AS c${i}`);
  const yearSums = years.map((year, i) => `SUM(CASE WHEN r.earned_on BETWEEN '${int(year)}-01-01' AND '${int(year)}-12-31' THEN r.credits_milli ELSE 0 END) AS y${i}`);
  const scannedRegion = batch.scanPrefix.padEnd(6, '0');
  const rows = await queryWithTimeLimit<{ region_code: string; school_category: string | null; meeting: unknown; on_track: unknown }>(
    dataSource,
    `SELECT j.region_code AS region_code, j.school_category AS school_category, SUM(j.meeting) AS meeting, SUM(j.on_track) AS on_track
     FROM (
       SELECT t.region_code AS region_code, t.school_category AS school_category,
              ${byTerms(batch, years, 0)} AS meeting, ${byTerms(batch, years, 1)} AS on_track
       FROM (
         SELECT r.region_code AS region_code, r.teacher_id AS teacher_id, MAX(r.school_category) AS school_category,
                ${[...categorySums, ...yearSums].join(',\n                ')}
         FROM credit_record r
         WHERE r.region_code LIKE ? AND r.status IN (${EARNED_STATUSES.map(() => '?').join(', ')}) AND r.earned_on BETWEEN ? AND ?
         GROUP BY r.region_code, r.teacher_id
       ) t
     ) j
     GROUP BY j.region_code, j.school_category`,
    [`${digits(batch.scanPrefix)}%`, ...EARNED_STATUSES, batch.cycle.from, batch.cycle.to],
    () =>
      new DomainError(
        'AGGREGATE_TIMEOUT',
        `Counting credit compliance under region ${scannedRegion} took longer than the database's time limit and was stopped. ` +
          'Ask for a smaller region (a city or a county), or ask the operator to raise AGGREGATE_TIME_LIMIT_MS together with the gateway’s SUBGRAPH_TIMEOUT_MS.',
        { regionCode: scannedRegion },
      ),
  );
  return rows.map((row) => ({ regionCode: row.region_code, schoolCategory: row.school_category, meeting: Number(row.meeting), onTrack: Number(row.on_track) }));
}

/** `Region.creditCompliance` from the counts of the region's batch and the registry's head counts. */
export function complianceView(batch: ComplianceBatch, rows: readonly CountyComplianceRow[], region: RegionRep) {
  const counts = rollUp(rows, region.code);
  const teacherCounts = region.teacherCounts;
  const none = { meeting: 0, onTrack: 0 };
  return {
    cycleStartYear: batch.cycle.startYear,
    cycleEndYear: batch.cycle.endYear,
    asOf: batch.asOf,
    byCategory: Object.values(SchoolCategory).map((category) => ({
      category,
      teachers: teacherCounts?.[CATEGORY_COUNT_FIELD[category]] ?? 0,
      ...(counts.byCategory.get(category) ?? none),
    })),
    unclassified: (counts.byCategory.get(null) ?? none).meeting,
    meeting: counts.meeting,
    onTrack: counts.onTrack,
    teachers: teacherCounts?.total ?? 0,
  };
}
