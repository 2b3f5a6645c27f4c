/**
 * A deterministic demo province: Sichuan (四川省, 510000) with schools, teachers, training
 * institutions, projects, classes, enrollments, credits and certificates, used to seed the
 * four subgraphs and to benchmark at province scale (≈ 740,000 teachers, domain.md).
 *
 * Everything comes from one seeded PRNG, so a seed always yields the same province. Each
 * teacher is generated together with their enrollments, credits and certificates in one
 * pass, so time and memory grow linearly with the number of teachers.
 *
 * Demo assumptions (not policy): one 学时 counts as one credit, as in the national
 * 360 学时 per cycle; any teacher may join any class open to their school category (no
 * regional targeting); "today" is 2026-11-24 and records were extracted on 2026-11-20.
 */
import { addYears, type IsoDate } from '../kit/date';
import { checkCharacter, type Sex } from '../standards/id-number';
import { parentRegionCode, regionLevel, type RegionLevel } from '../standards/region-code';
import { statutoryRetirementDate } from '../subgraphs/teachers/rules/retirement';
import { SCHOOL_TYPES, schoolCategory, stagesOfSchoolType } from '../subgraphs/teachers/rules/schools';
import type { SchoolCategory, SchoolType, TeachingStage } from '../subgraphs/teachers/__generated__/resolvers-types';
import { SEAT_HOLDING_STATUSES } from '../subgraphs/training/rules/enrollment';
import { SICHUAN_CODE_VERSION, SICHUAN_REGIONS } from './data/sichuan-regions';

// ---------------------------------------------------------------------------------------------
// Output shape
// ---------------------------------------------------------------------------------------------

export type TeacherTitle = 'NONE' | 'JUNIOR' | 'INTERMEDIATE' | 'ASSOCIATE_SENIOR' | 'SENIOR';
export type InstitutionKind =
  | 'NORMAL_UNIVERSITY'
  | 'OTHER_UNIVERSITY'
  | 'PROVINCIAL_INSTITUTION'
  | 'REMOTE_TRAINING_INSTITUTION'
  | 'COUNTY_TEACHER_SCHOOL';
export type ProjectLevel = 'NATIONAL' | 'PROVINCIAL' | 'CITY' | 'COUNTY' | 'SCHOOL';
export type ProjectMode = 'OFFLINE' | 'ONLINE' | 'HYBRID';
export type ProjectStatus = 'PUBLISHED' | 'CLOSED' | 'APPROVED' | 'SUBMITTED';
export type DemoEnrollmentStatus = 'SELECTED' | 'SCHOOL_APPROVED' | 'CONFIRMED' | 'COMPLETED' | 'FAILED' | 'WITHDRAWN';
export type CreditSource = 'TRAINING_COMPLETION' | 'SCHOOL_BASED' | 'EXTERNAL_PROGRAMME' | 'DEGREE_STUDY' | 'OTHER_CONVERTED';
export type CreditCategory = 'CONCENTRATED' | 'ONLINE' | 'SCHOOL_BASED' | 'IT_PRACTICE' | 'OTHER';
export type CreditStatus = 'REGISTERED' | 'APPROVED' | 'VERIFIED' | 'REJECTED';
export type CertificateKind = 'IT_CAPABILITY_COMPLETION' | 'DEVELOPMENT_ASSESSMENT' | 'PROJECT_COMPLETION';
export type CertificateStatus = 'ISSUED' | 'REVOKED' | 'REISSUED';

export interface DemoRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  codeVersion: string;
}

export interface DemoSchool {
  id: string;
  name: string;
  type: SchoolType;
  category: SchoolCategory;
  ownership: 'PUBLIC' | 'PRIVATE';
  rural: boolean;
  regionCode: string;
}

export interface DemoTeacher {
  id: string;
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: string;
  phone: string | null;
  schoolId: string;
  stage: TeachingStage;
  subject: string;
  title: TeacherTitle;
  hireDate: string;
  retirementDate: string;
}

export interface DemoInstitution {
  id: string;
  name: string;
  kind: InstitutionKind;
  regionCode: string;
  accreditedSince: string;
}

export interface DemoProject {
  id: string;
  code: string;
  title: string;
  level: ProjectLevel;
  mode: ProjectMode;
  totalCreditsMilli: number;
  onlineCreditsMilli: number;
  term: string;
  status: ProjectStatus;
  leaderName: string;
  leaderTitle: string;
  feeTrainingMilli: number;
  feeAccommodationMilli: number;
  feeMealsMilli: number;
  institutionId: string;
}

export interface DemoClass {
  id: string;
  projectId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  schedulePublishedOn: string | null;
}

export interface DemoEnrollment {
  id: string;
  teacherId: string;
  schoolId: string;
  classId: string;
  round: number;
  status: DemoEnrollmentStatus;
  selectedOn: string;
  hoursAttendedMilli: number | null;
  onlineHoursMilli: number | null;
  completedOn: string | null;
}

export interface DemoCreditRecord {
  id: string;
  teacherId: string;
  source: CreditSource;
  category: CreditCategory;
  onlineHoursMilli: number;
  offlineHoursMilli: number;
  creditsMilli: number;
  earnedOn: string;
  status: CreditStatus;
  trainingProjectId: string | null;
  enrollmentId: string | null;
}

export interface DemoCertificate {
  number: string;
  kind: CertificateKind;
  teacherId: string;
  issuer: string;
  /** 发证机构 when it is a training institution (project completion certificates); null for the provincial bodies. */
  issuingInstitutionId: string | null;
  issuedOn: string;
  status: CertificateStatus;
  replacesNumber: string | null;
}

export interface DemoProvince {
  regions: DemoRegion[];
  schools: DemoSchool[];
  teachers: DemoTeacher[];
  institutions: DemoInstitution[];
  projects: DemoProject[];
  classes: DemoClass[];
  enrollments: DemoEnrollment[];
  creditRecords: DemoCreditRecord[];
  certificates: DemoCertificate[];
}

export interface DemoProvinceOptions {
  /** Number of teachers; default 2000. */
  teachers?: number;
  /** PRNG seed; default 20200120 (the day Zhejiang's 2020 projects were published). */
  seed?: number;
}

const DEFAULT_TEACHERS = 2000;
const DEFAULT_SEED = 20200120;

// ---------------------------------------------------------------------------------------------
// Dates as day numbers
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;

function dayOf(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** Millions of rows share a few thousand dates: one string per day keeps memory flat at scale. */
const DATE_TEXT = new Map<number, IsoDate>();

function isoOf(day: number): IsoDate {
  let text = DATE_TEXT.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    DATE_TEXT.set(day, text);
  }
  return text;
}

function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

function firstDayOfYear(year: number): number {
  return dayOf(`${year}-01-01`);
}

const TODAY_DATE: IsoDate = '2026-11-24';
const TODAY = dayOf(TODAY_DATE);
/** Credits and completions are on record up to the extraction date. */
const RECORDS_UNTIL = dayOf('2026-11-20');
/** Start of the 2021–2025 cycle: credit records begin here. */
const FIRST_CREDIT_DAY = dayOf('2021-01-01');
const LATEST_HIRE_DAY = dayOf('2026-06-30');
/** The first teacher is a settled mid-career teacher, so the guarantees tests rely on hold. */
const FIRST_TEACHER_LATEST_HIRE_DAY = dayOf('2019-06-30');
/** The registry still holds some teachers who retired during the current cycle, with their records. */
const REGISTRY_RETIRED_SINCE = '2022-01-01';
const RETIRED_KEPT_SHARE = 0.3;
const MINIMUM_HIRE_AGE = 20;

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

const HEX_DIGIT_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const DASH_CODE = '-'.charCodeAt(0);
const UUID_DASH_POSITIONS = new Set([8, 13, 18, 23]);

/** mulberry32: tiny and fast; the same seed gives the same province on every machine. */
class Random {
  private state: number;
  private readonly uuidCodes: number[] = new Array<number>(36).fill(0);

  constructor(seed: number) {
    this.state = seed | 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /**
   * UUID-shaped (version 4 layout) so databases that check the form accept it. Built from
   * character codes because V8 keeps concatenated strings as ropes, several times larger
   * than a flat string: that matters with ten million ids.
   */
  uuid(): string {
    const codes = this.uuidCodes;
    let position = 0;
    for (let word = 0; word < 4; word += 1) {
      let bits = this.uint32();
      if (word === 1) bits = (bits & 0xffff0fff) | 0x00004000;
      if (word === 2) bits = (bits & 0x3fffffff) | 0x80000000;
      for (let shift = 28; shift >= 0; shift -= 4) {
        if (UUID_DASH_POSITIONS.has(position)) codes[position++] = DASH_CODE;
        codes[position++] = HEX_DIGIT_CODES[(bits >>> shift) & 15];
      }
    }
    return String.fromCharCode.apply(null, codes);
  }
}

/** A fixed discrete distribution, sampled by binary search over cumulative weights. */
class Weighted<T> {
  private readonly values: T[] = [];
  private readonly bounds: number[] = [];

