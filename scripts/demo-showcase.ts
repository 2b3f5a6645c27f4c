/**
 * What `npm start` adds to the generated demo province so that every feature can be tried at
 * once (issue 17): a school with a teacher, a review queue and an open class whose ids README
 * uses, a certificate README verifies, and credit levels spread so compliance shows teachers who
 * met the last cycle, teachers on track in the current one and teachers behind.
 *
 * Kept apart from the generator (demo-province.ts): the ids here are fixed, so README's
 * examples and `npm run token` do not depend on the generator's random sequence, and tests
 * that count the generated province are not affected.
 */
import { createHash } from 'node:crypto';
import { statutoryRetirementDate } from '../subgraphs/teachers/rules/retirement';
import type { DemoCreditRecord, DemoProvince, DemoTeacher } from './demo-province';

/** The demo's named rows. README's examples and `npm run token` use these ids. */
export const SHOWCASE = {
  regionCode: '510104',
  school: { id: 'd0000000-0000-4000-8000-000000000001', name: '成都市锦江区演示小学' },
  /** 王芳, a primary maths teacher: her token is `npm run token -- --role teacher`. */
  teacher: { id: 'd0000000-0000-4000-8000-000000000101', name: '王芳' },
  institution: { id: 'd0000000-0000-4000-8000-000000000201', name: '成都市锦江区教师进修学校（演示）' },
  project: { id: 'd0000000-0000-4000-8000-000000000301', code: 'XP-2026H2-DEMO' },
  /** A class of term 2026H2 with free seats, open to every teacher: 王芳 may select it. */
  openClass: { id: 'd0000000-0000-4000-8000-000000000401' },
  /** Its second class (the explorer's selection tab uses it, README the first). */
  secondClass: { id: 'd0000000-0000-4000-8000-000000000402' },
  /** A colleague's selection waiting for the school's review (the first of the review queue). */
  enrollmentToReview: { id: 'd0000000-0000-4000-8000-000000000501' },
  /** 王芳's IT capability certificate (信息技术应用能力提升工程 2.0). */
  certificate: { number: 'IT2-51-2023-900001', holderName: '王芳' },
  /**
   * The business day `npm start` gives the training subgraph (TRAINING_CLOCK) unless one is set:
   * inside round 1 of term 2026H2's course selection, so `selectClass` can be tried. Real data
   * runs on the real calendar (TRAINING_CLOCK unset).
   */
  trainingClock: '2026-08-10',
} as const;

const SCHOOL_BASED_CREDITS_PER_RECORD = 20_000;

