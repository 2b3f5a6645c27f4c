/**
 * What the kit knows about the data an implementation holds. By default the fixtures come
 * from the deterministic demo province (`scripts/demo-province.ts`: the same options always
 * give the same teachers, records, certificates), which is what `npm start`,
 * `npm run start:legacy-credits` and the tests seed. A province checking its own system
 * with its own data writes the same JSON by hand and passes `--fixtures FILE`
 * (`--write-fixtures FILE` prints the demo province's as a template).
 */
import { readFileSync } from 'node:fs';
import { generateDemoProvince, type DemoProvince } from '../../scripts/demo-province';

export interface FixtureTeacher {
  id: string;
  idNumber: string;
  name: string;
  schoolId: string;
  /** County of the teacher's school (GB/T 2260). */
  regionCode: string;
  retirementDate: string;
}

export interface Fixtures {
  /** Where they come from, for the report. */
  source: string;
  /** At least two teachers in different schools and counties, the first with credit records. */
  teachers: FixtureTeacher[];
  schools: { id: string; name: string; regionCode: string }[];
  regions: { code: string; name: string }[];
  institutions: { id: string; name: string }[];
  projects: { id: string; title: string }[];
  classes: { id: string; name: string }[];
  enrollments: { id: string }[];
  /** Every credit record of the fixture teachers (amounts in thousandths). */
  creditRecords: { id: string; teacherId: string; creditsMilli: number; status: string; earnedOn: string }[];
  /** Enrollments whose completion credit is stored (one record per enrollment), with its teacher and project; optional. */
  creditedEnrollments?: { enrollmentId: string; teacherId: string; trainingProjectId: string }[];
  /** Issued certificates, with the holder's name as printed. */
  certificates: { number: string; kind: string; holderName: string }[];
}

export function fixturesFromProvince(province: DemoProvince, source = 'demo province'): Fixtures {
  const schools = new Map(province.schools.map((s) => [s.id, s]));
  const withRecords = new Set(province.creditRecords.map((r) => r.teacherId));
  const picked: DemoProvince['teachers'] = [];
  for (const t of province.teachers) {
    if (!withRecords.has(t.id)) continue;
    const county = schools.get(t.schoolId)!.regionCode;
    if (picked.every((p) => p.schoolId !== t.schoolId && schools.get(p.schoolId)!.regionCode !== county)) picked.push(t);
    if (picked.length === 3) break;
  }
  if (picked.length < 2) throw new Error('The demo province is too small for fixtures: it needs teachers with records in two counties.');
  const teachers = picked.map((t) => ({
    id: t.id,
    idNumber: t.idNumber,
    name: t.name,
    schoolId: t.schoolId,
    regionCode: schools.get(t.schoolId)!.regionCode,
    retirementDate: t.retirementDate,
  }));
  const teacherIds = new Set(teachers.map((t) => t.id));
  const names = new Map(province.teachers.map((t) => [t.id, t.name]));
  const fixtureSchools = teachers.map((t) => schools.get(t.schoolId)!);
  const regionCodes = new Set(['510000', ...fixtureSchools.map((s) => s.regionCode)]);
  return {
    source,
    teachers,
    schools: fixtureSchools.map((s) => ({ id: s.id, name: s.name, regionCode: s.regionCode })),
    regions: province.regions.filter((r) => regionCodes.has(r.code)).map((r) => ({ code: r.code, name: r.name })),
    institutions: province.institutions.slice(0, 3).map((i) => ({ id: i.id, name: i.name })),
    projects: province.projects.slice(0, 3).map((p) => ({ id: p.id, title: p.title })),
    classes: province.classes.slice(0, 3).map((c) => ({ id: c.id, name: c.name })),
    enrollments: province.enrollments.slice(0, 3).map((e) => ({ id: e.id })),
    creditRecords: province.creditRecords
      .filter((r) => teacherIds.has(r.teacherId))
      .map((r) => ({ id: r.id, teacherId: r.teacherId, creditsMilli: r.creditsMilli, status: r.status, earnedOn: r.earnedOn })),
    creditedEnrollments: province.creditRecords
      .filter((r) => r.enrollmentId && r.trainingProjectId)
      .slice(0, 3)
      .map((r) => ({ enrollmentId: r.enrollmentId!, teacherId: r.teacherId, trainingProjectId: r.trainingProjectId! })),
    certificates: province.certificates
      .filter((c) => c.status === 'ISSUED')
      .slice(0, 3)
      .map((c) => ({ number: c.number, kind: c.kind, holderName: names.get(c.teacherId)! })),
  };
}

/** The demo province as `npm start` seeds it (2,000 teachers, seed 20200120) unless told otherwise. */
export function demoFixtures(options: { teachers?: number; seed?: number } = {}): Fixtures {
  const province = generateDemoProvince(options);
  return fixturesFromProvince(province, `demo province (${options.teachers ?? 2000} teachers, seed ${options.seed ?? 20200120})`);
}

export function readFixtures(file: string): Fixtures {
  const fixtures = JSON.parse(readFileSync(file, 'utf8')) as Fixtures;
  for (const key of ['teachers', 'schools', 'regions', 'institutions', 'projects', 'classes', 'enrollments', 'creditRecords', 'certificates'] as const) {
    if (!Array.isArray(fixtures[key])) throw new Error(`${file}: "${key}" must be a list (see schema/conformance/fixtures.ts).`);
  }
  if (fixtures.creditedEnrollments !== undefined && !Array.isArray(fixtures.creditedEnrollments)) throw new Error(`${file}: "creditedEnrollments", when given, must be a list.`);
  if (fixtures.teachers.length < 2) throw new Error(`${file}: give at least two teachers, in different schools and counties.`);
  return { ...fixtures, source: fixtures.source ?? file };
}