  constructor(entries: Iterable<readonly [T, number]>) {
    let total = 0;
    for (const [value, weight] of entries) {
      total += weight;
      this.values.push(value);
      this.bounds.push(total);
    }
  }

  pick(rng: Random): T {
    const r = rng.next() * this.bounds[this.bounds.length - 1];
    let lo = 0;
    let hi = this.bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r < this.bounds[mid]) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }

  mean(toNumber: (value: T) => number): number {
    let sum = 0;
    let previous = 0;
    this.values.forEach((value, i) => {
      sum += toNumber(value) * (this.bounds[i] - previous);
      previous = this.bounds[i];
    });
    return sum / previous;
  }
}

function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  return new Weighted(entries);
}

/** A uniform day in [from, to], or undefined when the window is empty. */
function dayBetween(rng: Random, from: number, to: number): number | undefined {
  return from > to ? undefined : rng.int(from, to);
}

/** `total` split into `parts` sizes of roughly equal (±40 %) weight. */
function splitTotal(rng: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.6 + 0.8 * rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i += 1, rest -= 1) sizes[i % parts] += 1;
  return sizes;
}

function shuffle<T>(rng: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

const CHINESE_DIGITS = '零一二三四五六七八九';
const CHINESE_UNITS = ['', '十', '百', '千', '万'];

/** 1 → 一, 12 → 十二, 105 → 一百零五: ordinals in school and class names. */
function chineseNumeral(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n];
  if (n < 20) return `十${n % 10 === 0 ? '' : CHINESE_DIGITS[n % 10]}`;
  const digits = String(n);
  let text = '';
  let pendingZero = false;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[i]);
    if (digit === 0) {
      pendingZero = true;
      continue;
    }
    if (pendingZero) text += '零';
    pendingZero = false;
    text += CHINESE_DIGITS[digit] + CHINESE_UNITS[digits.length - 1 - i];
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------------

interface County {
  code: string;
  name: string;
  cityCode: string;
  /** The prefecture as schools are named after it: 成都市, 凉山州. */
  cityShortName: string;
  kind: 'DISTRICT' | 'COUNTY_CITY' | 'COUNTY';
}

/** 2020 census population in millions, rounded: spreads schools roughly the way pupils are. */
const CITY_POPULATION: Readonly<Record<string, number>> = {
  '510100': 20.9, '510300': 2.5, '510400': 1.2, '510500': 4.3, '510600': 3.5, '510700': 4.9, '510800': 2.3,
  '510900': 2.8, '511000': 3.1, '511100': 3.2, '511300': 5.6, '511400': 3.0, '511500': 4.6, '511600': 3.3,
  '511700': 5.4, '511800': 1.4, '511900': 2.7, '512000': 2.3, '513200': 0.8, '513300': 1.1, '513400': 4.9,
};

function buildRegions(): DemoRegion[] {
  return SICHUAN_REGIONS.map(({ code, name }) => ({
    code,
    name,
    level: regionLevel(code),
    parentCode: parentRegionCode(code),
    codeVersion: SICHUAN_CODE_VERSION,
  }));
}

/** 阿坝藏族羌族自治州 → 阿坝州, the form used in school names. */
function shortCityName(name: string): string {
  return name.replace(/(藏族羌族|藏族|彝族)自治州$/, '州');
}

function countyKind(name: string): County['kind'] {
  if (name.endsWith('区')) return 'DISTRICT';
  if (name.endsWith('市')) return 'COUNTY_CITY';
  return 'COUNTY';
}

function sichuanCounties(): County[] {
  const cityNames = new Map<string, string>();
  for (const region of SICHUAN_REGIONS) {
    if (regionLevel(region.code) === 'CITY') cityNames.set(region.code, shortCityName(region.name));
  }
  return SICHUAN_REGIONS.filter((region) => regionLevel(region.code) === 'COUNTY').map((region) => {
    const cityCode = parentRegionCode(region.code)!;
    return {
      code: region.code,
      name: region.name,
      cityCode,
      cityShortName: cityNames.get(cityCode) ?? '',
      kind: countyKind(region.name),
    };
  });
}

/** Counties weighted by their prefecture's population shared equally among its counties. */
function countyDistribution(counties: readonly County[]): Weighted<County> {
  const perCity = new Map<string, number>();
  for (const county of counties) perCity.set(county.cityCode, (perCity.get(county.cityCode) ?? 0) + 1);
  return weighted(counties.map((county) => [county, CITY_POPULATION[county.cityCode] / (perCity.get(county.cityCode) ?? 1)] as const));
}

// ---------------------------------------------------------------------------------------------
// Schools
// ---------------------------------------------------------------------------------------------

interface SchoolTypePlan {
  /** Share of the province's teachers: 幼儿园 13.1 %, 中小学 81.0 %, 中职 5.4 % (2017 notice), 特教 0.5 %. */
  teacherShare: number;
  meanTeachers: number;
  privateShare: number;
  /** Scales the county's rural share: senior secondary and vocational schools sit in towns. */
  ruralFactor: number;
}

const SCHOOL_PLANS: Readonly<Record<SchoolType, SchoolTypePlan>> = {
  KINDERGARTEN: { teacherShare: 0.131, meanTeachers: 10, privateShare: 0.45, ruralFactor: 1 },
  PRIMARY: { teacherShare: 0.36, meanTeachers: 16, privateShare: 0.05, ruralFactor: 1 },
  JUNIOR_SECONDARY: { teacherShare: 0.17, meanTeachers: 20, privateShare: 0.08, ruralFactor: 0.9 },
  SENIOR_SECONDARY: { teacherShare: 0.085, meanTeachers: 26, privateShare: 0.12, ruralFactor: 0.4 },
  COMPLETE_SECONDARY: { teacherShare: 0.095, meanTeachers: 30, privateShare: 0.1, ruralFactor: 0.5 },
  NINE_YEAR: { teacherShare: 0.1, meanTeachers: 18, privateShare: 0.08, ruralFactor: 1.1 },
  VOCATIONAL: { teacherShare: 0.054, meanTeachers: 24, privateShare: 0.2, ruralFactor: 0.5 },
  SPECIAL_EDUCATION: { teacherShare: 0.005, meanTeachers: 8, privateShare: 0, ruralFactor: 0.3 },
};

const RURAL_SHARE: Readonly<Record<County['kind'], number>> = { DISTRICT: 0.15, COUNTY_CITY: 0.4, COUNTY: 0.65 };

/** Public schools: the first of a kind in a county is often 实验 (experimental) or unnumbered. */
const PUBLIC_SCHOOL_NAMES: Readonly<Record<SchoolType, { first: string | null; numbered: string }>> = {
  KINDERGARTEN: { first: '实验幼儿园', numbered: '幼儿园' },
  PRIMARY: { first: '实验小学', numbered: '小学' },
  JUNIOR_SECONDARY: { first: null, numbered: '初级中学' },
  SENIOR_SECONDARY: { first: null, numbered: '高级中学' },
  COMPLETE_SECONDARY: { first: null, numbered: '中学' },
  NINE_YEAR: { first: null, numbered: '九年一贯制学校' },
  VOCATIONAL: { first: '职业高级中学', numbered: '职业高级中学' },
  SPECIAL_EDUCATION: { first: '特殊教育学校', numbered: '特殊教育学校' },
};

const PRIVATE_SCHOOL_SUFFIX: Readonly<Record<SchoolType, string>> = {
  KINDERGARTEN: '幼儿园',
  PRIMARY: '小学',
  JUNIOR_SECONDARY: '中学',
  SENIOR_SECONDARY: '高级中学',
  COMPLETE_SECONDARY: '中学',
  NINE_YEAR: '学校',
  VOCATIONAL: '职业技术学校',
  SPECIAL_EDUCATION: '特殊教育学校',
};

const KINDERGARTEN_BRANDS = ['金苹果', '小天使', '七彩阳光', '蓝天', '启明星', '童心', '彩虹', '小太阳', '春芽', '贝贝'];
const SCHOOL_BRANDS = ['育才', '英才', '博雅', '华英', '明德', '启航', '德润', '文翰', '崇德', '锦城'];

