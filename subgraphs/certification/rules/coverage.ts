import { badInput } from '../../../kit/errors';

/**
 * Coverage statistics officials report for the IT capability programme (Sichuan 2017 notice):
 * one row per city (市/州), full-time teachers by category, trained, untrained (= next year's
 * target), rate; and plan splits from province down to counties. Integer arithmetic only:
 * rates are basis points (1 % = 100), so 66.28 % is 6628.
 */

/** Full-time teachers (专任教师) by the categories the table reports. */
export interface TeacherCategoryCounts {
  /** 幼儿园 */
  kindergarten: number;
  /** 中小学 */
  primaryAndSecondary: number;
  /** 中职 */
  vocational: number;
}

export interface CoverageInput extends TeacherCategoryCounts {
  trained: number;
}

export interface CoverageRow extends TeacherCategoryCounts {
  total: number;
  trained: number;
  /** Not yet trained: next year's training target. */
  untrained: number;
  /** trained / total, rounded half up (四舍五入) to a basis point; null when there are no teachers. */
  rateBasisPoints: number | null;
  /** The same rate as a percentage with two decimals, e.g. "66.28". */
  ratePercent: string | null;
}

function checkCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw badInput(`${field} must be a whole, non-negative number of teachers, not ${value}.`, { field, rule: 'COUNT_NON_NEGATIVE' });
  }
}

/** part / whole in basis points, rounded half up; null for an empty whole. */
export function rateBasisPoints(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Number((BigInt(part) * 20_000n + BigInt(whole)) / (2n * BigInt(whole)));
}

/** 6628 → "66.28"; 500 → "5.00". */
export function formatBasisPoints(basisPoints: number): string {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) throw new RangeError(`Not a basis-point rate: ${basisPoints}`);
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
}

export function coverageRow(input: CoverageInput): CoverageRow {
  const { kindergarten, primaryAndSecondary, vocational, trained } = input;
  checkCount(kindergarten, 'kindergarten');
  checkCount(primaryAndSecondary, 'primaryAndSecondary');
  checkCount(vocational, 'vocational');
  checkCount(trained, 'trained');
  const total = kindergarten + primaryAndSecondary + vocational;
  if (trained > total) {
    throw badInput(`${trained} teachers trained is more than the ${total} full-time teachers reported.`, {
      field: 'trained',
      rule: 'TRAINED_NOT_ABOVE_TOTAL',
    });
  }
  const rate = rateBasisPoints(trained, total);
  return {
    kindergarten,
    primaryAndSecondary,
    vocational,
    total,
    trained,
    untrained: total - trained,
    rateBasisPoints: rate,
    ratePercent: rate === null ? null : formatBasisPoints(rate),
  };
}

/** The province (or city) row: counts are summed and the rate recomputed, never averaged. */
export function coverageTotal(rows: readonly CoverageRow[]): CoverageRow {
  return coverageRow({
    kindergarten: rows.reduce((sum, r) => sum + r.kindergarten, 0),
    primaryAndSecondary: rows.reduce((sum, r) => sum + r.primaryAndSecondary, 0),
    vocational: rows.reduce((sum, r) => sum + r.vocational, 0),
    trained: rows.reduce((sum, r) => sum + r.trained, 0),
  });
}

/** A yearly or multi-year target: a share of all teachers, or a number of teachers. */
export type CoverageTarget = { kind: 'RATE'; basisPoints: number } | { kind: 'COUNT'; teachers: number };

export interface PublishedTarget {
  /** GB/T 2260 six-digit region code. */
  regionCode: string;
  /** The target is due by the end of this year. */
  year: number;
  target: CoverageTarget;
  /** A higher figure the notice aims at without requiring it. */
  aim: CoverageTarget | null;
  source: string;
}

export const PUBLISHED_TARGETS: readonly PublishedTarget[] = [
  {
    regionCode: '350900',
    year: 2016,
    target: { kind: 'RATE', basisPoints: 3000 },
    aim: { kind: 'RATE', basisPoints: 4000 },
    source: 'Ningde (宁德) policy notice: at least 30 % of teachers trained in 2016, aiming at 40 %.',
  },
  {
    regionCode: '430100',
    year: 2020,
    target: { kind: 'COUNT', teachers: 40_000 },
    aim: null,
    source: 'Changsha (长沙) policy notice: 40,000 IT-skilled teachers (holders of the development assessment certificate) by 2020.',
  },
];

