import type { IsoDate } from '../../../kit/date';
import { DomainError } from '../../../kit/errors';
import type { TermCalendar, TrainingPolicy, TrainingPolicySource } from './policy';

/**
 * The training policies this product ships, as data (the migration stores them; province
 * bureaus revise them through the graph). Only the notices' own words make a value confirmed
 * (domain.md); a rule no notice of the province gives is null, "not configured", and is
 * not applied there — never another province's value.
 */

/** Zhejiang's first half of 2020, the notice's own calendar (domain.md, "Projects and course selection"). */
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

/**
 * The other half-years repeat the 2020H1 calendar (H1) or shift it by six months (H2), as the
 * demo data does. An ASSUMPTION no notice confirms, kept as data (flagged unconfirmed) so a
 * bureau replaces it through the graph without touching code.
 */
function repeatedTerm(year: number, half: 1 | 2): TermCalendar {
  const y = String(year);
  const prev = String(year - 1);
  return half === 1
    ? {
        term: `${y}H1`,
        declaration: { from: `${prev}-12-26`, to: `${y}-01-07` },
        review: { from: `${y}-01-08`, to: `${y}-01-17` },
        publishOn: `${y}-01-20`,
        schoolDataUpdate: { from: `${prev}-12-26`, to: `${y}-01-15` },
        selection: { round1: { from: `${y}-02-06`, to: `${y}-02-14` }, round2: { from: `${y}-02-26`, to: `${y}-03-01` } },
        training: { from: `${y}-03-09`, to: `${y}-08-31` },
      }
    : {
        term: `${y}H2`,
        declaration: { from: `${y}-06-26`, to: `${y}-07-07` },
        review: { from: `${y}-07-08`, to: `${y}-07-17` },
        publishOn: `${y}-07-20`,
        schoolDataUpdate: { from: `${y}-06-26`, to: `${y}-07-15` },
        selection: { round1: { from: `${y}-08-06`, to: `${y}-08-14` }, round2: { from: `${y}-08-26`, to: `${y}-09-01` } },
        training: { from: `${y}-09-09`, to: `${y}-12-31` },
      };
}

/** Repeated calendars for 2020–2030, without the terms in `except` (a notice's own calendar wins). */
export function assumedTerms(except: readonly string[] = []): Record<string, TermCalendar> {
  const terms: Record<string, TermCalendar> = {};
  for (let year = 2020; year <= 2030; year += 1) {
    for (const half of [1, 2] as const) {
      const calendar = repeatedTerm(year, half);
      if (!except.includes(calendar.term)) terms[calendar.term] = calendar;
    }
  }
  return terms;
}

export const ZHEJIANG_CITATION = 'Zhejiang 2020 notice';
export const SICHUAN_CITATION = 'Sichuan notice 省执行办 2017 第01号';