interface PlannedSchool {
  school: DemoSchool;
  county: County;
  teacherCount: number;
}

// ---------------------------------------------------------------------------------------------
// Teachers
// ---------------------------------------------------------------------------------------------

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
/** The commonest surnames dominate, as in any Chinese registry. */
const SURNAME_PICKER = weighted(SURNAMES.map((surname, i) => [surname, i < 10 ? 6 : i < 30 ? 3 : 1] as const));
const FEMALE_GIVEN = [...'芳娟敏静丽艳燕霞玲婷雪琳洁慧颖倩莉佳欣怡梅红兰琴蓉媛晓雯璐萍丹露瑶嘉思雨梦月秀英萌悦钰'];
const MALE_GIVEN = [...'伟强磊军勇杰涛明超斌鹏辉华刚波浩宇俊峰林健飞凯毅平东亮龙帆博文志建国成鑫宏海洋晨昊翔旭阳川'];

const FEMALE_SHARE: Readonly<Record<TeachingStage, number>> = {
  KINDERGARTEN: 0.97,
  PRIMARY: 0.72,
  JUNIOR_SECONDARY: 0.58,
  SENIOR_SECONDARY: 0.5,
  VOCATIONAL: 0.5,
  SPECIAL_EDUCATION: 0.75,
};

/** Few teachers near 60, most between 30 and 55 in 2026. */
const BIRTH_YEARS = weighted(
  Array.from({ length: 2001 - 1962 + 1 }, (_, i) => {
    const year = 1962 + i;
    const weight = year <= 1966 ? 1 : year <= 1971 ? 2 : year <= 1994 ? 3.2 : 2;
    return [year, weight] as const;
  }),
);

const SUBJECTS: Readonly<Record<TeachingStage, Weighted<string>>> = {
  KINDERGARTEN: weighted([['学前教育', 88], ['音乐', 4], ['美术', 4], ['体育', 4]]),
  PRIMARY: weighted([
    ['语文', 34], ['数学', 28], ['英语', 10], ['道德与法治', 5], ['科学', 6], ['音乐', 5], ['体育', 6], ['美术', 4], ['信息技术', 2],
  ]),
  JUNIOR_SECONDARY: weighted([
    ['语文', 16], ['数学', 16], ['英语', 14], ['物理', 7], ['化学', 6], ['生物', 6], ['历史', 6], ['地理', 6],
    ['道德与法治', 7], ['音乐', 3], ['体育', 7], ['美术', 3], ['信息技术', 3],
  ]),
  SENIOR_SECONDARY: weighted([
    ['语文', 14], ['数学', 14], ['英语', 13], ['物理', 9], ['化学', 8], ['生物', 8], ['历史', 7], ['地理', 7],
    ['思想政治', 7], ['体育', 6], ['音乐', 2], ['美术', 2], ['信息技术', 3],
  ]),
  VOCATIONAL: weighted([
    ['语文', 10], ['数学', 10], ['英语', 8], ['机电技术', 12], ['计算机应用', 14], ['会计', 10], ['汽车运用与维修', 9],
    ['电子商务', 9], ['护理', 6], ['旅游服务与管理', 6], ['幼儿保育', 6],
  ]),
  SPECIAL_EDUCATION: weighted([['特殊教育', 60], ['康复训练', 20], ['生活语文', 10], ['生活数学', 10]]),
};

/** Titles by years of service: 二级 (JUNIOR) after probation, 一级 (INTERMEDIATE), 高级 (ASSOCIATE_SENIOR), 正高级 (SENIOR). */
const TITLES_BY_SERVICE: readonly { maxYears: number; titles: Weighted<TeacherTitle> }[] = [
  { maxYears: 3, titles: weighted([['NONE', 60], ['JUNIOR', 40]]) },
  { maxYears: 8, titles: weighted([['JUNIOR', 70], ['INTERMEDIATE', 30]]) },
  { maxYears: 15, titles: weighted([['JUNIOR', 20], ['INTERMEDIATE', 65], ['ASSOCIATE_SENIOR', 15]]) },
  { maxYears: 25, titles: weighted([['INTERMEDIATE', 55], ['ASSOCIATE_SENIOR', 43], ['SENIOR', 2]]) },
  { maxYears: Infinity, titles: weighted([['INTERMEDIATE', 40], ['ASSOCIATE_SENIOR', 55], ['SENIOR', 5]]) },
];

const MOBILE_SECOND_DIGITS = ['3', '5', '7', '8', '9'];
const PHONE_SHARE = 0.9;
/** Share of teachers whose ID number was issued where they were born, not where they teach. */
const BORN_ELSEWHERE_SHARE = 0.15;

interface Career {
  hireDay: number;
  retireDay: number;
  nearRetirement: boolean;
}

// ---------------------------------------------------------------------------------------------
// Training institutions, terms, projects
// ---------------------------------------------------------------------------------------------

interface InstitutionSlot {
  row: DemoInstitution;
  /** What its county and school-level project titles start with (锦江区); `cityName` (成都市) for city level. */
  placeName: string;
  cityName: string;
}

const PROVINCE_WIDE_INSTITUTIONS: readonly Omit<DemoInstitution, 'id'>[] = [
  { name: '四川师范大学', kind: 'NORMAL_UNIVERSITY', regionCode: '510100', accreditedSince: '2012-03-01' },
  { name: '西华师范大学', kind: 'NORMAL_UNIVERSITY', regionCode: '511300', accreditedSince: '2012-03-01' },
  { name: '成都大学', kind: 'OTHER_UNIVERSITY', regionCode: '510100', accreditedSince: '2015-09-01' },
  { name: '四川省教育科学研究院', kind: 'PROVINCIAL_INSTITUTION', regionCode: '510000', accreditedSince: '2011-06-01' },
  { name: '四川开放大学', kind: 'REMOTE_TRAINING_INSTITUTION', regionCode: '510100', accreditedSince: '2013-05-01' },
];

/** County teacher schools (教师进修学校) of the default demo; 西昌 was accredited less than a year before 2020-01-20. */
const NAMED_COUNTY_SCHOOLS: readonly { countyCode: string; accreditedSince: string }[] = [
  { countyCode: '510104', accreditedSince: '2014-09-01' },
  { countyCode: '511321', accreditedSince: '2016-03-01' },
  { countyCode: '513401', accreditedSince: '2019-06-18' },
];
/** One more county teacher school per this many teachers, so projects per school stay plausible. */
const TEACHERS_PER_COUNTY_SCHOOL = 4000;

/** Per-term project quotas of the declaration rules (domain.md); county teacher schools have none. */
const TERM_QUOTA: Readonly<Record<InstitutionKind, number>> = {
  NORMAL_UNIVERSITY: 80,
  OTHER_UNIVERSITY: 50,
  PROVINCIAL_INSTITUTION: 50,
  REMOTE_TRAINING_INSTITUTION: 35,
  COUNTY_TEACHER_SCHOOL: Infinity,
};
const NEWLY_ACCREDITED_QUOTA = 8;

interface Term {
  code: string;
  year: number;
  publishedDay: number;
  round1: readonly [number, number];
  round2: readonly [number, number];
  trainingFrom: number;
  trainingTo: number;
}

/** The Zhejiang 2020 calendar (domain.md), repeated each half-year: publish, two selection rounds, training. */
function termOf(year: number, half: 1 | 2): Term {
  const d = (monthDay: string): number => dayOf(`${year}-${monthDay}`);
  return half === 1
    ? {
        code: `${year}H1`,
        year,
        publishedDay: d('01-20'),
        round1: [d('02-06'), d('02-14')],
        round2: [d('02-26'), d('03-01')],
        trainingFrom: d('03-09'),
        trainingTo: d('08-31'),
      }
    : {
        code: `${year}H2`,
        year,
        publishedDay: d('07-20'),
        round1: [d('08-06'), d('08-14')],
        round2: [d('08-26'), d('09-01')],
        trainingFrom: d('09-09'),
        trainingTo: d('12-31'),
      };
}

/** Terms with enrollments (2020H1 … 2026H2) and the next one, declared but not yet open. */
const ENROLLMENT_TERMS: readonly Term[] = Array.from({ length: 14 }, (_, i) => termOf(2020 + Math.floor(i / 2), i % 2 === 0 ? 1 : 2));
const PLANNED_TERM = termOf(2027, 1);
const PLANNED_PROJECT_STATUSES: readonly ProjectStatus[] = ['APPROVED', 'SUBMITTED'];

