import { parseIsoDate, type IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';
import { ProfessionalTitle, type InstitutionKind, type TrainingLevel } from '../__generated__/resolvers-types';

/**
 * A province's training policy as data: the numbers of its project and course-selection
 * notice, so that another province (or a later notice) is a new value, not new code.
 * Every rule in this folder reads its numbers from a `TrainingPolicy`.
 */

/** 职称, lowest first as the contract lists them: the order is what "at least 副高" compares against. */
const PROFESSIONAL_TITLES: readonly ProfessionalTitle[] = Object.values(ProfessionalTitle);

/** The Chinese names used in the notices, so messages read like the policy text. */
export const TITLE_NAMES: Readonly<Record<ProfessionalTitle, string>> = {
  NONE: '未定级',
  JUNIOR: '初级',
  INTERMEDIATE: '中级',
  ASSOCIATE_SENIOR: '副高级',
  SENIOR: '正高级',
};

/** True when `title` is `minimum` or higher. */
export function titleAtLeast(title: ProfessionalTitle, minimum: ProfessionalTitle): boolean {
  return PROFESSIONAL_TITLES.indexOf(title) >= PROFESSIONAL_TITLES.indexOf(minimum);
}

/** 培训费 / 住宿费 / 伙食费. */
export type FeeItem = 'TRAINING' | 'ACCOMMODATION' | 'MEALS';

/** An exact share such as 1/4, compared by cross-multiplying integers. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** Dates from `from` to `to`, both days included. */
export interface DateWindow {
  from: IsoDate;
  to: IsoDate;
}

/** The calendar of one term (e.g. `2020H1`): every step of declaration, review and selection. */
export interface TermCalendar {
  term: string;
  /** 机构申报: institutions declare projects. */
  declaration: DateWindow;
  /** 教育行政部门审核: bureaus review declarations. */
  review: DateWindow;
  /** 项目发布: approved projects may be published from this day on. */
  publishOn: IsoDate;
  /** 学校更新教师信息: schools bring teacher data up to date before selection. */
  schoolDataUpdate: DateWindow;
  /** 选课: the two rounds of course selection. */
  selection: { round1: DateWindow; round2: DateWindow };
  /** 培训实施: every class of the term runs inside this window. */
  training: DateWindow;
}

/** Where one value of a policy comes from, and whether a notice's own words confirm it. */
export interface TrainingPolicySource {
  /** The policy field, e.g. `declarationQuota.perTermByKind.NORMAL_UNIVERSITY`. */
  field: string;
  source: string;
  confirmed: boolean;
}

/**
 * 申报限额: projects an institution may declare per term. The quota counts only projects of
 * `levels` (Zhejiang: projects 面向全省, 国培 and 省培); projects of other levels are set by
 * cities and counties themselves (由各地…设定) and neither use nor need a provincial place.
 */
export interface DeclarationQuotaRule {
  /** Projects of these levels count against the quota; others are outside it. */
  levels: readonly TrainingLevel[];
  /** Per kind of institution; a kind left out has no quota. */
  perTermByKind: Readonly<Partial<Record<InstitutionKind, number>>>;
  /**
   * Institutions accredited less than `accreditedForLessThanYears` before the term's
   * declaration window opens get `quota` instead of their kind's quota, whatever their kind.
   */
  newlyAccredited: { accreditedForLessThanYears: number; quota: number } | null;
}

/** 名额预留: teachers of these groups get reserved places; the share is data, null when no notice gives one. */
export interface ReservedPlacesRule {
  /** RURAL (乡村教师), PRIVATE_KINDERGARTEN (民办幼儿园教师). */
  groups: readonly string[];
  /** Percentage of a class's seats reserved, or null when the notice names the groups without a number. */
  sharePercent: number | null;
}

/**
 * A province's training policy for the terms it schedules, in force from `effectiveFrom`.
 * Every rule is nullable: null means no notice of the province gives it ("not configured"),
 * and the rule is not applied there; it never falls back to another province's value.
 */
export interface TrainingPolicy {
  /** Stable id of this version, e.g. `zhejiang-2020`. */
  id: string;
  /** GB/T 2260 province code (two digits) the policy applies to. */
  provinceCode: string;
  name: string;
  /** The notice cited in every refusal under this policy, e.g. "Zhejiang 2020 notice". */
  citation: string;
  /** Later notices replace earlier ones where they conflict, so a policy carries its start. */
  effectiveFrom: IsoDate;
  declarationQuota: DeclarationQuotaRule | null;
  /** 每位项目负责人每学期负责班期数上限. */
  maxClassesPerLeaderPerTerm: number | null;
  /** Levels whose projects count as province-wide (全省性项目): the leader-title rule's scope. */
  provinceWideLevels: readonly TrainingLevel[];
  /** Lowest title (职称) a province-wide project's leader may hold. */
  minimumProvinceWideLeaderTitle: ProfessionalTitle | null;
  /** Largest online share of a hybrid (混合) project's credits. */
  hybridOnlineCaps: {
    /** 省级90学分培训: should not be hybrid at all; when it is, this cap applies. */
    fullCourse: { levels: readonly TrainingLevel[]; minTotalCreditsMilli: number; cap: Fraction } | null;
    /** Every other hybrid project. */
    other: Fraction | null;
  };
  /** The timetable is published at least this many days before a class starts. */
  scheduleLeadDays: number | null;
  /** The only fee items an institution may charge; null: no list configured. */
  allowedFeeItems: readonly FeeItem[] | null;
  /** Schools review choices of this many credits (thousandths) and above with special attention. */
  specialAttentionCreditsMilli: number | null;
  /** 专家信息: trainer (expert) records are entered at declaration. */
  trainersRequiredAtDeclaration: boolean;
  reservedPlaces: ReservedPlacesRule | null;
  terms: Readonly<Record<string, TermCalendar>>;
  /** Each value's source; only a notice's own words make a value confirmed. */
  sources: readonly TrainingPolicySource[];
}

/** The calendar of `term`; a term the policy does not schedule is malformed input. */
export function termCalendar(policy: TrainingPolicy, term: string): TermCalendar {
  const calendar = policy.terms[term];
  if (!calendar) {
    const known = Object.keys(policy.terms).join(', ') || 'none';
    throw badInput(`Term ${term} has no calendar in the ${policy.citation}; scheduled terms: ${known}.`, {
      field: 'term',
      rule: 'UNKNOWN_TERM',
    });
  }
  return calendar;
}

/** Both ends included. Throws `BAD_USER_INPUT` (rule `DATE_FORMAT`) for a date that is not `YYYY-MM-DD`. */
export function isWithinWindow(window: DateWindow, date: IsoDate): boolean {
  parseIsoDate(date);
  return window.from <= date && date <= window.to;
}

export function describeWindow(window: DateWindow): string {
  return `${window.from} to ${window.to}`;
}
