import type { Identity } from '../kit/identity';
import { checkCharacter } from '../standards/id-number';
import { statutoryRetirementDate } from '../subgraphs/teachers/rules/retirement';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

/** Everything about a teacher that could help rebuild a masked 身份证号, and a few `nearRetirement` probes. */
const SEEN = `id idCardNumber name sex birthDate phone hireDate retirementDate nearRetirement
  near1990: nearRetirement(asOf: "1990-01-01") near2020: nearRetirement(asOf: "2020-06-30") near2040: nearRetirement(asOf: "2040-01-01")
  school { id region { code } }`;

interface Seen {
  id: string;
  idCardNumber: string;
  sex: 'MALE' | 'FEMALE' | null;
  birthDate: string | null;
  retirementDate: string | null;
  school: { region: { code: string } } | null;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The attack of issue 15 at its strongest, with everything the caller saw: every area code the
 * masked number's first three digits and the school's county allow, every birth date the birth
 * date, the retirement date or nothing at all allow, the sequence and check character the mask
 * shows; what the check character confirms. A number is rebuilt when exactly one candidate is left.
 */
function rebuild(seen: Seen, counties: readonly string[]): string | null {
  const masked = seen.idCardNumber;
  if (!masked.includes('*')) return masked;
  if (masked.length !== 18) return null;
  const lastFour = masked.slice(14);
  const areas = seen.school ? [seen.school.region.code].filter((c) => c.startsWith(masked.slice(0, 3))) : counties.filter((c) => c.startsWith(masked.slice(0, 3)));
  let births: string[];
  if (seen.birthDate) births = [seen.birthDate];
  else if (seen.retirementDate) {
    // The statutory age (55 or 60, delayed by at most three years): the birth dates that retire on that day.
    const sex = Number(masked[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
    const retirement = Date.parse(seen.retirementDate);
    births = [];
    for (let day = retirement - 64 * 366 * DAY_MS; day <= retirement - 54 * 365 * DAY_MS; day += DAY_MS) {
      if (statutoryRetirementDate(isoDay(day), sex) === seen.retirementDate) births.push(isoDay(day));
    }
  } else return null; // Some 15,000 birth dates, a tenth of them passing the check: nothing to rebuild.
  const candidates = areas.flatMap((area) =>
    births.map((birth) => area + birth.replace(/-/g, '') + lastFour.slice(0, 3)).filter((first17) => checkCharacter(first17) === lastFour[3]).map((first17) => first17 + lastFour[3]),
  );
  return candidates.length === 1 ? candidates[0] : null;
}

/**
 * Principle 3: personal data includes what rebuilds it. For every role that may not see a
 * teacher's 身份证号 whole, everything it can reach about teachers (by id, in lists, through
 * enrollments, queues, the completion feed, credit records and certificates) rebuilds no number.
 */
describe.each(BACKENDS)('no 身份证号 rebuilt from what a caller sees, on %s', (backend) => {
  let graph: TestGraph;
  let counties: string[];
  const trueId = new Map<string, string>();

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 200 });
    counties = graph.province.regions.filter((r) => r.level === 'COUNTY').map((r) => r.code);
    for (const t of graph.province.teachers) trueId.set(t.id, t.idNumber);
  });

  afterAll(async () => {
    await graph?.stop();
  });