const AUDIENCES = ['ALL', 'KINDERGARTEN', 'PRIMARY_AND_SECONDARY', 'VOCATIONAL'] as const;
type Audience = (typeof AUDIENCES)[number];
const AUDIENCE_INDEX: Readonly<Record<Audience, number>> = { ALL: 0, KINDERGARTEN: 1, PRIMARY_AND_SECONDARY: 2, VOCATIONAL: 3 };
/** Audiences of a term's projects after the first, which is always open to all teachers. */
const LATER_AUDIENCES = weighted<Audience>([['ALL', 30], ['PRIMARY_AND_SECONDARY', 50], ['KINDERGARTEN', 13], ['VOCATIONAL', 7]]);

const TOPICS: Readonly<Record<Audience, readonly string[]>> = {
  ALL: ['师德师风建设专题培训', '心理健康教育专题培训', '信息技术应用能力提升工程2.0专题培训', '新入职教师规范化培训', '班主任专业能力提升培训'],
  PRIMARY_AND_SECONDARY: [
    '中小学骨干教师教学能力提升培训',
    '义务教育新课标学科教学专题培训',
    '中小学作业设计与评价专题培训',
    '乡村中小学教师送教下乡培训',
    '中小学信息技术应用能力提升工程2.0整校推进培训',
  ],
  KINDERGARTEN: ['幼儿园教师保教能力提升培训', '幼儿园游戏活动组织专题培训', '乡村幼儿园教师跟岗研修'],
  VOCATIONAL: ['中职“双师型”教师专业技能培训', '中职专业课教师企业实践培训'],
};

const LEVELS = weighted<ProjectLevel>([['NATIONAL', 10], ['PROVINCIAL', 20], ['CITY', 25], ['COUNTY', 30], ['SCHOOL', 15]]);
const LEVEL_CODES: Readonly<Record<ProjectLevel, string>> = { NATIONAL: 'GP', PROVINCIAL: 'SP', CITY: 'CP', COUNTY: 'XP', SCHOOL: 'XB' };
const MODES: Readonly<Record<ProjectLevel, Weighted<ProjectMode>>> = {
  NATIONAL: weighted([['OFFLINE', 40], ['HYBRID', 35], ['ONLINE', 25]]),
  PROVINCIAL: weighted([['OFFLINE', 55], ['HYBRID', 25], ['ONLINE', 20]]),
  CITY: weighted([['OFFLINE', 50], ['HYBRID', 25], ['ONLINE', 25]]),
  COUNTY: weighted([['OFFLINE', 60], ['HYBRID', 20], ['ONLINE', 20]]),
  SCHOOL: weighted([['OFFLINE', 70], ['HYBRID', 20], ['ONLINE', 10]]),
};

/** Province-wide leaders hold at least an associate-senior title (副高); county projects may have 一级教师. */
const UNIVERSITY_TITLES = ['教授', '副教授'];
const SENIOR_TEACHER_TITLES = ['正高级教师', '高级教师'];
const COUNTY_LEADER_TITLES = ['高级教师', '一级教师'];

/** Concentrated training runs about six 学时 a day. */
const HOURS_PER_DAY = 6;
const CLASS_COUNTS = weighted([[1, 10], [2, 30], [3, 60]]);

interface ProjectSlot {
  row: DemoProject;
  institutionName: string;
}

type ClassPhase = 'PAST' | 'RUNNING' | 'FUTURE';

interface ClassSlot {
  row: DemoClass;
  project: ProjectSlot;
  startDay: number;
  endDay: number;
  phase: ClassPhase;
  seatsLeft: number;
}

// ---------------------------------------------------------------------------------------------
// Enrollments, credits, certificates
// ---------------------------------------------------------------------------------------------

/** About 85 % of teachers take one to three classes. */
const ENROLLMENT_COUNTS = weighted([[0, 15], [1, 50], [2, 25], [3, 10]]);
/** Seats offered per seat expected to be taken: lets late teachers still find a place. */
const SEAT_SLACK = 1.1;
/** A further choice in the same term goes to round 2 (only after choosing in round 1). */
const SECOND_ROUND_SHARE = 0.35;
/** Round 0: the bureau assigns the teacher directly (选派) instead of a selection round. */
const DIRECT_ASSIGNMENT_SHARE = 0.04;
const PLACEMENT_ATTEMPTS = 8;
const GUARANTEED_PLACEMENT_ATTEMPTS = 256;

const STATUS_BY_PHASE: Readonly<Record<ClassPhase, Weighted<DemoEnrollmentStatus>>> = {
  PAST: weighted([['COMPLETED', 88], ['FAILED', 4], ['WITHDRAWN', 8]]),
  RUNNING: weighted([['CONFIRMED', 92], ['WITHDRAWN', 8]]),
  FUTURE: weighted([['SELECTED', 25], ['SCHOOL_APPROVED', 35], ['CONFIRMED', 32], ['WITHDRAWN', 8]]),
};
const SEAT_HOLDING = new Set<string>(SEAT_HOLDING_STATUSES);

/** 校本研修 records a teacher registers in a year. */
const SCHOOL_BASED_PER_YEAR = weighted([[1, 65], [2, 28], [3, 7]]);
const SCHOOL_BASED_YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
/** IT 2.0 practice (30 学时 of practice) ran 2021–2023 in schools. */
const IT_PRACTICE_LAST_YEAR = 2023;

const PROVINCIAL_BUREAU = '四川省教育厅';
const DEVELOPMENT_ASSESSMENT_ISSUER = '四川省电化教育馆';
const CERTIFICATE_PREFIX: Readonly<Record<CertificateKind, string>> = {
  IT_CAPABILITY_COMPLETION: 'IT2',
  DEVELOPMENT_ASSESSMENT: 'DA',
  PROJECT_COMPLETION: 'PC',
};
const IT_ISSUE_YEARS = weighted([[2021, 15], [2022, 30], [2023, 35], [2024, 15], [2025, 5]]);
const ASSESSMENT_YEARS = weighted([[2022, 20], [2023, 25], [2024, 25], [2025, 20], [2026, 10]]);
/** Teachers within five years of retirement are exempt from the IT programme; few still take it. */
const IT_SHARE = 0.5;
const IT_SHARE_NEAR_RETIREMENT = 0.15;
const ASSESSMENT_SHARE = 0.12;
const PROJECT_CERTIFICATE_SHARE = 0.6;
const REVOKED_SHARE = 0.004;
const REISSUED_SHARE = 0.006;

interface Completion {
  enrollment: DemoEnrollment;
  project: ProjectSlot;
  completedDay: number;
}

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

class ProvinceBuilder {
  private readonly rng: Random;
  private readonly counties = sichuanCounties();
  private readonly countyPicker = countyDistribution(this.counties);
  private readonly out: DemoProvince = {
    regions: buildRegions(),
    schools: [],
    teachers: [],
    institutions: [],
    projects: [],
    classes: [],
    enrollments: [],
    creditRecords: [],
    certificates: [],
  };
  private readonly usedIdNumbers = new Set<string>();
  private readonly usedLeaderNames = new Set<string>();
  private readonly schoolOrdinals = new Map<string, number>();
  private readonly certificateSequences = new Map<string, number>();
  private readonly institutionsByKind = new Map<InstitutionKind, InstitutionSlot[]>();
  private readonly classSlots: ClassSlot[] = [];
  /** Class indices by enrollment term and audience. */
  private readonly pools: number[][][] = ENROLLMENT_TERMS.map(() => AUDIENCES.map(() => []));

  constructor(
    private readonly teacherCount: number,
    seed: number,
  ) {
    this.rng = new Random(seed);
  }

  build(): DemoProvince {
    const plannedSchools = this.planSchools();
    this.buildInstitutions();
    this.buildProjects();
    for (const planned of plannedSchools) {
      for (let i = 0; i < planned.teacherCount; i += 1) this.addTeacher(planned);
    }
    return this.out;
  }

  // --- schools ------------------------------------------------------------------------------

  private planSchools(): PlannedSchool[] {
    const teachersByType = this.teachersByType();
    const plan: { type: SchoolType; teacherCount: number }[] = [];
    for (const type of SCHOOL_TYPES) {
      const teachers = teachersByType.get(type) ?? 0;
      const schools = Math.max(1, Math.round(teachers / SCHOOL_PLANS[type].meanTeachers));
      for (const teacherCount of splitTotal(this.rng, teachers, schools)) plan.push({ type, teacherCount });
    }
    shuffle(this.rng, plan);
    return plan.map(({ type, teacherCount }) => {
      const county = this.countyPicker.pick(this.rng);
      const school = this.makeSchool(type, county);
      this.out.schools.push(school);
      return { school, county, teacherCount };
    });
  }

