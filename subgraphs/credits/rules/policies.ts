import type { CreditPolicyRules, HoursPerCredit, PolicySource, WorkflowRoles } from './policy';
import type { CreditDuties } from './duties';

/**
 * The credit policies this product ships, as data. Every value names its source
 * and whether anyone here verified it (`confirmed`); where no source gives a value
 * the policy says so rather than inventing certainty. Sources are the domain brief
 * (docs: shared/domain.md): "public sources" are published provincial rules.
 */

/** The national 十四五 cycle 2021–2025: the anchor used wherever no source gives a cycle start. */
const ASSUMED_CYCLE_START = 2021;
const CYCLE_START_ASSUMPTION: PolicySource = {
  field: 'cycleStartYear',
  source: "This product's assumption: cycles aligned with the national 十四五 cycle 2021–2025 (so also 2011–2015, 2016–2020).",
  confirmed: false,
};

/**
 * Who registers, reviews and verifies credits where no source says: schools and
 * institutions register (the system imports), the school or county bureau reviews,
 * bureaus verify — the "teacher enters, school reviews, each level above" pattern of
 * the national teacher management information system. Teachers do not register their
 * own credits because no source lets them.
 */
const DEFAULT_ROLES: WorkflowRoles = {
  register: ['SCHOOL_ADMIN', 'INSTITUTION', 'SYSTEM'],
  review: ['SCHOOL_ADMIN', 'COUNTY_BUREAU'],
  verify: ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'],
};
const DEFAULT_ROLES_ASSUMPTION: PolicySource = {
  field: 'roles',
  source: "This product's assumption, following the national teacher management system's review chain (school, then each level above).",
  confirmed: false,
};

const ONE_TO_ONE: HoursPerCredit = { hours: 1, credits: 1 };
const NO_CONVERSIONS: CreditPolicyRules['conversions'] = {
  CONCENTRATED: null,
  ONLINE: null,
  SCHOOL_BASED: null,
  IT_PRACTICE: null,
  IT_ONLINE: null,
  OTHER: null,
};

/** 360 学时 per 5 years, counted in 学时: applies wherever no province policy does. */
export const NATIONAL_FALLBACK: CreditPolicyRules = {
  id: 'national-360-per-5-years',
  provinceCode: '00',
  name: 'National fallback: ≥ 360 学时 per 5-year cycle',
  effectiveFrom: '2011-01-01',
  cycleYears: 5,
  cycleStartYear: ASSUMED_CYCLE_START,
  requiredPerCycleMilli: 360_000,
  requiredPerCycleByGroupMilli: {},
  requiredPerYearMilli: null,
  conversions: { CONCENTRATED: ONE_TO_ONE, ONLINE: ONE_TO_ONE, SCHOOL_BASED: ONE_TO_ONE, IT_PRACTICE: ONE_TO_ONE, IT_ONLINE: ONE_TO_ONE, OTHER: ONE_TO_ONE },
  specialShares: {},
  categoryCapsMilli: {},
  roles: DEFAULT_ROLES,
  sources: [
    { field: 'requiredPerCycleMilli', source: 'National rule: ≥ 360 学时 per 5-year cycle for teaching-qualification re-registration (public sources).', confirmed: true },
    { field: 'cycleYears', source: 'National rule: 5-year cycles, matching 教师资格定期注册 every 5 years (public sources).', confirmed: true },
    CYCLE_START_ASSUMPTION,
    {
      field: 'effectiveFrom',
      source: "This product's assumption: the 2011 national opinion on teacher training is taken as the start of the 360-学时 rule; not verified here.",
      confirmed: false,
    },
    {
      field: 'conversions',
      source: "This product's assumption: the national requirement is counted in 学时, so one 学时 of any kind counts as one unit.",
      confirmed: false,
    },
    DEFAULT_ROLES_ASSUMPTION,
  ],
};

