import { badInput } from '../../../kit/errors';
import { isValidIsoDate, type IsoDate } from '../../../kit/date';
import type { CompletionProofKind } from './completion-proofs';

/**
 * IT application capability programmes (信息技术应用能力提升工程) as data, one entry per
 * province and version. Every number carries its source; values nobody here could verify
 * are marked UNCONFIRMED so a province can correct them in data without touching the rules.
 */

/** 1.0 ran 2014–2017 (domain.md); 2.0 is the micro-ability (微能力点) programme that followed. */
export type ProgrammeVersion = '1.0' | '2.0';

/** How far a value can be trusted: see "Policy notices" and "public sources" in domain.md. */
export type SourceKind = 'POLICY_NOTICE' | 'PUBLIC_SOURCE' | 'UNCONFIRMED';

export interface ProgrammeSource {
  kind: SourceKind;
  /** The programme fields this source backs. */
  fields: readonly (keyof ItProgramme)[];
  note: string;
}

/** 2.0 capability framework: descriptive only, no rule evaluates individual micro-abilities. */
export interface MicroAbilityFramework {
  /** 微能力点 */
  microAbilityCount: number;
  /** 教学环境 */
  environments: readonly string[];
  /** 能力维度 */
  dimensions: readonly string[];
}

export interface ItProgramme {
  id: string;
  /** GB/T 2260 province code, two digits (e.g. '51' Sichuan). */
  provinceCode: string;
  version: ProgrammeVersion;
  name: string;
  /** First and last day the programme applies (inclusive); `validTo` null = still running. */
  validFrom: IsoDate;
  validTo: IsoDate | null;
  /** Years within which the hours must be earned; null when only the programme's own span limits them. */
  periodYears: number | null;
  /**
   * 学时, in thousandths; null when the programme's notice sets none (Sichuan 1.0: completion is
   * certified from a partner programme's pass, so no hours rule applies).
   */
  minTotalHoursMilli: number | null;
  minOnlineHoursMilli: number | null;
  minPracticeHoursMilli: number | null;
  /** 发证机关 of the programme's completion certificate (Sichuan 1.0: 由教育部统一颁发). */
  issuer: string;
  /** 诊断测评 before course choice. */
  requiresPreAssessment: boolean;
  /** 工程办 (city project office) review before the provincial completion certificate. */
  requiresCityOfficeReview: boolean;
  /** Teachers this many years or fewer from retirement are exempt; null = no exemption. */
  retirementExemptionYears: number | null;
  /**
   * Proofs completion rests on besides the hours (rules/completion-proofs), in the order they come:
   * Ningde's two 合格证明 and the submitted 应用实践成果; empty when the notice names none.
   */
  requiredProofs: readonly CompletionProofKind[];
  microAbilities: MicroAbilityFramework | null;
  sources: readonly ProgrammeSource[];
}

const HOUR = 1000;