  /** Teachers per school type by the province's shares; rounding leftovers go to primary schools. */
  private teachersByType(): Map<SchoolType, number> {
    const counts = new Map<SchoolType, number>();
    let assigned = 0;
    for (const type of SCHOOL_TYPES) {
      const count = Math.floor(SCHOOL_PLANS[type].teacherShare * this.teacherCount);
      counts.set(type, count);
      assigned += count;
    }
    counts.set('PRIMARY', (counts.get('PRIMARY') ?? 0) + this.teacherCount - assigned);
    return counts;
  }

  private makeSchool(type: SchoolType, county: County): DemoSchool {
    const plan = SCHOOL_PLANS[type];
    const ownership = this.rng.chance(plan.privateShare) ? 'PRIVATE' : 'PUBLIC';
    return {
      id: this.rng.uuid(),
      name: this.schoolName(type, ownership, county),
      type,
      category: schoolCategory(type),
      ownership,
      rural: this.rng.chance(Math.min(1, RURAL_SHARE[county.kind] * plan.ruralFactor)),
      regionCode: county.code,
    };
  }

  /** `锦江区第一小学`, `成都市第七中学`, `青羊区实验幼儿园`; private ones by brand: `锦江区小天使幼儿园`. */
  private schoolName(type: SchoolType, ownership: 'PUBLIC' | 'PRIVATE', county: County): string {
    // 完全中学 are run by the prefecture and named after it; everything else after its county.
    const place = type === 'COMPLETE_SECONDARY' && ownership === 'PUBLIC' ? county.cityShortName : county.name;
    if (ownership === 'PRIVATE') {
      // Numbered per suffix, not per type: private junior and complete secondary schools are both 中学.
      const suffix = PRIVATE_SCHOOL_SUFFIX[type];
      const ordinal = this.nextSchoolOrdinal(`${place}|${suffix}`);
      const brands = type === 'KINDERGARTEN' ? KINDERGARTEN_BRANDS : SCHOOL_BRANDS;
      const brand = brands[(ordinal - 1) % brands.length];
      const repeat = Math.floor((ordinal - 1) / brands.length);
      return `${place}${brand}${repeat === 0 ? '' : `第${chineseNumeral(repeat + 1)}`}${suffix}`;
    }
    const ordinal = this.nextSchoolOrdinal(`${place}|${type}`);
    const { first, numbered } = PUBLIC_SCHOOL_NAMES[type];
    if (first === null) return `${place}第${chineseNumeral(ordinal)}${numbered}`;
    return ordinal === 1 ? `${place}${first}` : `${place}第${chineseNumeral(ordinal - 1)}${numbered}`;
  }

  private nextSchoolOrdinal(key: string): number {
    const ordinal = (this.schoolOrdinals.get(key) ?? 0) + 1;
    this.schoolOrdinals.set(key, ordinal);
    return ordinal;
  }

  // --- institutions and projects ------------------------------------------------------------

  private buildInstitutions(): void {
    for (const institution of PROVINCE_WIDE_INSTITUTIONS) this.addInstitution({ id: this.rng.uuid(), ...institution });
    const countySchools = Math.min(this.counties.length, Math.max(NAMED_COUNTY_SCHOOLS.length, Math.ceil(this.teacherCount / TEACHERS_PER_COUNTY_SCHOOL)));
    const named = new Set(NAMED_COUNTY_SCHOOLS.map((school) => school.countyCode));
    const others = this.counties.filter((county) => !named.has(county.code));
    for (let i = 0; i < countySchools; i += 1) {
      const fixed = NAMED_COUNTY_SCHOOLS[i];
      const county = fixed ? this.countyByCode(fixed.countyCode) : others[i - NAMED_COUNTY_SCHOOLS.length];
      const accreditedSince = fixed ? fixed.accreditedSince : isoOf(this.rng.int(dayOf('2010-01-01'), dayOf('2018-12-31')));
      this.addInstitution({
        id: this.rng.uuid(),
        name: `${county.name}教师进修学校`,
        kind: 'COUNTY_TEACHER_SCHOOL',
        regionCode: county.code,
        accreditedSince,
      });
    }
  }

  private countyByCode(code: string): County {
    const county = this.counties.find((candidate) => candidate.code === code);
    if (!county) throw new Error(`No county ${code} in SICHUAN_REGIONS`);
    return county;
  }

  private addInstitution(row: DemoInstitution): void {
    const level = regionLevel(row.regionCode);
    const county = level === 'COUNTY' ? this.countyByCode(row.regionCode) : undefined;
    const cityName =
      level === 'PROVINCE'
        ? '四川省'
        : county?.cityShortName ?? this.counties.find((candidate) => candidate.cityCode === row.regionCode)?.cityShortName ?? '';
    const slot: InstitutionSlot = { row, placeName: county?.name ?? cityName, cityName };
    const sameKind = this.institutionsByKind.get(row.kind) ?? [];
    sameKind.push(slot);
    this.institutionsByKind.set(row.kind, sameKind);
    this.out.institutions.push(row);
  }

  private institutionsOf(kind: InstitutionKind): InstitutionSlot[] {
    return this.institutionsByKind.get(kind) ?? [];
  }

  /**
   * Enough seats for the expected demand, spread evenly over the terms whatever the number
   * of teachers. Targets are cumulative so that rounding up to whole projects in one term
   * is made up in the next; every term has at least one project open to all teachers.
   */
  private buildProjects(): void {
    const seatsPerTerm = (this.teacherCount * ENROLLMENT_COUNTS.mean((n) => n) * SEAT_SLACK) / ENROLLMENT_TERMS.length;
    let seats = 0;
    ENROLLMENT_TERMS.forEach((term, termIndex) => {
      const used = new Map<InstitutionSlot, number>();
      const status: ProjectStatus = termIndex === ENROLLMENT_TERMS.length - 1 ? 'PUBLISHED' : 'CLOSED';
      for (let projects = 0; projects === 0 || seats < seatsPerTerm * (termIndex + 1); projects += 1) {
        const audience = projects === 0 ? 'ALL' : LATER_AUDIENCES.pick(this.rng);
        for (const slot of this.addProject(term, audience, status, used)) {
          this.pools[termIndex][AUDIENCE_INDEX[audience]].push(this.classSlots.length);
          this.classSlots.push(slot);
          seats += slot.row.capacity;
        }
      }
    });
    const used = new Map<InstitutionSlot, number>();
    for (const status of PLANNED_PROJECT_STATUSES) this.addProject(PLANNED_TERM, 'ALL', status, used);
  }

  private addProject(term: Term, audience: Audience, status: ProjectStatus, used: Map<InstitutionSlot, number>): ClassSlot[] {
    const level = LEVELS.pick(this.rng);
    const mode = MODES[level].pick(this.rng);
    const institution = this.chooseInstitution(level, term, used);
    const { total, online } = this.projectCredits(level, mode);
    const row: DemoProject = {
      id: this.rng.uuid(),
      code: `${LEVEL_CODES[level]}-${term.code}-${String(this.out.projects.length + 1).padStart(4, '0')}`,
      title: this.projectTitle(level, audience, total, term, institution),
      level,
      mode,
      totalCreditsMilli: total * 1000,
      onlineCreditsMilli: online * 1000,
      term: term.code,
      status,
      leaderName: this.uniqueLeaderName(),
      leaderTitle: this.leaderTitle(level, institution.row.kind),
      ...this.fees(level, total - online, online),
      institutionId: institution.row.id,
    };
    this.out.projects.push(row);
    const project: ProjectSlot = { row, institutionName: institution.row.name };
    const classCount = CLASS_COUNTS.pick(this.rng);
    return Array.from({ length: classCount }, (_, i) => this.addClass(project, term, i + 1, status));
  }

  /** The level's usual institutions while their term quota lasts, else a county teacher school. */
  private chooseInstitution(level: ProjectLevel, term: Term, used: Map<InstitutionSlot, number>): InstitutionSlot {
    const countySchools = this.institutionsOf('COUNTY_TEACHER_SCHOOL');
    const preferred = level === 'COUNTY' || level === 'SCHOOL' ? this.rng.pick(countySchools) : this.provinceWideFor(level);
    for (let candidate = preferred; ; candidate = this.rng.pick(countySchools)) {
      const count = used.get(candidate) ?? 0;
      if (count < this.termQuota(candidate, term)) {
        used.set(candidate, count + 1);
        return candidate;
      }
    }
  }

