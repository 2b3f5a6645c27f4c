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

export interface TrainingPolicy {
  /** Cited at the end of rule messages, e.g. "(Zhejiang 2020 notice)". */
  citation: string;
  /** GB/T 2260 province code the policy applies to. */
  provinceCode: string;
  /** Later notices replace earlier ones where they conflict, so a policy carries its start. */
  effectiveFrom: IsoDate;
  declarationQuota: {
    /** Projects an institution of this kind may declare per term; a kind left out has no quota. */
    perTermByKind: Readonly<Partial<Record<InstitutionKind, number>>>;
    /**
     * Institutions accredited less than `accreditedForLessThanYears` before the term's
     * declaration window opens get `quota` instead of their kind's quota, whatever their kind.
     */
    newlyAccredited: { accreditedForLessThanYears: number; quota: number };
  };
  /** 每位项目负责人每学期负责班期数上限. */
  maxClassesPerLeaderPerTerm: number;
  /** Levels whose projects count as province-wide (全省性项目). */
  provinceWideLevels: readonly TrainingLevel[];
  /** Lowest title (职称) a province-wide project's leader may hold. */
  minimumProvinceWideLeaderTitle: ProfessionalTitle;
  /** Largest online share of a hybrid (混合) project's credits. */
  hybridOnlineCaps: {
    /** 省级90学分培训: should not be hybrid at all; when it is, this cap applies. */
    fullCourse: { levels: readonly TrainingLevel[]; minTotalCreditsMilli: number; cap: Fraction };
    /** Every other hybrid project. */
    other: Fraction;
  };
  /** The timetable is published at least this many days before a class starts. */
  scheduleLeadDays: number;
  /** The only fee items an institution may charge. */
  allowedFeeItems: readonly FeeItem[];
  /** Schools review choices of this many credits (thousandths) and above with special attention. */
  specialAttentionCreditsMilli: number;
  terms: Readonly<Record<string, TermCalendar>>;
}

/** Zhejiang's first half of 2020 (domain.md, "Projects and course selection"). */
const ZHEJIANG_2020H1: TermCalendar = {
  term: '2020H1',
  declaration: { from: '2019-12-26', to: '2020-01-07' },
  review: { from: '2020-01-08', to: '2020-01-17' },
  publishOn: '2020-01-20',
  schoolDataUpdate: { from: '2019-12-26', to: '2020-01-15' },
  selection: {
    round1: { from: '2020-02-06', to: '2020-02-14' },
    round2: { from: '2020-02-26', to: '2020-03-01' },
  },
  training: { from: '2020-03-09', to: '2020-08-31' },
};

/** Zhejiang's 2020 project-declaration and course-selection notice (policy notice, domain.md). */
export const ZHEJIANG_2020_POLICY: TrainingPolicy = {
  citation: 'Zhejiang 2020 notice',
  provinceCode: '33',
  // The notice governs the first term it schedules (declaration opens 2019-12-26).
  effectiveFrom: '2019-12-26',
  declarationQuota: {
    perTermByKind: {
      // "the two normal universities 80 projects" (policy notice).
      NORMAL_UNIVERSITY: 80,
      // "other province-wide institutions 50" (policy notice): other universities and provincial institutions.
      OTHER_UNIVERSITY: 50,
      PROVINCIAL_INSTITUTION: 50,
      // "remote-training institutions 35" (policy notice).
      REMOTE_TRAINING_INSTITUTION: 35,
      // COUNTY_TEACHER_SCHOOL is left out on purpose: the notice sets no quota for county
      // teacher schools (they run county training), so none applies unless a province configures one.
    },
    // "institutions accredited < 1 year 8" (policy notice); stricter than any kind's quota, so it wins.
    newlyAccredited: { accreditedForLessThanYears: 1, quota: 8 },
  },
  // "≤ 4 classes (班期) per leader" (policy notice), counted per term.
  maxClassesPerLeaderPerTerm: 4,
  // 国培 and 省培 are the province-wide projects the notice's leader rule speaks of.
  provinceWideLevels: ['NATIONAL', 'PROVINCIAL'],
  // "a province-wide project's leader holds ≥ associate-senior title (副高)" (policy notice).
  minimumProvinceWideLeaderTitle: 'ASSOCIATE_SENIOR',
  hybridOnlineCaps: {
    // "provincial 90-credit training should not be hybrid; if it is, online ≤ 1/4" (policy notice).
    // Applied from 90 credits up, so a larger provincial project cannot escape the stricter cap.
    fullCourse: { levels: ['PROVINCIAL'], minTotalCreditsMilli: 90_000, cap: { numerator: 1, denominator: 4 } },
    // "Any other hybrid training: online ≤ 1/3" (policy notice).
    other: { numerator: 1, denominator: 3 },
  },
  // "The timetable is published ≥ 5 days before the class starts" (policy notice).
  scheduleLeadDays: 5,
  // "Fees are itemised (training, accommodation, meals) and nothing else may be charged" (policy notice).
  allowedFeeItems: ['TRAINING', 'ACCOMMODATION', 'MEALS'],
  // "Schools must pay special attention to choices of 90 credits and above" (policy notice).
  specialAttentionCreditsMilli: 90_000,
  terms: { [ZHEJIANG_2020H1.term]: ZHEJIANG_2020H1 },
};

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