export const PROGRAMMES: readonly ItProgramme[] = [
  {
    id: 'IT1-35',
    provinceCode: '35',
    version: '1.0',
    name: '信息技术应用能力提升工程 1.0 (福建)',
    validFrom: '2014-01-01',
    validTo: '2017-12-31',
    periodYears: null,
    minTotalHoursMilli: 80 * HOUR,
    minOnlineHoursMilli: 50 * HOUR,
    minPracticeHoursMilli: 30 * HOUR,
    issuer: '福建省教育厅',
    requiresPreAssessment: true,
    requiresCityOfficeReview: true,
    retirementExemptionYears: 5,
    requiredProofs: ['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME', 'PRACTICE_PASS'],
    microAbilities: null,
    sources: [
      {
        kind: 'POLICY_NOTICE',
        fields: ['requiredProofs'],
        note: 'Ningde notice: practice ends in a submitted 应用实践成果; two 合格证明 (online 50 h, practice 30 h) lead to the completion certificate (结业证书).',
      },
      {
        kind: 'POLICY_NOTICE',
        fields: [
          'minTotalHoursMilli',
          'minOnlineHoursMilli',
          'minPracticeHoursMilli',
          'requiresPreAssessment',
          'requiresCityOfficeReview',
          'retirementExemptionYears',
          'issuer',
        ],
        note: 'Ningde (宁德, 3509) notice: 80 学时 = 50 online + 30 practice, diagnostic pre-assessment first, city project office reviews completion, provincial completion certificate; teachers within 5 years of retirement exempt.',
      },
      {
        kind: 'POLICY_NOTICE',
        fields: ['validTo'],
        note: 'Ningde notice (domain.md): the exemption is "judged at the programme\'s deadline (end of 2017)"; the Sichuan notice 省执行办 2017 第01号 likewise finishes 1.0 "by the end of 2017".',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['validFrom'],
        note: 'domain.md gives 1.0 as 2014–2017 ("1.0 (2014–2017)"); the Ningde notice (2016) states no start of its own, so the year follows domain.md and 1 January is assumed.',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['provinceCode'],
        note: 'The figures come from a Ningde city notice; applying them to all of Fujian is an assumption (the certificate is provincial).',
      },
    ],
  },
  {
    id: 'IT2-51',
    provinceCode: '51',
    version: '2.0',
    name: '信息技术应用能力提升工程 2.0 (四川)',
    validFrom: '2019-01-01',
    validTo: null,
    periodYears: 3,
    minTotalHoursMilli: 50 * HOUR,
    minOnlineHoursMilli: 20 * HOUR,
    minPracticeHoursMilli: 30 * HOUR,
    issuer: '四川省教育厅',
    requiresPreAssessment: false,
    requiresCityOfficeReview: false,
    retirementExemptionYears: 5,
    requiredProofs: [],
    microAbilities: {
      microAbilityCount: 30,
      environments: ['多媒体教学环境 (multimedia)', '混合学习环境 (blended)', '智慧学习环境 (smart)'],
      dimensions: ['学情分析 (learning analysis)', '教学设计 (instructional design)', '学法指导 (learning guidance)', '学业评价 (assessment)'],
    },
    sources: [
      {
        kind: 'PUBLIC_SOURCE',
        fields: ['periodYears', 'minTotalHoursMilli', 'minOnlineHoursMilli', 'minPracticeHoursMilli', 'microAbilities'],
        note: 'Sichuan 2.0: ≥ 50 学时 in 3 years, ≥ 20 online and ≥ 30 practice; 30 micro-abilities over 3 environments × 4 dimensions.',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['microAbilities'],
        note: 'Names of the environments and dimensions follow the national 2.0 framework, not a Sichuan document.',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['validFrom', 'validTo'],
        note: '2.0 is "from 2019" in public sources only ("in none of the notices"); the Sichuan notice 省执行办 2017 第01号 is about 1.0, and its 2019-01-01 (the completion certificate becomes a title precondition) is not the start of 2.0. The day (1 January) and the open end stay assumed.',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['requiresPreAssessment', 'requiresCityOfficeReview'],
        note: 'Not stated for 2.0; set to false so no certificate waits on a step nobody confirmed. Set true here if the Sichuan notice requires it.',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['retirementExemptionYears'],
        note: 'The 5-year retirement exemption is from the 1.0 (Ningde) notice; carried over to Sichuan 2.0 by assumption.',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['issuer'],
        note: 'The 2.0 certificate is taken to be provincial (四川省教育厅); no Sichuan 2.0 notice here names the issuer.',
      },
    ],
  },
  {
    id: 'IT1-51',
    provinceCode: '51',
    version: '1.0',
    name: '信息技术应用能力提升工程 1.0 (四川, 省执行办 2017 第01号)',
    validFrom: '2014-01-01',
    validTo: '2017-12-31',
    periodYears: null,
    minTotalHoursMilli: null,
    minOnlineHoursMilli: null,
    minPracticeHoursMilli: null,
    issuer: '教育部',
    requiresPreAssessment: false,
    requiresCityOfficeReview: false,
    retirementExemptionYears: null,
    requiredProofs: [],
    microAbilities: null,
    sources: [
      {
        kind: 'POLICY_NOTICE',
        fields: ['validTo', 'issuer', 'minTotalHoursMilli', 'minOnlineHoursMilli', 'minPracticeHoursMilli'],
        note: 'Sichuan notice 省执行办 2017 第01号: 全员培训 finished by the end of 2017; partner-programme passes (中国移动, 中国电信, 示范性网络研修与校本研修整合, 民族地区) from 2014 on yield the completion certificate 由教育部统一颁发; the notice sets no hours of its own.',
      },
      {
        kind: 'UNCONFIRMED',
        fields: ['validFrom', 'requiresPreAssessment', 'requiresCityOfficeReview', 'retirementExemptionYears'],
        note: 'The year 2014 is the notice\'s (passes "from 2014 on"), the day (1 January) is assumed; the notice states no pre-assessment, city office review or retirement exemption, so none is applied.',
      },
    ],
  },
];

const PROVINCE_CODE = /^[1-9]\d$/;

/**
 * The programme a province runs on `on`, or null when this product knows none (e.g. Sichuan
 * in 2018, between 1.0 and 2.0, or a province with no programme configured). Takes the two-digit province code,
 * not a six-digit region code: callers cut `regionCode.slice(0, 2)` on purpose.
 */
export function programmeFor(provinceCode: string, on: IsoDate): ItProgramme | null {
  if (!PROVINCE_CODE.test(provinceCode)) {
    throw badInput(`"${provinceCode}" is not a two-digit GB/T 2260 province code such as 51.`, {
      field: 'provinceCode',
      rule: 'PROVINCE_CODE_FORMAT',
    });
  }
  if (!isValidIsoDate(on)) {
    throw badInput(`"${on}" is not a calendar date written as YYYY-MM-DD.`, { field: 'on', rule: 'DATE_FORMAT' });
  }
  const running = PROGRAMMES.filter(
    (p) => p.provinceCode === provinceCode && p.validFrom <= on && (p.validTo === null || on <= p.validTo),
  );
  // Should two versions ever overlap in data, the newer one is the one teachers are working towards.
  return running.reduce<ItProgramme | null>((newest, p) => (newest === null || p.validFrom > newest.validFrom ? p : newest), null);
}

/** Fields of `programme` whose value nobody here could verify (for docs and admin screens). */
export function unconfirmedFields(programme: ItProgramme): (keyof ItProgramme)[] {
  return [...new Set(programme.sources.filter((s) => s.kind === 'UNCONFIRMED').flatMap((s) => s.fields))];
}