  private provinceWideFor(level: ProjectLevel): InstitutionSlot {
    const [sicnu, cwnu] = this.institutionsOf('NORMAL_UNIVERSITY');
    const [cdu] = this.institutionsOf('OTHER_UNIVERSITY');
    const [academy] = this.institutionsOf('PROVINCIAL_INSTITUTION');
    const [remote] = this.institutionsOf('REMOTE_TRAINING_INSTITUTION');
    switch (level) {
      case 'NATIONAL':
        return weighted([[sicnu, 3], [cwnu, 3], [remote, 2], [academy, 1]] as const).pick(this.rng);
      case 'PROVINCIAL':
        return weighted([[sicnu, 2], [cwnu, 2], [cdu, 1], [academy, 2], [remote, 1]] as const).pick(this.rng);
      default:
        return weighted([[cdu, 2], [sicnu, 1], [cwnu, 1], [this.rng.pick(this.institutionsOf('COUNTY_TEACHER_SCHOOL')), 2]] as const).pick(this.rng);
    }
  }

  private termQuota(slot: InstitutionSlot, term: Term): number {
    const accreditedForAYear = dayOf(addYears(slot.row.accreditedSince, 1)) <= term.publishedDay;
    return accreditedForAYear ? TERM_QUOTA[slot.row.kind] : NEWLY_ACCREDITED_QUOTA;
  }

  /**
   * Whole credits. Hybrid training keeps online ≤ 1/3 of its credits, and provincial
   * 90-credit training ≤ 1/4 (domain.md, declaration rules).
   */
  private projectCredits(level: ProjectLevel, mode: ProjectMode): { total: number; online: number } {
    if (mode === 'ONLINE') {
      const total = this.rng.pick([20, 30, 40, 50]);
      return { total, online: total };
    }
    if (mode === 'OFFLINE') {
      if (level === 'PROVINCIAL' && this.rng.chance(0.5)) return { total: 90, online: 0 };
      return { total: this.rng.pick(level === 'NATIONAL' ? [60, 90, 120] : [12, 24, 30, 36, 48, 60]), online: 0 };
    }
    const total = this.rng.pick(level === 'PROVINCIAL' ? [60, 90] : [24, 36, 48, 60, 90]);
    const cap = level === 'PROVINCIAL' && total >= 90 ? 1 / 4 : 1 / 3;
    return { total, online: Math.max(1, Math.floor(total * cap * (0.5 + 0.5 * this.rng.next()))) };
  }

  private projectTitle(level: ProjectLevel, audience: Audience, totalCredits: number, term: Term, institution: InstitutionSlot): string {
    const topic = this.rng.pick(TOPICS[audience]);
    switch (level) {
      case 'NATIONAL':
        return `国培计划（${term.year}）—四川省${topic}`;
      case 'PROVINCIAL':
        return `四川省${topic}${totalCredits >= 90 ? `（${totalCredits}学分）` : ''}`;
      case 'CITY':
        return `${institution.cityName}${topic}`;
      case 'COUNTY':
        return `${institution.placeName}${topic}`;
      case 'SCHOOL':
        return `${institution.placeName}校本研修${topic}`;
    }
  }

  /** Leaders are distinct people, so the "≤ 4 classes per leader" rule holds with ≤ 3 classes per project. */
  private uniqueLeaderName(): string {
    for (;;) {
      const name = personName(this.rng, this.rng.chance(0.5) ? 'FEMALE' : 'MALE');
      if (!this.usedLeaderNames.has(name)) {
        this.usedLeaderNames.add(name);
        return name;
      }
    }
  }

  private leaderTitle(level: ProjectLevel, kind: InstitutionKind): string {
    if (kind === 'NORMAL_UNIVERSITY' || kind === 'OTHER_UNIVERSITY') return this.rng.pick(UNIVERSITY_TITLES);
    if (kind !== 'COUNTY_TEACHER_SCHOOL' || level === 'NATIONAL' || level === 'PROVINCIAL' || level === 'CITY') {
      return this.rng.pick(SENIOR_TEACHER_TITLES);
    }
    return this.rng.pick(COUNTY_LEADER_TITLES);
  }

  /** Per trainee, in yuan thousandths; accommodation only where trainees travel (above county level). */
  private fees(
    level: ProjectLevel,
    offlineCredits: number,
    onlineCredits: number,
  ): Pick<DemoProject, 'feeTrainingMilli' | 'feeAccommodationMilli' | 'feeMealsMilli'> {
    const days = Math.ceil(offlineCredits / HOURS_PER_DAY);
    const travels = level === 'NATIONAL' || level === 'PROVINCIAL' || level === 'CITY';
    const training = offlineCredits * this.rng.int(30, 45) + onlineCredits * this.rng.int(6, 12);
    return {
      feeTrainingMilli: training * 1000,
      feeAccommodationMilli: travels ? days * this.rng.int(160, 260) * 1000 : 0,
      feeMealsMilli: days * this.rng.int(60, 100) * 1000,
    };
  }

  private addClass(project: ProjectSlot, term: Term, ordinal: number, status: ProjectStatus): ClassSlot {
    const { mode, totalCreditsMilli, onlineCreditsMilli } = project.row;
    const offlineDays = Math.ceil((totalCreditsMilli - onlineCreditsMilli) / 1000 / HOURS_PER_DAY);
    const duration =
      mode === 'OFFLINE' ? offlineDays : mode === 'ONLINE' ? this.rng.int(28, 56) : offlineDays + this.rng.int(14, 28);
    const startDay = this.rng.int(term.trainingFrom, term.trainingTo - duration + 1);
    const endDay = startDay + duration - 1;
    const publishedDay = startDay - this.rng.int(5, 21);
    const scheduled = (status === 'CLOSED' || status === 'PUBLISHED') && publishedDay <= TODAY;
    const row: DemoClass = {
      id: this.rng.uuid(),
      projectId: project.row.id,
      name: `第${chineseNumeral(ordinal)}期`,
      startsOn: isoOf(startDay),
      endsOn: isoOf(endDay),
      capacity: 30 + 5 * this.rng.int(0, 6),
      schedulePublishedOn: scheduled ? isoOf(publishedDay) : null,
    };
    this.out.classes.push(row);
    const phase: ClassPhase = endDay <= RECORDS_UNTIL ? 'PAST' : startDay > TODAY ? 'FUTURE' : 'RUNNING';
    return { row, project, startDay, endDay, phase, seatsLeft: row.capacity };
  }

  // --- teachers -----------------------------------------------------------------------------

  private addTeacher({ school, county }: PlannedSchool): void {
    const rng = this.rng;
    const first = this.out.teachers.length === 0;
    const stage = pickStage(rng, school.type);
    const sex: Sex = rng.chance(FEMALE_SHARE[stage]) ? 'FEMALE' : 'MALE';
    const birthDay = this.birthDay(sex, first);
    const birthDate = isoOf(birthDay);
    const retirementDate = statutoryRetirementDate(birthDate, sex);
    const hireDay = this.hireDay(birthDay, first);
    const areaCode = rng.chance(BORN_ELSEWHERE_SHARE) ? this.countyPicker.pick(rng).code : county.code;
    const teacher: DemoTeacher = {
      id: rng.uuid(),
      idNumber: this.citizenId(areaCode, birthDate, sex),
      name: personName(rng, sex),
      sex,
      birthDate,
      phone: rng.chance(PHONE_SHARE) ? `1${rng.pick(MOBILE_SECOND_DIGITS)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}` : null,
      schoolId: school.id,
      stage,
      subject: SUBJECTS[stage].pick(rng),
      title: titleFor(rng, TODAY - hireDay),
      hireDate: isoOf(hireDay),
      retirementDate,
    };
    this.out.teachers.push(teacher);
    const career: Career = { hireDay, retireDay: dayOf(retirementDate), nearRetirement: retirementDate <= addYears(TODAY_DATE, 5) };
    const completions = this.enroll(teacher, career, audienceOf(school.category), first);
    this.addCredits(teacher, career, completions);
    this.addCertificates(teacher, career, completions, first);
  }

  /** Born 1962–2001; most retired teachers have left the registry, so they are drawn again. */
  private birthDay(sex: Sex, first: boolean): number {
    for (;;) {
      const year = first ? this.rng.int(1978, 1990) : BIRTH_YEARS.pick(this.rng);
      const day = firstDayOfYear(year) + this.rng.int(0, firstDayOfYear(year + 1) - firstDayOfYear(year) - 1);
      const retirementDate = statutoryRetirementDate(isoOf(day), sex);
      if (retirementDate > TODAY_DATE) return day;
      if (retirementDate >= REGISTRY_RETIRED_SINCE && this.rng.chance(RETIRED_KEPT_SHARE)) return day;
    }
  }

