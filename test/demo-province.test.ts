import { SICHUAN_CODE_VERSION, SICHUAN_REGIONS } from '../scripts/data/sichuan-regions';
import { generateDemoProvince, type DemoEnrollment, type DemoProvince } from '../scripts/demo-province';
import { addYears } from '../kit/date';
import { parseCitizenId } from '../subgraphs/teachers/rules/id-number';
import { statutoryRetirementDate } from '../subgraphs/teachers/rules/retirement';
import { SCHOOL_TYPES, stagesOfSchoolType } from '../subgraphs/teachers/rules/schools';
import { SEAT_HOLDING_STATUSES } from '../subgraphs/training/rules/enrollment';

const TODAY = '2026-11-24';

function byKey<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

describe('Sichuan regions (GB/T 2260)', () => {
  it('lists the province, its 21 prefectures and 183 county-level units once each, without 市辖区', () => {
    const codes = SICHUAN_REGIONS.map((region) => region.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => /^51\d{4}$/.test(code))).toBe(true);
    expect(codes.filter((code) => code.endsWith('0000'))).toEqual(['510000']);
    expect(codes.filter((code) => code.endsWith('00') && !code.endsWith('0000'))).toHaveLength(21);
    expect(codes.filter((code) => !code.endsWith('00'))).toHaveLength(183);
    expect(SICHUAN_REGIONS.some((region) => region.name === '市辖区')).toBe(false);
    expect(SICHUAN_REGIONS.find((region) => region.code === '513402')?.name).toBe('会理市');
  });
});