/** Zhejiang's 2020 project-declaration and course-selection notice. */
export const ZHEJIANG_2020: TrainingPolicy = {
  id: 'zhejiang-2020',
  provinceCode: '33',
  name: 'Zhejiang 2020: project declaration and course selection',
  citation: ZHEJIANG_CITATION,
  // The notice governs the first term it schedules (declaration opens 2019-12-26).
  effectiveFrom: '2019-12-26',
  declarationQuota: {
    // Quotas bind projects 面向全省 (国培, 省培); cities and counties set their own (由各地设定).
    levels: ['NATIONAL', 'PROVINCIAL'],
    perTermByKind: {
      NORMAL_UNIVERSITY: 80,
      OTHER_UNIVERSITY: 50,
      PROVINCIAL_INSTITUTION: 50,
      REMOTE_TRAINING_INSTITUTION: 35,
    },
    newlyAccredited: { accreditedForLessThanYears: 1, quota: 8 },
  },
  maxClassesPerLeaderPerTerm: 4,
  provinceWideLevels: ['NATIONAL', 'PROVINCIAL'],
  minimumProvinceWideLeaderTitle: 'ASSOCIATE_SENIOR',
  hybridOnlineCaps: {
    // Applied from 90 credits up, so a larger provincial project cannot escape the stricter cap.
    fullCourse: { levels: ['PROVINCIAL'], minTotalCreditsMilli: 90_000, cap: { numerator: 1, denominator: 4 } },
    other: { numerator: 1, denominator: 3 },
  },
  scheduleLeadDays: 5,
  allowedFeeItems: ['TRAINING', 'ACCOMMODATION', 'MEALS'],
  specialAttentionCreditsMilli: 90_000,
  trainersRequiredAtDeclaration: true,
  reservedPlaces: { groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent: null },
  terms: { ...assumedTerms([ZHEJIANG_2020H1.term]), [ZHEJIANG_2020H1.term]: ZHEJIANG_2020H1 },
  sources: [
    { field: 'declarationQuota.perTermByKind.NORMAL_UNIVERSITY', source: `${ZHEJIANG_CITATION}: the two normal universities 80 projects.`, confirmed: true },
    { field: 'declarationQuota.perTermByKind.OTHER_UNIVERSITY', source: `${ZHEJIANG_CITATION}: other province-wide institutions 50.`, confirmed: true },
    { field: 'declarationQuota.perTermByKind.PROVINCIAL_INSTITUTION', source: `${ZHEJIANG_CITATION}: other province-wide institutions 50.`, confirmed: true },
    { field: 'declarationQuota.perTermByKind.REMOTE_TRAINING_INSTITUTION', source: `${ZHEJIANG_CITATION}: remote-training institutions 35.`, confirmed: true },
    { field: 'declarationQuota.newlyAccredited', source: `${ZHEJIANG_CITATION}: institutions accredited < 1 year 8.`, confirmed: true },
    {
      field: 'declarationQuota.levels',
      source: `${ZHEJIANG_CITATION}: the quotas are for projects 面向全省; cities and counties set their own (由各地设定). Read here as 国培 and 省培.`,
      confirmed: true,
    },
    {
      field: 'declarationQuota.perTermByKind.COUNTY_TEACHER_SCHOOL',
      source: 'Not configured: the notice sets no quota for county teacher schools (they run county training).',
      confirmed: false,
    },
    { field: 'maxClassesPerLeaderPerTerm', source: `${ZHEJIANG_CITATION}: ≤ 4 classes (班期) per leader.`, confirmed: true },
    { field: 'minimumProvinceWideLeaderTitle', source: `${ZHEJIANG_CITATION}: a province-wide project's leader holds ≥ 副高.`, confirmed: true },
    { field: 'hybridOnlineCaps.fullCourse', source: `${ZHEJIANG_CITATION}: provincial 90-credit training should not be hybrid; if it is, online ≤ 1/4.`, confirmed: true },
    { field: 'hybridOnlineCaps.other', source: `${ZHEJIANG_CITATION}: any other hybrid training, online ≤ 1/3.`, confirmed: true },
    { field: 'scheduleLeadDays', source: `${ZHEJIANG_CITATION}: the timetable is published ≥ 5 days before the class starts.`, confirmed: true },
    { field: 'allowedFeeItems', source: `${ZHEJIANG_CITATION}: fees itemised (training, accommodation, meals), nothing else charged.`, confirmed: true },
    { field: 'specialAttentionCreditsMilli', source: `${ZHEJIANG_CITATION}: schools pay special attention to choices of 90 credits and above.`, confirmed: true },
    { field: 'trainersRequiredAtDeclaration', source: `${ZHEJIANG_CITATION}: trainer (expert) details are entered at declaration.`, confirmed: true },
    {
      field: 'reservedPlaces',
      source: `${ZHEJIANG_CITATION}: rural and private-kindergarten teachers get reserved places; the notice gives no share, so none is configured.`,
      confirmed: true,
    },
    { field: 'terms.2020H1', source: `${ZHEJIANG_CITATION}: the first-half 2020 calendar.`, confirmed: true },
    { field: 'terms', source: "This product's assumption: other half-years repeat the 2020H1 calendar (H1) or shift it six months (H2).", confirmed: false },
    { field: 'effectiveFrom', source: `${ZHEJIANG_CITATION}: declarations open 2019-12-26.`, confirmed: true },
  ],
};