  /** Mostly on 1 September between 21 and 26, never before 20 nor after 2026-06-30. */
  private hireDay(birthDay: number, first: boolean): number {
    const earliest = dayOf(addYears(isoOf(birthDay), MINIMUM_HIRE_AGE));
    const latest = first ? FIRST_TEACHER_LATEST_HIRE_DAY : LATEST_HIRE_DAY;
    const year = yearOf(birthDay) + this.rng.int(21, 26);
    const candidate = this.rng.chance(0.85) ? dayOf(`${year}-09-01`) : firstDayOfYear(year) + this.rng.int(0, 364);
    return candidate >= earliest && candidate <= latest ? candidate : this.rng.int(earliest, latest);
  }

  /** A valid, unique 身份证号: area + birth date + random sequence (odd = male) + check character. */
  private citizenId(areaCode: string, birthDate: IsoDate, sex: Sex): string {
    const birth = birthDate.replaceAll('-', '');
    for (;;) {
      const sequence = String(this.rng.int(0, 99)).padStart(2, '0') + String(this.rng.int(0, 4) * 2 + (sex === 'MALE' ? 1 : 0));
      const first17 = areaCode + birth + sequence;
      const idNumber = first17 + checkCharacter(first17);
      if (!this.usedIdNumbers.has(idNumber)) {
        this.usedIdNumbers.add(idNumber);
        return idNumber;
      }
    }
  }

  // --- enrollments --------------------------------------------------------------------------

  private enroll(teacher: DemoTeacher, career: Career, audience: Audience, first: boolean): Completion[] {
    const completions: Completion[] = [];
    const count = first ? Math.max(1, ENROLLMENT_COUNTS.pick(this.rng)) : ENROLLMENT_COUNTS.pick(this.rng);
    const taken: ClassSlot[] = [];
    let lastTerm = -1;
    let lastRound = -1;
    for (let i = 0; i < count; i += 1) {
      const mustComplete = first && i === 0;
      const secondRound = lastRound >= 1 && !mustComplete && this.rng.chance(SECOND_ROUND_SHARE);
      const place = this.findPlace(career, audience, taken, secondRound ? lastTerm : undefined, mustComplete);
      if (!place) continue;
      const { termIndex, slot, status } = place;
      const round = secondRound ? 2 : this.rng.chance(DIRECT_ASSIGNMENT_SHARE) ? 0 : 1;
      if (SEAT_HOLDING.has(status)) slot.seatsLeft -= 1;
      taken.push(slot);
      const enrollment = this.makeEnrollment(teacher, career, ENROLLMENT_TERMS[termIndex], slot, round, status);
      this.out.enrollments.push(enrollment);
      if (enrollment.completedOn !== null) completions.push({ enrollment, project: slot.project, completedDay: dayOf(enrollment.completedOn) });
      lastTerm = termIndex;
      lastRound = round;
    }
    return completions;
  }