  /** Every teacher the caller reaches, by every path, as it sees them. */
  async function reachable(identity: Identity | null): Promise<Seen[]> {
    const { teachers, classes, certificates } = graph.province;
    const queries: string[] = [];
    for (let i = 0; i < teachers.length; i += 100) {
      queries.push(`{ teachers(first: 100, filter: { ids: ${JSON.stringify(teachers.slice(i, i + 100).map((t) => t.id))} }) { nodes { ${SEEN} } } }`);
    }
    queries.push(`{ teachers(first: 100) { nodes { ${SEEN} } } }`);
    for (let i = 0; i < classes.length; i += 5) {
      queries.push(`{ ${classes.slice(i, i + 5).map((c, j) => `c${j}: trainingClass(id: "${c.id}") { enrollments { teacher { ${SEEN} } } }`).join(' ')} }`);
    }
    for (const t of teachers.slice(0, 20)) queries.push(`{ teacher(id: "${t.id}") { ${SEEN} } }`);
    queries.push(`{ reviewQueue(first: 100) { nodes { teacher { ${SEEN} } } } }`);
    queries.push(`{ completedEnrollments(first: 100) { nodes { teacher { ${SEEN} } } } }`);
    queries.push(`{ creditRecords(first: 100) { nodes { teacher { ${SEEN} } } } }`);
    for (const c of certificates.slice(0, 20)) queries.push(`{ certificate(number: "${c.number}") { teacher { ${SEEN} } } }`);

    const seen: Seen[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        if ('idCardNumber' in value) seen.push(value as Seen);
        else Object.values(value).forEach(collect);
      }
    };
    for (const query of queries) {
      const result = await graph.query(query, {}, identity);
      // Refusals (a queue the role has not, a feed it may not read) are fine: they show nothing.
      for (const error of result.errors ?? []) expect(['FORBIDDEN']).toContain(error.extensions?.code);
      collect(result.data);
    }
    return seen;
  }

  it('rebuilds most numbers for a caller who sees the fields beside the masked number (the method works)', async () => {
    const seen = await reachable({ role: 'PROVINCE_BUREAU', subject: 'p', regionCode: '510000' });
    const masked = seen.map((s) => ({ ...s, idCardNumber: `${s.idCardNumber.slice(0, 3)}***********${s.idCardNumber.slice(14)}` }));
    const rebuilt = masked.filter((s) => rebuild(s, counties) === trueId.get(s.id));
    expect(masked.length).toBeGreaterThan(100);
    expect(rebuilt.length / masked.length).toBeGreaterThan(0.5);
  });

  it('rebuilds none for any role that sees numbers masked or not at all', async () => {
    const { teachers, schools, enrollments, classes, projects } = graph.province;
    const enrolled = enrollments.find((e) => teachers.some((t) => t.id === e.teacherId))!;
    const institutionId = projects.find((p) => p.id === classes.find((c) => c.id === enrolled.classId)!.projectId)!.institutionId;
    const school = schools.find((s) => s.id === teachers[0].schoolId)!;
    const otherSchool = schools.find((s) => s.regionCode === school.regionCode && s.id !== school.id) ?? schools.find((s) => s.id !== school.id)!;
    const otherCounty = schools.find((s) => s.regionCode.slice(0, 4) !== school.regionCode.slice(0, 4))!.regionCode;
    const roles: [string, Identity | null][] = [
      ['an institution, about its enrollees', { role: 'INSTITUTION', subject: 'i', institutionId }],
      ['another teacher', { role: 'TEACHER', subject: 't', teacherId: teachers[1].id, schoolId: otherSchool.id, regionCode: otherSchool.regionCode }],
      ['another school', { role: 'SCHOOL_ADMIN', subject: 's', schoolId: otherSchool.id, regionCode: otherSchool.regionCode }],
      ['another county', { role: 'COUNTY_BUREAU', subject: 'c', regionCode: otherCounty }],
      ['another province', { role: 'PROVINCE_BUREAU', subject: 'zj', regionCode: '330000' }],
      ['an analyst', { role: 'ANALYST', subject: 'a' }],
      ['anonymous', null],
    ];
    const counts: Record<string, { masked: number; rebuilt: number; withBirthDate: number }> = {};
    for (const [label, identity] of roles) {
      const seen = (await reachable(identity)).filter((s) => s.idCardNumber.includes('*') || s.idCardNumber !== trueId.get(s.id));
      counts[label] = {
        masked: seen.length,
        rebuilt: seen.filter((s) => rebuild(s, counties) === trueId.get(s.id)).length,
        withBirthDate: seen.filter((s) => s.birthDate || s.retirementDate || s.sex).length,
      };
    }
    // The institution does reach its enrollees, with masked numbers: what it sees is tested, not an empty page.
    expect(counts['an institution, about its enrollees'].masked).toBeGreaterThan(0);
    for (const [label] of roles) expect({ label, ...counts[label] }).toEqual({ label, masked: counts[label].masked, rebuilt: 0, withBirthDate: 0 });
  });

  it('lets no role that sees numbers masked try candidates against the registry (teachersByIdNumber)', async () => {
    const { teachers, schools, enrollments, classes, projects } = graph.province;
    const enrolled = enrollments.find((e) => teachers.some((t) => t.id === e.teacherId))!;
    const teacher = teachers.find((t) => t.id === enrolled.teacherId)!;
    const institutionId = projects.find((p) => p.id === classes.find((c) => c.id === enrolled.classId)!.projectId)!.institutionId;
    const county = schools.find((s) => s.id === teacher.schoolId)!.regionCode;
    const otherCounty = schools.find((s) => s.regionCode.slice(0, 4) !== county.slice(0, 4))!.regionCode;
    const BY_NUMBER = `query($numbers: [String!]!) { teachersByIdNumber(idNumbers: $numbers) { index teacher { id } } }`;
    // The right number among wrong ones: an oracle would single it out.
    const candidates = [`${teacher.idNumber.slice(0, 17)}${teacher.idNumber.endsWith('0') ? '1' : '0'}`, teacher.idNumber];
    const institution = await graph.query(BY_NUMBER, { numbers: candidates }, { role: 'INSTITUTION', subject: 'i', institutionId });
    expect(institution.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(institution.data?.teachersByIdNumber ?? null).toBeNull();
    // Another county's bureau, which may ask, learns nothing of a teacher it does not manage.
    const elsewhere = await graph.query(BY_NUMBER, { numbers: candidates }, { role: 'COUNTY_BUREAU', subject: 'c', regionCode: otherCounty });
    expect(elsewhere.data!.teachersByIdNumber).toEqual([{ index: 0, teacher: null }, { index: 1, teacher: null }]);
    // At most 100 numbers a call.
    const many = await graph.query(BY_NUMBER, { numbers: Array.from({ length: 101 }, () => teacher.idNumber) }, { role: 'COUNTY_BUREAU', subject: 'c', regionCode: county });
    expect(many.errors?.[0]?.extensions).toMatchObject({ rule: 'TOO_MANY_ID_NUMBERS' });
  });
});