/** Zhejiang: ≥ 360 credits per cycle and ≥ 24 every year; hours-to-credit formula unknown. */
export const ZHEJIANG: CreditPolicyRules = {
  id: 'zhejiang-360-per-cycle-24-per-year',
  provinceCode: '33',
  name: 'Zhejiang: ≥ 360 credits per 5-year cycle, ≥ 24 every year',
  effectiveFrom: '2021-01-01',
  cycleYears: 5,
  cycleStartYear: ASSUMED_CYCLE_START,
  requiredPerCycleMilli: 360_000,
  requiredPerCycleByGroupMilli: {},
  requiredPerYearMilli: 24_000,
  conversions: NO_CONVERSIONS,
  specialShares: { PRINCIPAL_TRAINING: 50, PROBATION_TRAINING: 0 },
  categoryCapsMilli: {},
  roles: DEFAULT_ROLES,
  sources: [
    { field: 'requiredPerCycleMilli', source: 'Zhejiang: ≥ 360 credits per cycle (public sources).', confirmed: true },
    { field: 'requiredPerYearMilli', source: 'Zhejiang: ≥ 24 credits every year (public sources).', confirmed: true },
    { field: 'cycleYears', source: 'National 5-year cycle; Zhejiang sources name a cycle without its length here.', confirmed: false },
    CYCLE_START_ASSUMPTION,
    { field: 'effectiveFrom', source: "This product's assumption: no start date known; applied from the assumed cycle start.", confirmed: false },
    {
      field: 'conversions',
      source: 'Zhejiang hours-to-credit formula: unconfirmed, so credits must be registered explicitly (training projects declare them).',
      confirmed: false,
    },
    {
      field: 'specialShares.PRINCIPAL_TRAINING',
      source: 'Zhejiang: new principals need ≥ 300 credits (≥ 90 concentrated), 50 % counted toward the cycle (public sources).',
      confirmed: true,
    },
    {
      field: 'specialShares.PROBATION_TRAINING',
      source: 'Zhejiang: new hires need ≥ 180 credits in probation (≥ 80 practical), not counted toward the cycle (public sources).',
      confirmed: true,
    },
    DEFAULT_ROLES_ASSUMPTION,
  ],
};

const CHANGSHA_2013_VALUES: Omit<CreditPolicyRules, 'id' | 'provinceCode' | 'regionPrefix' | 'name' | 'effectiveFrom' | 'sources'> = {
  cycleYears: 5,
  cycleStartYear: ASSUMED_CYCLE_START,
  requiredPerCycleMilli: 360_000,
  requiredPerCycleByGroupMilli: { BACKBONE: 400_000 },
  requiredPerYearMilli: 30_000,
  conversions: NO_CONVERSIONS,
  specialShares: {},
  categoryCapsMilli: {},
  roles: DEFAULT_ROLES,
};

/** Changsha (Hunan) 2013 rules: registered yearly, checked per cycle. */
export const CHANGSHA_2013: CreditPolicyRules = {
  id: 'changsha-2013',
  provinceCode: '43',
  regionPrefix: '4301',
  name: 'Changsha 2013: ≥ 30 per year, ≥ 360 per cycle, backbone teachers ≥ 400',
  effectiveFrom: '2013-01-01',
  ...CHANGSHA_2013_VALUES,
  sources: [
    { field: 'requiredPerYearMilli', source: 'Changsha 2013 rules: ≥ 30 per year, registered yearly (public sources).', confirmed: true },
    { field: 'requiredPerCycleMilli', source: 'Changsha 2013 rules: ≥ 360 per cycle (public sources).', confirmed: true },
    { field: 'requiredPerCycleByGroupMilli.BACKBONE', source: 'Changsha 2013 rules: backbone teachers (骨干教师) ≥ 400 (public sources).', confirmed: true },
    { field: 'effectiveFrom', source: 'Changsha 2013 rules: the year is sourced, the day (1 January) is assumed.', confirmed: false },
    { field: 'cycleYears', source: 'Changsha checks per cycle; the 5-year length is the national one, assumed here.', confirmed: false },
    CYCLE_START_ASSUMPTION,
    { field: 'conversions', source: 'No Changsha hours-to-credit formula known: credits must be registered explicitly.', confirmed: false },
    DEFAULT_ROLES_ASSUMPTION,
  ],
};

/**
 * Changsha 2019 rules, which replace earlier ones where they conflict. Their numbers
 * are unconfirmed, so the 2013 values are carried over, each flagged unconfirmed:
 * the policy exists so that records from 2019 on are judged under the right rules
 * once the numbers are known.
 */
export const CHANGSHA_2019: CreditPolicyRules = {
  id: 'changsha-2019',
  provinceCode: '43',
  regionPrefix: '4301',
  name: 'Changsha 2019 (numbers carried over from 2013, unconfirmed)',
  effectiveFrom: '2019-01-01',
  ...CHANGSHA_2013_VALUES,
  sources: [
    { field: 'effectiveFrom', source: 'Changsha 2019 rules replace earlier ones where they conflict; the day (1 January) is assumed.', confirmed: false },
    { field: 'requiredPerYearMilli', source: 'Copied from Changsha 2013 (≥ 30 per year); the 2019 value is unconfirmed.', confirmed: false },
    { field: 'requiredPerCycleMilli', source: 'Copied from Changsha 2013 (≥ 360 per cycle); the 2019 value is unconfirmed.', confirmed: false },
    { field: 'requiredPerCycleByGroupMilli.BACKBONE', source: 'Copied from Changsha 2013 (backbone ≥ 400); the 2019 value is unconfirmed.', confirmed: false },
    { field: 'cycleYears', source: 'The 5-year length is the national one, assumed here.', confirmed: false },
    CYCLE_START_ASSUMPTION,
    { field: 'conversions', source: 'No Changsha hours-to-credit formula known: credits must be registered explicitly.', confirmed: false },
    DEFAULT_ROLES_ASSUMPTION,
  ],
};