  /**
   * A class open to the teacher's category in a term they could choose in (hired before
   * round 1 opened, retiring after the class), with a seat if the status would hold one.
   */
  private findPlace(
    career: Career,
    audience: Audience,
    taken: readonly ClassSlot[],
    fixedTerm: number | undefined,
    mustComplete: boolean,
  ): { termIndex: number; slot: ClassSlot; status: DemoEnrollmentStatus } | undefined {
    const firstTerm = ENROLLMENT_TERMS.findIndex((term) => term.round1[0] >= career.hireDay);
    let lastTerm = ENROLLMENT_TERMS.length - 1;
    while (lastTerm >= 0 && ENROLLMENT_TERMS[lastTerm].trainingFrom >= career.retireDay) lastTerm -= 1;
    if (mustComplete) {
      while (lastTerm >= 0 && ENROLLMENT_TERMS[lastTerm].trainingTo > RECORDS_UNTIL) lastTerm -= 1;
    }
    if (firstTerm < 0 || firstTerm > lastTerm) return undefined;
    const attempts = mustComplete ? GUARANTEED_PLACEMENT_ATTEMPTS : PLACEMENT_ATTEMPTS;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const termIndex = fixedTerm ?? this.rng.int(firstTerm, lastTerm);
      const slot = this.pickClass(termIndex, audience);
      if (!slot || taken.includes(slot) || slot.endDay >= career.retireDay) continue;
      if (mustComplete && slot.phase !== 'PAST') continue;
      const status = mustComplete ? 'COMPLETED' : STATUS_BY_PHASE[slot.phase].pick(this.rng);
      if (SEAT_HOLDING.has(status) && slot.seatsLeft === 0) continue;
      return { termIndex, slot, status };
    }
    return undefined;
  }

  /** A random class among the term's classes for the teacher's category and those for all teachers. */
  private pickClass(termIndex: number, audience: Audience): ClassSlot | undefined {
    const forAll = this.pools[termIndex][AUDIENCE_INDEX.ALL];
    const own = audience === 'ALL' ? [] : this.pools[termIndex][AUDIENCE_INDEX[audience]];
    const size = own.length + forAll.length;
    if (size === 0) return undefined;
    const r = this.rng.int(0, size - 1);
    return this.classSlots[r < own.length ? own[r] : forAll[r - own.length]];
  }

  private makeEnrollment(
    teacher: DemoTeacher,
    career: Career,
    term: Term,
    slot: ClassSlot,
    round: number,
    status: DemoEnrollmentStatus,
  ): DemoEnrollment {
    const { totalCreditsMilli, onlineCreditsMilli } = slot.project.row;
    const selectedDay =
      round === 0
        ? this.rng.int(Math.max(term.publishedDay, career.hireDay), slot.startDay - 1)
        : this.rng.int(...(round === 1 ? term.round1 : term.round2));
    let hoursAttendedMilli: number | null = null;
    let onlineHoursMilli: number | null = null;
    let completedOn: string | null = null;
    if (status === 'COMPLETED') {
      hoursAttendedMilli = totalCreditsMilli;
      onlineHoursMilli = onlineCreditsMilli;
      completedOn = isoOf(Math.min(slot.endDay + this.rng.int(0, 10), RECORDS_UNTIL));
    } else if (status === 'FAILED') {
      // Failed trainees attended too little: 30–85 % of the hours, in whole hours.
      const share = 0.3 + 0.55 * this.rng.next();
      onlineHoursMilli = Math.round((onlineCreditsMilli / 1000) * share) * 1000;
      hoursAttendedMilli = onlineHoursMilli + Math.round(((totalCreditsMilli - onlineCreditsMilli) / 1000) * share) * 1000;
    }
    return {
      id: this.rng.uuid(),
      teacherId: teacher.id,
      schoolId: teacher.schoolId,
      classId: slot.row.id,
      round,
      status,
      selectedOn: isoOf(selectedDay),
      hoursAttendedMilli,
      onlineHoursMilli,
      completedOn,
    };
  }

  // --- credits ------------------------------------------------------------------------------

  private addCredits(teacher: DemoTeacher, career: Career, completions: readonly Completion[]): void {
    for (const { enrollment, project, completedDay } of completions) {
      const { mode, totalCreditsMilli, onlineCreditsMilli } = project.row;
      this.pushCredit(teacher, 'TRAINING_COMPLETION', mode === 'ONLINE' ? 'ONLINE' : 'CONCENTRATED', {
        onlineHoursMilli: onlineCreditsMilli,
        offlineHoursMilli: totalCreditsMilli - onlineCreditsMilli,
        creditsMilli: totalCreditsMilli,
        earnedDay: completedDay,
        rejectShare: 0.003,
        trainingProjectId: project.row.id,
        enrollmentId: enrollment.id,
      });
    }
    this.addSchoolBasedCredits(teacher, career);
    this.addConvertedCredits(teacher, career);
  }

  /** 校本研修: a few records a year, 2–8 credits each, within the teacher's service. */
  private addSchoolBasedCredits(teacher: DemoTeacher, career: Career): void {
    for (const year of SCHOOL_BASED_YEARS) {
      const from = Math.max(firstDayOfYear(year), career.hireDay, FIRST_CREDIT_DAY);
      const to = Math.min(firstDayOfYear(year + 1) - 1, career.retireDay - 1, RECORDS_UNTIL);
      if (from > to) continue;
      const count = SCHOOL_BASED_PER_YEAR.pick(this.rng);
      for (let i = 0; i < count; i += 1) {
        const creditsMilli = this.rng.int(4, 16) * 500;
        const itPractice = year <= IT_PRACTICE_LAST_YEAR && this.rng.chance(0.2);
        this.pushCredit(teacher, 'SCHOOL_BASED', itPractice ? 'IT_PRACTICE' : 'SCHOOL_BASED', {
          onlineHoursMilli: 0,
          offlineHoursMilli: creditsMilli,
          creditsMilli,
          earnedDay: this.rng.int(from, to),
          rejectShare: 0.02,
          trainingProjectId: null,
          enrollmentId: null,
        });
      }
    }
  }

  /** Partner programmes, degree study and converted achievements (awards, mentoring) for a few teachers. */
  private addConvertedCredits(teacher: DemoTeacher, career: Career): void {
    const day = (): number | undefined =>
      dayBetween(this.rng, Math.max(career.hireDay, FIRST_CREDIT_DAY), Math.min(career.retireDay - 1, RECORDS_UNTIL));
    const common = { rejectShare: 0.05, trainingProjectId: null, enrollmentId: null };
    if (this.rng.chance(0.06)) {
      const earnedDay = day();
      const creditsMilli = this.rng.int(10, 30) * 1000;
      if (earnedDay !== undefined) {
        this.pushCredit(teacher, 'EXTERNAL_PROGRAMME', 'ONLINE', { ...common, onlineHoursMilli: creditsMilli, offlineHoursMilli: 0, creditsMilli, earnedDay });
      }
    }
    if (this.rng.chance(0.02)) {
      const earnedDay = day();
      const creditsMilli = this.rng.pick([40, 60, 80]) * 1000;
      if (earnedDay !== undefined) {
        this.pushCredit(teacher, 'DEGREE_STUDY', 'OTHER', { ...common, onlineHoursMilli: 0, offlineHoursMilli: 0, creditsMilli, earnedDay });
      }
    }
    if (this.rng.chance(0.04)) {
      const earnedDay = day();
      const creditsMilli = this.rng.int(3, 12) * 1000;
      if (earnedDay !== undefined) {
        this.pushCredit(teacher, 'OTHER_CONVERTED', 'OTHER', { ...common, onlineHoursMilli: 0, offlineHoursMilli: 0, creditsMilli, earnedDay });
      }
    }
  }

  private pushCredit(
    teacher: DemoTeacher,
    source: CreditSource,
    category: CreditCategory,
    record: {
      onlineHoursMilli: number;
      offlineHoursMilli: number;
      creditsMilli: number;
      earnedDay: number;
      rejectShare: number;
      trainingProjectId: string | null;
      enrollmentId: string | null;
    },
  ): void {
    this.out.creditRecords.push({
      id: this.rng.uuid(),
      teacherId: teacher.id,
      source,
      category,
      onlineHoursMilli: record.onlineHoursMilli,
      offlineHoursMilli: record.offlineHoursMilli,
      creditsMilli: record.creditsMilli,
      earnedOn: isoOf(record.earnedDay),
      status: this.reviewStatus(record.earnedDay, record.rejectShare),
      trainingProjectId: record.trainingProjectId,
      enrollmentId: record.enrollmentId,
    });
  }

  /** Registered → approved → verified as the months pass; a few are rejected. */
  private reviewStatus(earnedDay: number, rejectShare: number): CreditStatus {
    if (this.rng.chance(rejectShare)) return 'REJECTED';
    const age = TODAY - earnedDay;
    const r = this.rng.next();
    if (age > 180) return r < 0.85 ? 'VERIFIED' : 'APPROVED';
    if (age > 45) return r < 0.3 ? 'VERIFIED' : r < 0.85 ? 'APPROVED' : 'REGISTERED';
    return r < 0.35 ? 'APPROVED' : 'REGISTERED';
  }

  // --- certificates -------------------------------------------------------------------------

  private addCertificates(teacher: DemoTeacher, career: Career, completions: readonly Completion[], first: boolean): void {
    if (first || this.rng.chance(career.nearRetirement ? IT_SHARE_NEAR_RETIREMENT : IT_SHARE)) {
      this.issueInYear('IT_CAPABILITY_COMPLETION', PROVINCIAL_BUREAU, teacher, career, IT_ISSUE_YEARS.pick(this.rng));
    }
    if (this.rng.chance(ASSESSMENT_SHARE)) {
      this.issueInYear('DEVELOPMENT_ASSESSMENT', DEVELOPMENT_ASSESSMENT_ISSUER, teacher, career, ASSESSMENT_YEARS.pick(this.rng));
    }
    for (const { project, completedDay } of completions) {
      if (!this.rng.chance(PROJECT_CERTIFICATE_SHARE)) continue;
      this.issue('PROJECT_COMPLETION', project.institutionName, teacher, Math.min(completedDay + this.rng.int(3, 20), TODAY), project.row.institutionId);
    }
  }

  /** Issued within the year, after three months of service and before retirement. */
  private issueInYear(kind: CertificateKind, issuer: string, teacher: DemoTeacher, career: Career, year: number): void {
    const day = dayBetween(
      this.rng,
      Math.max(firstDayOfYear(year), career.hireDay + 90),
      Math.min(firstDayOfYear(year + 1) - 1, career.retireDay - 1, TODAY),
    );
    if (day !== undefined) this.issue(kind, issuer, teacher, day);
  }

  /** A few certificates are revoked; a few lost ones are reissued under a new number that points back. */
  private issue(kind: CertificateKind, issuer: string, teacher: DemoTeacher, issuedDay: number, issuingInstitutionId: string | null = null): void {
    const r = this.rng.next();
    const reissueDay = issuedDay + this.rng.int(30, 240);
    const status: CertificateStatus =
      r < REVOKED_SHARE ? 'REVOKED' : r < REVOKED_SHARE + REISSUED_SHARE && reissueDay <= TODAY ? 'REISSUED' : 'ISSUED';
    const number = this.certificateNumber(kind, yearOf(issuedDay));
    this.out.certificates.push({ number, kind, teacherId: teacher.id, issuer, issuingInstitutionId, issuedOn: isoOf(issuedDay), status, replacesNumber: null });
    if (status !== 'REISSUED') return;
    this.out.certificates.push({
      number: this.certificateNumber(kind, yearOf(reissueDay)),
      kind,
      teacherId: teacher.id,
      issuer,
      issuingInstitutionId,
      issuedOn: isoOf(reissueDay),
      status: 'ISSUED',
      replacesNumber: number,
    });
  }

  /** `IT2-51-2023-000123`: kind, Sichuan's province code, year, sequence within kind and year. */
  private certificateNumber(kind: CertificateKind, year: number): string {
    const prefix = `${CERTIFICATE_PREFIX[kind]}-51-${year}`;
    const sequence = (this.certificateSequences.get(prefix) ?? 0) + 1;
    this.certificateSequences.set(prefix, sequence);
    return `${prefix}-${String(sequence).padStart(6, '0')}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Small pure helpers
// ---------------------------------------------------------------------------------------------

/** Surname and one or two given characters from the pool of the teacher's sex. */
function personName(rng: Random, sex: Sex): string {
  const pool = sex === 'FEMALE' ? FEMALE_GIVEN : MALE_GIVEN;
  const surname = SURNAME_PICKER.pick(rng);
  if (rng.chance(0.3)) return surname + rng.pick(pool);
  const firstChar = rng.pick(pool);
  let secondChar = rng.pick(pool);
  while (secondChar === firstChar) secondChar = rng.pick(pool);
  return surname + firstChar + secondChar;
}

/** Multi-stage schools lean to their first stage (a special school mostly teaches special education). */
function pickStage(rng: Random, type: SchoolType): TeachingStage {
  const stages = stagesOfSchoolType(type);
  return stages.length === 1 || rng.chance(0.6) ? stages[0] : rng.pick(stages);
}

function titleFor(rng: Random, serviceDays: number): TeacherTitle {
  const years = serviceDays / 365.25;
  const band = TITLES_BY_SERVICE.find((candidate) => years < candidate.maxYears) ?? TITLES_BY_SERVICE[TITLES_BY_SERVICE.length - 1];
  return band.titles.pick(rng);
}

/** Special-education teachers take the primary-and-secondary classes. */
function audienceOf(category: SchoolCategory): Audience {
  return category === 'SPECIAL_EDUCATION' ? 'PRIMARY_AND_SECONDARY' : category;
}

/**
 * Generates the demo province. The same options always give a deep-equal result;
 * 2,000 teachers take well under a second, 750,000 (Sichuan's scale) under a minute.
 */
export function generateDemoProvince(options: DemoProvinceOptions = {}): DemoProvince {
  const teachers = options.teachers ?? DEFAULT_TEACHERS;
  if (!Number.isInteger(teachers) || teachers < 1) throw new RangeError(`teachers must be a positive integer, got ${teachers}`);
  return new ProvinceBuilder(teachers, options.seed ?? DEFAULT_SEED).build();
}