export interface TargetProgress {
  met: boolean;
  /** Teachers the target asks for: a RATE target rounds up, since 30 % of 1,001 teachers is not met by 300. */
  requiredTeachers: number;
  trained: number;
  shortfallTeachers: number;
  /** Current coverage of all teachers, as in `coverageRow`; null when `total` is 0. */
  rateBasisPoints: number | null;
}

export function targetProgress({ target, trained, total }: { target: CoverageTarget; trained: number; total: number }): TargetProgress {
  checkCount(trained, 'trained');
  checkCount(total, 'total');
  let requiredTeachers: number;
  if (target.kind === 'RATE') {
    if (!Number.isSafeInteger(target.basisPoints) || target.basisPoints < 0 || target.basisPoints > 10_000) {
      throw badInput(`A rate target is 0–10000 basis points (0–100 %), not ${target.basisPoints}.`, {
        field: 'target.basisPoints',
        rule: 'RATE_RANGE',
      });
    }
    requiredTeachers = Number((BigInt(target.basisPoints) * BigInt(total) + 9_999n) / 10_000n);
  } else {
    checkCount(target.teachers, 'target.teachers');
    requiredTeachers = target.teachers;
  }
  return {
    met: trained >= requiredTeachers,
    requiredTeachers,
    trained,
    shortfallTeachers: Math.max(0, requiredTeachers - trained),
    rateBasisPoints: rateBasisPoints(trained, total),
  };
}

/**
 * Largest-remainder apportionment (最大余数法): each part gets the whole-teacher floor of its
 * exact share, then the teachers left over go one each to the parts with the largest
 * fractional remainders; equal remainders go to the part listed first. The parts always add
 * up to `total`. Remainders are compared as exact integers (numerators over the weight sum).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  checkCount(total, 'total');
  weights.forEach((w, i) => checkCount(w, `weights[${i}]`));
  if (total === 0) return weights.map(() => 0);
  const weightSum = BigInt(weights.reduce((sum, w) => sum + w, 0));
  if (weightSum === 0n) {
    throw badInput(`${total} teachers cannot be split when no part has a positive weight.`, { field: 'weights', rule: 'WEIGHTS_POSITIVE' });
  }
  const shares = weights.map((w, index) => {
    const exact = BigInt(total) * BigInt(w);
    return { index, floor: Number(exact / weightSum), remainder: exact % weightSum };
  });
  const leftOver = total - shares.reduce((sum, s) => sum + s.floor, 0);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  byRemainder.slice(0, leftOver).forEach((s) => (s.floor += 1));
  return shares.map((s) => s.floor);
}

/** Plan split (Sichuan 2017 notice): 20 % of demand trained by the province, 80 % by cities and counties. */
export const PLAN_SPLIT = { provincialPercent: 20, cityAndCountyPercent: 80 } as const;

export interface PlanSplit {
  provincial: number;
  cityAndCounty: number;
}

/**
 * Whole teachers by largest remainder over 20:80. With two parts this is rounding the
 * provincial share to the nearest teacher (a fifth never lands on exactly one half), and
 * the city-and-county share takes the rest, so the sum is exact.
 */
export function splitPlan(totalDemand: number): PlanSplit {
  const [provincial, cityAndCounty] = apportion(totalDemand, [PLAN_SPLIT.provincialPercent, PLAN_SPLIT.cityAndCountyPercent]);
  return { provincial, cityAndCounty };
}

export interface CountyWeight {
  /** GB/T 2260 county code. */
  code: string;
  /** Whole number the split is proportional to, typically the county's untrained teachers. */
  weight: number;
}

/** The city-and-county demand shared out over counties by largest remainder, in the order given. */
export function splitAcrossCounties(
  cityCountyDemand: number,
  counties: readonly CountyWeight[],
): { code: string; demand: number }[] {
  const seen = new Set<string>();
  for (const { code } of counties) {
    if (seen.has(code)) {
      throw badInput(`County ${code} is listed twice; each county gets one share.`, { field: 'counties', rule: 'DUPLICATE_COUNTY' });
    }
    seen.add(code);
  }
  const demands = apportion(
    cityCountyDemand,
    counties.map((c) => c.weight),
  );
  return counties.map((c, i) => ({ code: c.code, demand: demands[i] }));
}