/**
 * Jiangxi, from a county's published practice, applied province-wide because the
 * county is not identified: concentrated 10 学时 = 1 credit, online 20 学时 = 1 credit,
 * principal training counted at 50 %. The county teacher school (教师进修学校, an
 * institution) registers, reviews and verifies; schools register and review their
 * own school-run training.
 */
/**
 * Jiangxi: the county teacher school of the teacher's county registers, reviews and verifies, and
 * a credit counts once verified (验证); a school registers and reviews its own teachers' school-run
 * credits and reports them up (上报) to that county school, which verifies only what was reported.
 */
export const JIANGXI_DUTIES: CreditDuties = {
  registrarMayNotReview: true,
  reviewerMayNotVerify: true,
  institutionActsAs: 'COUNTY_TEACHER_SCHOOL',
  earnedStatuses: ['VERIFIED'],
  reportedBy: ['SCHOOL_ADMIN'],
};

export const JIANGXI: CreditPolicyRules = {
  id: 'jiangxi-county-practice',
  provinceCode: '36',
  name: 'Jiangxi (county practice): concentrated 10 学时 = 1 credit, online 20 学时 = 1 credit',
  effectiveFrom: '2021-01-01',
  cycleYears: 5,
  cycleStartYear: ASSUMED_CYCLE_START,
  requiredPerCycleMilli: 360_000,
  requiredPerCycleByGroupMilli: {},
  requiredPerYearMilli: null,
  conversions: { ...NO_CONVERSIONS, CONCENTRATED: { hours: 10, credits: 1 }, ONLINE: { hours: 20, credits: 1 } },
  specialShares: { PRINCIPAL_TRAINING: 50 },
  categoryCapsMilli: {},
  roles: {
    register: ['INSTITUTION', 'SCHOOL_ADMIN', 'SYSTEM'],
    review: ['INSTITUTION', 'SCHOOL_ADMIN'],
    verify: ['INSTITUTION'],
  },
  duties: JIANGXI_DUTIES,
  sources: [
    { field: 'conversions.CONCENTRATED', source: 'Jiangxi county practice: concentrated training 10 学时 = 1 credit (public sources).', confirmed: true },
    { field: 'conversions.ONLINE', source: 'Jiangxi county practice: online training 20 学时 = 1 credit (public sources).', confirmed: true },
    {
      field: 'conversions',
      source: 'No ratio known for school-based, IT-practice or other training: such credits must be registered explicitly.',
      confirmed: false,
    },
    { field: 'specialShares.PRINCIPAL_TRAINING', source: 'Jiangxi county practice: principal training counted at 50 % (public sources).', confirmed: true },
    { field: 'requiredPerCycleMilli', source: 'Unknown for Jiangxi: the national 360 per cycle is used.', confirmed: false },
    { field: 'cycleYears', source: 'Unknown for Jiangxi: the national 5-year cycle is used.', confirmed: false },
    CYCLE_START_ASSUMPTION,
    { field: 'effectiveFrom', source: "This product's assumption: no start date known; applied from the assumed cycle start.", confirmed: false },
    { field: 'provinceCode', source: 'A county example applied to the whole province, since the county is not identified.', confirmed: false },
    {
      field: 'roles',
      source: 'Jiangxi county practice: the county teacher school registers → reviews → verifies; schools register and review their own school-run credits (public sources).',
      confirmed: true,
    },
    { field: 'roles.register.SYSTEM', source: "This product's assumption: platform imports register credits as the system.", confirmed: false },
    {
      field: 'duties',
      source:
        'Jiangxi county practice (seed): 县教师进修学校…负责全县教师培训学分的登记、审核与验证; 各中小学…负责本校教师培训学分的登记、审核、上报. ' +
        "That registrar, reviewer and verifier are different people, and that only verified credits count, are this product's reading.",
      confirmed: false,
    },
    {
      field: 'duties.reportedBy',
      source:
        'Jiangxi county practice (seed): 各中小学…负责本校教师培训学分的登记、审核、上报 — a school reports (上报) the credits it reviewed to the county teacher school. ' +
        "That the county teacher school verifies only reported records is this product's reading.",
      confirmed: false,
    },
  ],
};

export const SHIPPED_POLICIES: readonly CreditPolicyRules[] = [NATIONAL_FALLBACK, ZHEJIANG, CHANGSHA_2013, CHANGSHA_2019, JIANGXI];
