import { regionPrefix } from '../../standards/region-code';
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
import { MAX_SUMMARY_CYCLE_YEARS } from './rules/summary';
import { CATEGORY_COLUMN, YEAR_COLUMNS } from './summary-columns';
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
  if (filter.schoolId) query.andWhere('entry.school_id = :auditSchool', { auditSchool: filter.schoolId });
  if (filter.regionCode) query.andWhere('entry.region_code LIKE :auditRegion', { auditRegion: `${regionPrefix(filter.regionCode)}%` });
  if (filter.step) query.andWhere('entry.to_status = :auditStep', { auditStep: filter.step });
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

/** Whether a teacher (a summary row `t`) meets the terms: `[meeting, onTrack]` as 0/1 expressions. */
function judgement(terms: ComplianceTerms, batch: ComplianceBatch, cycleYears: number): [string, string] {
  // Without caps what counts is the earned total, which `idx_credit_summary_county_judgement` holds:
  // the count then reads that index alone, in (county, category) order, instead of every row.
  const capped = CREDIT_CATEGORIES.some((category) => terms.capsMilli[category] !== undefined);
  const counted = capped
    ? CREDIT_CATEGORIES.map((category) => {
        const column = `t.${CATEGORY_COLUMN[category]}`;
        const cap = terms.capsMilli[category];
        return cap === undefined ? column : smaller(column, int(cap));
      }).join(' + ')
    : 't.earned_milli';
  const yearMet = (year: number) =>
    terms.requiredPerYearMilli === null ? '1 = 1' : `t.${YEAR_COLUMNS[year - batch.cycle.startYear]} >= ${int(terms.requiredPerYearMilli)}`;
  const years = Array.from({ length: cycleYears }, (_, i) => batch.cycle.startYear + i);
  const allYears = years.map(yearMet).join(' AND ');
  const finished = batch.finishedYears.length > 0 ? batch.finishedYears.map(yearMet).join(' AND ') : '1 = 1';
  const required = int(terms.requiredMilli);
  return [
    `CASE WHEN (${counted}) >= ${required} AND ${allYears} THEN 1 ELSE 0 END`,
    `CASE WHEN ${finished} AND (${counted}) * ${int(batch.cycleDays)} >= ${required} * ${int(batch.elapsedDays)} THEN 1 ELSE 0 END`,
  ];
}

function byTerms(batch: ComplianceBatch, cycleYears: number, pick: 0 | 1): string {
  const fallback = batch.terms[batch.terms.length - 1];
  const specific = batch.terms.slice(0, -1);
  const otherwise = judgement(fallback, batch, cycleYears)[pick];
  if (specific.length === 0) return otherwise;
  const whens = specific.map((terms) => `WHEN t.region_code LIKE '${digits(terms.prefix)}%' THEN ${judgement(terms, batch, cycleYears)[pick]}`);
  return `CASE ${whens.join(' ')} ELSE ${otherwise} END`;
}

/**
 * The least earned total (before caps) with which a teacher can meet the requirement or be on
 * track under any of the batch's terms: the smallest requirement's share due on `asOf`. Caps only
 * lower what counts, so everyone below it counts for neither, and the count skips them
 * (`idx_credit_summary_earned`).
 */
export function candidateThreshold(batch: ComplianceBatch): number {
  const required = Math.min(...batch.terms.map((terms) => terms.requiredMilli));
  return Math.floor((required * batch.elapsedDays) / batch.cycleDays);
}

/**
 * Teachers meeting the requirement and on track, per county and school category, in one
 * statement for a batch of regions, from the credit summary (summaries.ts): one row per
 * teacher and cycle, read in primary-key order (cycle, then region code), so a province is a
 * range scan of one narrow row per teacher, or, when fewer have earned enough to count
 * (`candidateThreshold`), a range of the earned-total index. Each row is judged as `CreditAccount` judges the
 * teacher (caps, cycle requirement, yearly minimums, pace, by the policy in force for the
 * teacher's county) and only counts leave the database.
 *
 * A teacher is judged as `CreditAccount` judges them: on all their credits of the cycle, under
 * the county of their latest record, so one who moved during the cycle counts once, where they
 * are now.
 */
export async function countCompliance(dataSource: DataSource, batch: ComplianceBatch): Promise<CountyComplianceRow[]> {
  const cycleYears = batch.cycle.endYear - batch.cycle.startYear + 1;
  const scannedRegion = batch.scanPrefix.padEnd(6, '0');
  if (cycleYears > MAX_SUMMARY_CYCLE_YEARS) {
    throw new DomainError(
      'CYCLE_TOO_LONG',
      `The policy for region ${scannedRegion} has ${cycleYears}-year cycles; compliance is counted for cycles of up to ${MAX_SUMMARY_CYCLE_YEARS} years.`,
      { regionCode: scannedRegion },
    );
  }
  const rows = await queryWithTimeLimit<{ region_code: string; school_category: string | null; meeting: unknown; on_track: unknown }>(
    dataSource,
    `SELECT t.region_code AS region_code, t.school_category AS school_category,
            SUM(${byTerms(batch, cycleYears, 0)}) AS meeting, SUM(${byTerms(batch, cycleYears, 1)}) AS on_track
     FROM credit_summary t
     WHERE t.cycle_start_year = ? AND t.cycle_years = ? AND t.region_code LIKE ? AND t.earned_records > 0 AND t.earned_milli >= ?
     GROUP BY t.region_code, t.school_category`,
    [batch.cycle.startYear, cycleYears, `${digits(batch.scanPrefix)}%`, candidateThreshold(batch)],
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