/** A fixed, valid UUID from a name, so the added rows keep their ids from one seeding to the next. */
function stableId(name: string): string {
  const hex = createHash('sha256').update(`demo-showcase:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function showcaseTeacher(id: string, idNumber: string, name: string, sex: 'MALE' | 'FEMALE', subject: string, hireDate: string): DemoTeacher {
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return {
    id, idNumber, name, sex, birthDate, phone: null, schoolId: SHOWCASE.school.id, stage: 'PRIMARY', subject,
    title: 'INTERMEDIATE', hireDate, retirementDate: statutoryRetirementDate(birthDate, sex),
  };
}

const COLLEAGUES = [
  { idNumber: '510104199005120039', name: '李强', sex: 'MALE', subject: '语文', hireDate: '2013-09-01' },
  { idNumber: '510104198507220043', name: '张敏', sex: 'FEMALE', subject: '英语', hireDate: '2008-09-01' },
  { idNumber: '510104199209080059', name: '刘洋', sex: 'MALE', subject: '科学', hireDate: '2015-09-01' },
  { idNumber: '510104198701300063', name: '陈静', sex: 'FEMALE', subject: '美术', hireDate: '2010-09-01' },
] as const;

/** The named school, its five teachers, the institution, its open class and the colleagues' selections. */
function addNamedRows(province: DemoProvince): void {
  province.schools.push({
    id: SHOWCASE.school.id, name: SHOWCASE.school.name, type: 'PRIMARY', category: 'PRIMARY_AND_SECONDARY',
    ownership: 'PUBLIC', rural: false, regionCode: SHOWCASE.regionCode,
  });
  province.teachers.push(showcaseTeacher(SHOWCASE.teacher.id, '510104198803150027', SHOWCASE.teacher.name, 'FEMALE', '数学', '2010-09-01'));
  const colleagues = COLLEAGUES.map((c, i) =>
    showcaseTeacher(`d0000000-0000-4000-8000-00000000010${i + 2}`, c.idNumber, c.name, c.sex, c.subject, c.hireDate),
  );
  province.teachers.push(...colleagues);
  province.institutions.push({
    id: SHOWCASE.institution.id, name: SHOWCASE.institution.name, kind: 'COUNTY_TEACHER_SCHOOL',
    regionCode: SHOWCASE.regionCode, accreditedSince: '2015-01-01',
  });
  province.projects.push({
    id: SHOWCASE.project.id, code: SHOWCASE.project.code, title: '信息技术与学科教学融合（演示）', level: 'COUNTY', mode: 'OFFLINE',
    totalCreditsMilli: 24_000, onlineCreditsMilli: 0, term: '2026H2', status: 'PUBLISHED', leaderName: '周明', leaderTitle: '高级教师',
    feeTrainingMilli: 0, feeAccommodationMilli: 0, feeMealsMilli: 0, institutionId: SHOWCASE.institution.id,
  });
  province.classes.push({
    id: SHOWCASE.openClass.id, projectId: SHOWCASE.project.id, name: '信息技术与学科教学融合 第1期', startsOn: '2026-09-14',
    endsOn: '2026-09-18', capacity: 40, schedulePublishedOn: '2026-07-20',
  });
  province.classes.push({
    id: SHOWCASE.secondClass.id, projectId: SHOWCASE.project.id, name: '信息技术与学科教学融合 第2期', startsOn: '2026-10-12',
    endsOn: '2026-10-16', capacity: 40, schedulePublishedOn: '2026-07-20',
  });
  colleagues.forEach((teacher, i) =>
    province.enrollments.push({
      id: i === 0 ? SHOWCASE.enrollmentToReview.id : stableId(`enrollment:${teacher.id}`), teacherId: teacher.id, schoolId: SHOWCASE.school.id,
      classId: SHOWCASE.openClass.id, round: 1, status: 'SELECTED', selectedOn: `2026-08-0${6 + i}`,
      hoursAttendedMilli: null, onlineHoursMilli: null, completedOn: null,
    }),
  );
  province.certificates.push({
    number: SHOWCASE.certificate.number, kind: 'IT_CAPABILITY_COMPLETION', teacherId: SHOWCASE.teacher.id, issuer: '四川省教育厅',
    issuingInstitutionId: null, issuedOn: '2023-06-30', status: 'ISSUED', replacesNumber: null,
  });
}

type Level = 'MET_LAST_CYCLE' | 'ON_TRACK' | 'AS_GENERATED';

/** 40 % met the 2021–2025 cycle and keep pace in 2026–2030, 30 % keep pace only, the rest as generated (mostly behind). */
function levelOf(teacherId: string): Level {
  const bucket = createHash('sha256').update(teacherId).digest()[0] % 10;
  return bucket < 4 ? 'MET_LAST_CYCLE' : bucket < 7 ? 'ON_TRACK' : 'AS_GENERATED';
}

/**
 * Tops teachers' verified school-based credits (校本研修) up by level, so `creditCompliance` shows
 * every kind of teacher: the last cycle (2021–2025) to 380 学时 for those who met it, and 2026,
 * the first year of the current cycle, to 80 (more than the 66 the pace asks by November).
 */
function spreadCreditLevels(province: DemoProvince): void {
  const earned = new Map<string, Map<number, number>>();
  for (const r of province.creditRecords) {
    if (r.status !== 'APPROVED' && r.status !== 'VERIFIED') continue;
    const byYear = earned.get(r.teacherId) ?? new Map<number, number>();
    const year = Number(r.earnedOn.slice(0, 4));
    byYear.set(year, (byYear.get(year) ?? 0) + r.creditsMilli);
    earned.set(r.teacherId, byYear);
  }
  const topUp = (teacher: DemoTeacher, cycleYears: readonly number[], targetMilli: number): void => {
    // Not before the teacher was hired.
    const years = cycleYears.filter((year) => String(year) >= teacher.hireDate.slice(0, 4));
    const byYear = earned.get(teacher.id) ?? new Map<number, number>();
    let missing = targetMilli - years.reduce((total, year) => total + (byYear.get(year) ?? 0), 0);
    for (let i = 0; missing > 0 && years.length > 0; i += 1) {
      province.creditRecords.push(schoolBasedRecord(teacher, years[i % years.length], i));
      missing -= SCHOOL_BASED_CREDITS_PER_RECORD;
    }
  };
  for (const teacher of province.teachers) {
    const level = teacher.id === SHOWCASE.teacher.id ? 'MET_LAST_CYCLE' : levelOf(teacher.id);
    if (level === 'AS_GENERATED') continue;
    if (level === 'MET_LAST_CYCLE') topUp(teacher, [2021, 2022, 2023, 2024, 2025], 380_000);
    topUp(teacher, [2026], 80_000);
  }
}

function schoolBasedRecord(teacher: DemoTeacher, year: number, n: number): DemoCreditRecord {
  return {
    id: stableId(`credit:${teacher.id}:${year}:${n}`), teacherId: teacher.id, source: 'SCHOOL_BASED', category: 'SCHOOL_BASED',
    onlineHoursMilli: 0, offlineHoursMilli: SCHOOL_BASED_CREDITS_PER_RECORD, creditsMilli: SCHOOL_BASED_CREDITS_PER_RECORD,
    earnedOn: `${year}-${year === 2026 ? '06' : '11'}-${String(10 + (n % 18)).padStart(2, '0')}`, status: 'VERIFIED',
    trainingProjectId: null, enrollmentId: null,
  };
}

/** The generated province with the showcase added; the input is not changed. */
export function withShowcase(generated: DemoProvince): DemoProvince {
  const province: DemoProvince = {
    ...generated,
    regions: [...generated.regions], schools: [...generated.schools], teachers: [...generated.teachers],
    institutions: [...generated.institutions], projects: [...generated.projects], classes: [...generated.classes],
    enrollments: [...generated.enrollments], creditRecords: [...generated.creditRecords], certificates: [...generated.certificates],
  };
  addNamedRows(province);
  spreadCreditLevels(province);
  return province;
}