describe('generateDemoProvince (default: 2,000 teachers)', () => {
  let province: DemoProvince;
  beforeAll(() => {
    province = generateDemoProvince();
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoProvince({ teachers: 2000, seed: 20200120 })).toEqual(province);
    const other = generateDemoProvince({ seed: 7 });
    expect(other.teachers.map((t) => t.idNumber)).not.toEqual(province.teachers.map((t) => t.idNumber));
    expect(other.schools[0].id).not.toBe(province.schools[0].id);
  });

  it('derives every region level and parent from its code, with the code version', () => {
    const { regions } = province;
    const codes = new Set(regions.map((region) => region.code));
    expect(regions.filter((r) => r.level === 'PROVINCE')).toHaveLength(1);
    expect(regions.filter((r) => r.level === 'CITY')).toHaveLength(21);
    expect(regions.filter((r) => r.level === 'COUNTY').length).toBeGreaterThan(150);
    for (const region of regions) {
      expect(region.codeVersion).toBe(SICHUAN_CODE_VERSION);
      if (region.level === 'PROVINCE') expect(region.parentCode).toBeNull();
      if (region.level === 'CITY') expect(region.parentCode).toBe('510000');
      if (region.level === 'COUNTY') expect(region.parentCode).toBe(`${region.code.slice(0, 4)}00`);
      if (region.parentCode !== null) expect(codes.has(region.parentCode)).toBe(true);
    }
  });

  it('gives every row a unique UUID-shaped id and every certificate and project a unique number', () => {
    const ids = [
      ...province.schools,
      ...province.teachers,
      ...province.institutions,
      ...province.projects,
      ...province.classes,
      ...province.enrollments,
      ...province.creditRecords,
    ].map((row) => row.id);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const numbers = province.certificates.map((c) => c.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const codes = province.projects.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('issues valid, unique 身份证号 that agree with birth date and sex and carry a Sichuan county code', () => {
    const counties = new Set(province.regions.filter((r) => r.level === 'COUNTY').map((r) => r.code));
    const numbers = new Set<string>();
    for (const teacher of province.teachers) {
      const parsed = parseCitizenId(teacher.idNumber, TODAY);
      expect(parsed.idNumber).toBe(teacher.idNumber);
      expect(parsed.birthDate).toBe(teacher.birthDate);
      expect(parsed.sex).toBe(teacher.sex);
      expect(counties.has(parsed.areaCode)).toBe(true);
      numbers.add(teacher.idNumber);
    }
    expect(numbers.size).toBe(province.teachers.length);
  });

  it('keeps teachers plausible: stage fits the school, careers follow the rules, phones are mobiles', () => {
    const schools = byKey(province.schools, (s) => s.id);
    for (const teacher of province.teachers) {
      const school = schools.get(teacher.schoolId);
      expect(school).toBeDefined();
      expect(stagesOfSchoolType(school!.type)).toContain(teacher.stage);
      expect(teacher.birthDate >= '1962-01-01' && teacher.birthDate <= '2001-12-31').toBe(true);
      expect(teacher.hireDate >= addYears(teacher.birthDate, 20)).toBe(true);
      expect(teacher.hireDate <= '2026-06-30').toBe(true);
      expect(teacher.retirementDate).toBe(statutoryRetirementDate(teacher.birthDate, teacher.sex));
      if (teacher.phone !== null) expect(teacher.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const nearRetirement = province.teachers.filter((t) => t.retirementDate > TODAY && t.retirementDate <= addYears(TODAY, 5));
    expect(nearRetirement.length).toBeGreaterThan(0);
    const withPhone = province.teachers.filter((t) => t.phone !== null).length / province.teachers.length;
    expect(withPhone).toBeGreaterThan(0.85);
    expect(withPhone).toBeLessThan(0.95);
  });

  it('has every school type, public and private, rural and urban, sized ~15–20 teachers, in real counties', () => {
    const counties = new Set(province.regions.filter((r) => r.level === 'COUNTY').map((r) => r.code));
    expect(new Set(province.schools.map((s) => s.type))).toEqual(new Set(SCHOOL_TYPES));
    expect(new Set(province.schools.map((s) => s.ownership))).toEqual(new Set(['PUBLIC', 'PRIVATE']));
    expect(new Set(province.schools.map((s) => s.rural))).toEqual(new Set([true, false]));
    expect(province.schools.every((s) => counties.has(s.regionCode))).toBe(true);
    expect(province.schools.length).toBeGreaterThanOrEqual(100);
    expect(province.schools.length).toBeLessThanOrEqual(150);
    expect(new Set(province.schools.map((s) => s.name)).size).toBe(province.schools.length);
  });

  it('splits teachers by category roughly as Sichuan does (幼儿园 13 %, 中小学 81.5 %, 中职 5.4 %)', () => {
    const schools = byKey(province.schools, (s) => s.id);
    const shares = countBy(province.teachers, (t) => schools.get(t.schoolId)!.category);
    const share = (category: string): number => (shares.get(category) ?? 0) / province.teachers.length;
    expect(share('KINDERGARTEN')).toBeCloseTo(0.13, 1);
    expect(share('PRIMARY_AND_SECONDARY')).toBeCloseTo(0.815, 1);
    expect(share('VOCATIONAL')).toBeCloseTo(0.054, 1);
    expect(share('SPECIAL_EDUCATION')).toBeGreaterThan(0);
  });

  it('links institutions, projects and classes, and keeps the declaration rules', () => {
    const regionCodes = new Set(province.regions.map((r) => r.code));
    const institutions = byKey(province.institutions, (i) => i.id);
    const projects = byKey(province.projects, (p) => p.id);
    expect(province.institutions.every((i) => regionCodes.has(i.regionCode))).toBe(true);
    expect(province.institutions.some((i) => i.accreditedSince > '2019-01-20' && i.accreditedSince < '2020-01-20')).toBe(true);
    for (const project of province.projects) {
      expect(institutions.has(project.institutionId)).toBe(true);
      expect(project.term).toMatch(/^20\d\dH[12]$/);
      const { mode, level, totalCreditsMilli: total, onlineCreditsMilli: online } = project;
      if (mode === 'OFFLINE') expect(online).toBe(0);
      if (mode === 'ONLINE') expect(online).toBe(total);
      if (mode === 'HYBRID') {
        expect(online).toBeGreaterThan(0);
        expect(online * (level === 'PROVINCIAL' && total >= 90_000 ? 4 : 3)).toBeLessThanOrEqual(total);
      }
      if (level === 'NATIONAL' || level === 'PROVINCIAL') expect(['教授', '副教授', '正高级教师', '高级教师']).toContain(project.leaderTitle);
    }
    expect(new Set(province.projects.map((p) => p.level)).size).toBe(5);
    expect(new Set(province.projects.map((p) => p.mode)).size).toBe(3);
    const classesPerProject = countBy(province.classes, (c) => c.projectId);
    for (const trainingClass of province.classes) {
      const project = projects.get(trainingClass.projectId);
      expect(project).toBeDefined();
      expect(trainingClass.startsOn <= trainingClass.endsOn).toBe(true);
      expect(trainingClass.startsOn.slice(0, 4)).toBe(project!.term.slice(0, 4));
      expect(trainingClass.capacity).toBeGreaterThanOrEqual(30);
      expect(trainingClass.capacity).toBeLessThanOrEqual(60);
      if (trainingClass.schedulePublishedOn !== null) {
        const daysBefore = (Date.parse(trainingClass.startsOn) - Date.parse(trainingClass.schedulePublishedOn)) / 86_400_000;
        expect(daysBefore).toBeGreaterThanOrEqual(5);
      }
    }
    for (const count of classesPerProject.values()) expect(count).toBeLessThanOrEqual(3);
  });

  it('keeps enrollments consistent: existing teacher and class, own school, one place per class, capacity held', () => {
    const teachers = byKey(province.teachers, (t) => t.id);
    const classes = byKey(province.classes, (c) => c.id);
    const projects = byKey(province.projects, (p) => p.id);
    const seatHolding = new Set<string>(SEAT_HOLDING_STATUSES);
    const seats = new Map<string, number>();
    const places = new Set<string>();
    for (const enrollment of province.enrollments) {
      const teacher = teachers.get(enrollment.teacherId);
      const trainingClass = classes.get(enrollment.classId);
      expect(teacher).toBeDefined();
      expect(trainingClass).toBeDefined();
      expect(enrollment.schoolId).toBe(teacher!.schoolId);
      expect([0, 1, 2]).toContain(enrollment.round);
      expect(enrollment.selectedOn < trainingClass!.startsOn).toBe(true);
      expect(enrollment.selectedOn >= teacher!.hireDate).toBe(true);
      const place = `${enrollment.teacherId}|${enrollment.classId}`;
      expect(places.has(place)).toBe(false);
      places.add(place);
      if (seatHolding.has(enrollment.status)) seats.set(enrollment.classId, (seats.get(enrollment.classId) ?? 0) + 1);
      if (enrollment.status === 'COMPLETED') {
        expect(enrollment.completedOn! >= trainingClass!.endsOn).toBe(true);
        expect(enrollment.hoursAttendedMilli).toBe(projects.get(trainingClass!.projectId)!.totalCreditsMilli);
      } else {
        expect(enrollment.completedOn).toBeNull();
      }
    }
    for (const [classId, taken] of seats) expect(taken).toBeLessThanOrEqual(classes.get(classId)!.capacity);
  });

  it('only lets a teacher choose in round 2 after choosing in round 1 of the same term', () => {
    const classes = byKey(province.classes, (c) => c.id);
    const projects = byKey(province.projects, (p) => p.id);
    const termOf = (e: DemoEnrollment): string => projects.get(classes.get(e.classId)!.projectId)!.term;
    const roundOne = new Set(province.enrollments.filter((e) => e.round === 1).map((e) => `${e.teacherId}|${termOf(e)}`));
    const roundTwo = province.enrollments.filter((e) => e.round === 2);
    expect(roundTwo.length).toBeGreaterThan(0);
    for (const enrollment of roundTwo) expect(roundOne.has(`${enrollment.teacherId}|${termOf(enrollment)}`)).toBe(true);
  });

  it('turns every completed enrollment into exactly one training-completion credit with the project credits', () => {
    const teachers = new Set(province.teachers.map((t) => t.id));
    const enrollments = byKey(province.enrollments, (e) => e.id);
    const classes = byKey(province.classes, (c) => c.id);
    const projects = byKey(province.projects, (p) => p.id);
    const credited = new Set<string>();
    const malformed = province.creditRecords.filter(
      (r) =>
        !teachers.has(r.teacherId) ||
        r.earnedOn > '2026-11-20' ||
        r.creditsMilli <= 0 ||
        (r.source !== 'TRAINING_COMPLETION' && (r.enrollmentId !== null || r.trainingProjectId !== null || r.earnedOn < '2021-01-01')),
    );
    expect(malformed).toEqual([]);
    for (const record of province.creditRecords.filter((r) => r.source === 'TRAINING_COMPLETION')) {
      const enrollment = enrollments.get(record.enrollmentId!);
      expect(enrollment?.status).toBe('COMPLETED');
      expect(enrollment!.teacherId).toBe(record.teacherId);
      expect(credited.has(enrollment!.id)).toBe(false);
      credited.add(enrollment!.id);
      const project = projects.get(classes.get(enrollment!.classId)!.projectId)!;
      expect(record.trainingProjectId).toBe(project.id);
      expect(record.creditsMilli).toBe(project.totalCreditsMilli);
      expect(record.onlineHoursMilli + record.offlineHoursMilli).toBe(enrollment!.hoursAttendedMilli);
      expect(record.earnedOn).toBe(enrollment!.completedOn);
    }
    expect(credited.size).toBe(province.enrollments.filter((e) => e.status === 'COMPLETED').length);
    const sources = new Set(province.creditRecords.map((r) => r.source));
    expect(sources).toEqual(new Set(['TRAINING_COMPLETION', 'SCHOOL_BASED', 'EXTERNAL_PROGRAMME', 'DEGREE_STUDY', 'OTHER_CONVERTED']));
    expect(new Set(province.creditRecords.map((r) => r.status))).toEqual(new Set(['REGISTERED', 'APPROVED', 'VERIFIED', 'REJECTED']));
  });

  it('numbers certificates by kind and links every reissue to the certificate it replaces', () => {
    const teachers = new Set(province.teachers.map((t) => t.id));
    const certificates = byKey(province.certificates, (c) => c.number);
    const pattern = { IT_CAPABILITY_COMPLETION: /^IT2-51-20\d\d-\d{6}$/, DEVELOPMENT_ASSESSMENT: /^DA-51-20\d\d-\d{6}$/, PROJECT_COMPLETION: /^PC-51-20\d\d-\d{6}$/ };
    for (const certificate of province.certificates) {
      expect(teachers.has(certificate.teacherId)).toBe(true);
      expect(certificate.number).toMatch(pattern[certificate.kind]);
      expect(certificate.number.slice(-11, -7)).toBe(certificate.issuedOn.slice(0, 4));
      expect(certificate.issuedOn <= TODAY).toBe(true);
      if (certificate.replacesNumber !== null) {
        const replaced = certificates.get(certificate.replacesNumber);
        expect(replaced?.status).toBe('REISSUED');
        expect(replaced!.teacherId).toBe(certificate.teacherId);
        expect(replaced!.kind).toBe(certificate.kind);
        expect(replaced!.issuedOn < certificate.issuedOn).toBe(true);
      }
    }
    const reissued = province.certificates.filter((c) => c.status === 'REISSUED');
    const replacements = province.certificates.filter((c) => c.replacesNumber !== null);
    expect(replacements.map((c) => c.replacesNumber).sort()).toEqual(reissued.map((c) => c.number).sort());
    expect(province.certificates.some((c) => c.status === 'REVOKED')).toBe(true);
    expect(reissued.length).toBeGreaterThan(0);
    const itShare = new Set(province.certificates.filter((c) => c.kind === 'IT_CAPABILITY_COMPLETION').map((c) => c.teacherId)).size;
    expect(itShare / province.teachers.length).toBeGreaterThan(0.3);
    expect(itShare / province.teachers.length).toBeLessThan(0.5);
  });

  it('gives the first teacher a completed enrollment, a credit record and a certificate', () => {
    const first = province.teachers[0];
    expect(province.enrollments.some((e) => e.teacherId === first.id && e.status === 'COMPLETED')).toBe(true);
    expect(province.creditRecords.some((r) => r.teacherId === first.id)).toBe(true);
    expect(province.certificates.some((c) => c.teacherId === first.id)).toBe(true);
  });

  it('covers most teachers: ~85 % enrolled, ≥ 60 % with an enrollment, a credit record and a certificate', () => {
    const enrolled = new Set(province.enrollments.map((e) => e.teacherId));
    const credited = new Set(province.creditRecords.map((r) => r.teacherId));
    const certified = new Set(province.certificates.map((c) => c.teacherId));
    const all = province.teachers.filter((t) => enrolled.has(t.id) && credited.has(t.id) && certified.has(t.id));
    expect(enrolled.size / province.teachers.length).toBeGreaterThan(0.8);
    expect(all.length / province.teachers.length).toBeGreaterThanOrEqual(0.6);
    const perTeacher = countBy(province.enrollments, (e) => e.teacherId);
    expect(Math.max(...perTeacher.values())).toBeLessThanOrEqual(3);
  });
});

describe('generateDemoProvince at other sizes and seeds', () => {
  it.each([1, 7, 123456])('keeps the first-teacher and coverage guarantees with seed %i', (seed) => {
    const province = generateDemoProvince({ seed });
    const first = province.teachers[0];
    expect(province.enrollments.some((e) => e.teacherId === first.id && e.status === 'COMPLETED')).toBe(true);
    expect(province.creditRecords.some((r) => r.teacherId === first.id)).toBe(true);
    expect(province.certificates.some((c) => c.teacherId === first.id)).toBe(true);
    const enrolled = new Set(province.enrollments.map((e) => e.teacherId));
    const credited = new Set(province.creditRecords.map((r) => r.teacherId));
    const certified = new Set(province.certificates.map((c) => c.teacherId));
    const all = province.teachers.filter((t) => enrolled.has(t.id) && credited.has(t.id) && certified.has(t.id));
    expect(all.length / province.teachers.length).toBeGreaterThanOrEqual(0.6);
  });

  it('scales schools, projects and institutions with the number of teachers', () => {
    const province = generateDemoProvince({ teachers: 20_000 });
    expect(province.teachers).toHaveLength(20_000);
    const perSchool = province.teachers.length / province.schools.length;
    expect(perSchool).toBeGreaterThanOrEqual(15);
    expect(perSchool).toBeLessThanOrEqual(20);
    expect(province.institutions.length).toBeGreaterThan(8);
    expect(new Set(province.teachers.map((t) => t.idNumber)).size).toBe(20_000);
  });

  it('works for a handful of teachers and rejects a non-positive count', () => {
    const tiny = generateDemoProvince({ teachers: 3 });
    expect(tiny.teachers).toHaveLength(3);
    expect(new Set(tiny.schools.map((s) => s.type))).toEqual(new Set(SCHOOL_TYPES));
    expect(() => generateDemoProvince({ teachers: 0 })).toThrow(RangeError);
  });
});