const SICHUAN_NOT_CONFIGURED: readonly string[] = [
  'declarationQuota',
  'maxClassesPerLeaderPerTerm',
  'minimumProvinceWideLeaderTitle',
  'hybridOnlineCaps',
  'scheduleLeadDays',
  'allowedFeeItems',
  'specialAttentionCreditsMilli',
  'reservedPlaces',
];

/**
 * Sichuan: its notice (省执行办 2017 第01号) is about finishing the 2014–2017 IT programme and
 * gives no declaration or course-selection rule, so every such rule is "not configured" here.
 * Projects still need a calendar to be declared, reviewed and selected: the repeated demo
 * calendar, flagged unconfirmed, until the Sichuan bureau sets its own through the graph.
 */
export const SICHUAN_2017: TrainingPolicy = {
  id: 'sichuan-2017',
  provinceCode: '51',
  name: 'Sichuan: no published declaration rules (IT programme notice 2017)',
  citation: SICHUAN_CITATION,
  effectiveFrom: '2017-01-01',
  declarationQuota: null,
  maxClassesPerLeaderPerTerm: null,
  provinceWideLevels: ['NATIONAL', 'PROVINCIAL'],
  minimumProvinceWideLeaderTitle: null,
  hybridOnlineCaps: { fullCourse: null, other: null },
  scheduleLeadDays: null,
  allowedFeeItems: null,
  specialAttentionCreditsMilli: null,
  trainersRequiredAtDeclaration: false,
  reservedPlaces: null,
  terms: assumedTerms(),
  sources: [
    ...SICHUAN_NOT_CONFIGURED.map(
      (field): TrainingPolicySource => ({ field, source: `Not configured: the ${SICHUAN_CITATION} gives no such rule.`, confirmed: false }),
    ),
    {
      field: 'terms',
      source: `This product's assumption (demo calendar): the ${SICHUAN_CITATION} publishes no declaration or selection calendar.`,
      confirmed: false,
    },
    { field: 'effectiveFrom', source: `${SICHUAN_CITATION}: the year is the notice's, the day (1 January) is assumed.`, confirmed: false },
  ],
};

export const SHIPPED_TRAINING_POLICIES: readonly TrainingPolicy[] = [ZHEJIANG_2020, SICHUAN_2017];

/** Province names for messages (GB/T 2260 two-digit codes of the provinces the notices come from, and others by code). */
const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '33': 'Zhejiang (浙江)',
  '35': 'Fujian (福建)',
  '36': 'Jiangxi (江西)',
  '43': 'Hunan (湖南)',
  '51': 'Sichuan (四川)',
};

export function provinceName(provinceCode: string): string {
  return PROVINCE_NAMES[provinceCode] ?? `province ${provinceCode}`;
}

/**
 * The policy in force for `provinceCode` on `on`: the one of that province with the latest
 * `effectiveFrom` not after `on` (ties: the later in the list, i.e. the later revision).
 * A province with none gets `TRAINING_POLICY_NOT_CONFIGURED`, naming it: never another's rules.
 */
export function selectTrainingPolicy<P extends TrainingPolicy>(policies: readonly P[], provinceCode: string, on: IsoDate): P {
  let chosen: P | null = null;
  for (const policy of policies) {
    if (policy.provinceCode !== provinceCode || policy.effectiveFrom > on) continue;
    if (chosen === null || policy.effectiveFrom >= chosen.effectiveFrom) chosen = policy;
  }
  if (chosen) return chosen;
  const later = policies.filter((p) => p.provinceCode === provinceCode).map((p) => p.effectiveFrom).sort()[0];
  throw new DomainError(
    'TRAINING_POLICY_NOT_CONFIGURED',
    later
      ? `No training policy of ${provinceName(provinceCode)} is in force on ${on}; the first takes effect on ${later}.`
      : `No training policy is configured for ${provinceName(provinceCode)}: no notice of the province gives declaration rules here. Its province bureau sets one with reviseTrainingPolicy.`,
    { rule: 'TRAINING_POLICY_NOT_CONFIGURED', provinceCode, on },
  );
}
