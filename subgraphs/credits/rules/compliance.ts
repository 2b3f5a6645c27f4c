import { commonPrefix, isRegionCode, provinceCodeOf, regionPrefix } from '../../../standards/region-code';
import type { IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';
import { cycleProgress, finishedYears } from './account';
import { cycleContaining, judgedOn, type Cycle } from './cycle';
import { selectPolicy, type CreditCategory, type CreditPolicyRules } from './policy';

/**
 * `Region.creditCompliance` (学分达标情况) is counted in SQL; these pure functions decide
 * what the SQL has to judge (which cycle, which day, which policy's numbers for which
 * part of the region) and add its per-county counts up to the regions asked for.
 */

/** The numbers a teacher is judged by: those of the policy in force for the region of their records. */
export interface ComplianceTerms {
  /** Teachers whose records are filed under this prefix are judged by these terms. */
  prefix: string;
  policyId: string;
  requiredMilli: number;
  requiredPerYearMilli: number | null;
  capsMilli: Partial<Record<CreditCategory, number>>;
}

export interface ComplianceRequest {
  regionCode: string;
  year: number;
}

/** Regions that can be counted by one SQL statement: same province, same cycle, same day judged. */
export interface ComplianceBatch {
  provinceCode: string;
  cycle: Cycle;
  asOf: IsoDate;
  /** Records filed under this prefix are read: the longest prefix common to the regions asked for. */
  scanPrefix: string;
  /** Most specific prefix first; the last terms carry the province's code and judge everyone else. */
  terms: ComplianceTerms[];
  /** Whole days of the cycle, and those passed on `asOf`, for keeping pace. */
  cycleDays: number;
  elapsedDays: number;
  /** Years of the cycle that have ended on `asOf`, whose yearly minimum is due. */
  finishedYears: number[];
  requests: ComplianceRequest[];
}

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

/** Throws BAD_USER_INPUT for a region code that is not six digits or an implausible year. */
export function validateComplianceRequest({ regionCode, year }: ComplianceRequest): void {
  if (!isRegionCode(regionCode)) {
    throw badInput(`Region code "${regionCode}" must be six digits (GB/T 2260), e.g. 510104.`, { field: 'code', rule: 'REGION_CODE_FORMAT' });
  }
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw badInput(`year must be a calendar year between ${MIN_YEAR} and ${MAX_YEAR}, got ${year}.`, { field: 'year', rule: 'YEAR_RANGE' });
  }
}

function termsOf(prefix: string, policy: CreditPolicyRules): ComplianceTerms {
  return {
    prefix,
    policyId: policy.id,
    requiredMilli: policy.requiredPerCycleMilli,
    requiredPerYearMilli: policy.requiredPerYearMilli,
    capsMilli: policy.categoryCapsMilli,
  };
}

/**
 * Groups compliance requests into SQL batches and gives each the terms to judge by.
 * A region's own policy (in force on the day judged) fixes the cycle; each teacher is
 * judged by the policy of the county their records of the cycle are filed under, so a
 * Hunan table judges Changsha's teachers by Changsha's yearly minimum. The day
 * judged is that of `CreditAccount.asOf`: the end of `year`, or today in the current year.
 */
export function planCompliance(policies: readonly CreditPolicyRules[], requests: readonly ComplianceRequest[], today: IsoDate): ComplianceBatch[] {
  requests.forEach(validateComplianceRequest);
  const batches = new Map<string, ComplianceBatch>();
  for (const request of requests) {
    const provinceCode = provinceCodeOf(request.regionCode);
    const asOf = judgedOn(request.year, today);
    const own = selectPolicy(policies, { provinceCode, regionCode: request.regionCode, on: asOf });
    const cycle = cycleContaining(request.year, own.cycleYears, own.cycleStartYear);
    const key = `${provinceCode}|${cycle.from}|${cycle.to}|${asOf}`;
    let batch = batches.get(key);
    if (!batch) {
      batch = { provinceCode, cycle, asOf, scanPrefix: '', terms: [], ...cycleProgress(cycle, asOf), finishedYears: finishedYears(cycle, asOf), requests: [] };
      batches.set(key, batch);
    }
    batch.requests.push(request);
  }
  for (const batch of batches.values()) {
    const { provinceCode, asOf } = batch;
    batch.scanPrefix = commonPrefix(batch.requests.map((r) => regionPrefix(r.regionCode)));
    const overlapping = new Set(
      policies
        .filter((p) => p.provinceCode === provinceCode && p.regionPrefix)
        .map((p) => p.regionPrefix!)
        .filter((prefix) => prefix.startsWith(batch.scanPrefix) || batch.scanPrefix.startsWith(prefix)),
    );
    batch.terms = [...overlapping]
      .sort((a, b) => b.length - a.length || a.localeCompare(b))
      .map((prefix) => termsOf(prefix, selectPolicy(policies, { provinceCode, regionCode: prefix.padEnd(6, '0'), on: asOf })));
    batch.terms.push(termsOf(provinceCode, selectPolicy(policies, { provinceCode, regionCode: null, on: asOf })));
  }
  return [...batches.values()];
}

/** What the SQL returns: teachers meeting and on track, per county and school category (null: unknown). */
export interface CountyComplianceRow {
  regionCode: string;
  schoolCategory: string | null;
  meeting: number;
  onTrack: number;
}

export interface ComplianceCounts {
  /** Per school category; `null` for records that name none. */
  byCategory: Map<string | null, { meeting: number; onTrack: number }>;
  meeting: number;
  onTrack: number;
}

/** Adds the county rows under a region up (each teacher is in exactly one county row). */
export function rollUp(rows: readonly CountyComplianceRow[], regionCode: string): ComplianceCounts {
  const prefix = regionPrefix(regionCode);
  const byCategory = new Map<string | null, { meeting: number; onTrack: number }>();
  let meeting = 0;
  let onTrack = 0;
  for (const row of rows) {
    if (!row.regionCode.startsWith(prefix)) continue;
    const counts = byCategory.get(row.schoolCategory) ?? { meeting: 0, onTrack: 0 };
    counts.meeting += row.meeting;
    counts.onTrack += row.onTrack;
    byCategory.set(row.schoolCategory, counts);
    meeting += row.meeting;
    onTrack += row.onTrack;
  }
  return { byCategory, meeting, onTrack };
}
