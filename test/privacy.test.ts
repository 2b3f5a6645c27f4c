import type { Identity } from '../kit/identity';
import { maskIdNumber } from '../standards/id-number';
import { maskPhone } from '../standards/masking';
import { serviceIdentity } from './support/auth';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

/**
 * Personal data and row scope through the gateway, for every role: 身份证号 and phone
 * are whole only for the teacher and the offices that manage them, masked for an
 * institution that reaches its enrollees, and never shown to anyone else.
 */
describe.each(BACKENDS)('privacy and row scope on %s', (backend) => {
  let graph: TestGraph;
  // The teacher under test, a colleague at another school, and what surrounds them.
  let target: TestGraph['province']['teachers'][number];
  let county: string;
  let otherCounty: string;
  let institutionId: string;
  let classId: string;

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 200 });
    const { teachers, schools, enrollments, classes, projects } = graph.province;
    const regionOf = new Map(schools.map((s) => [s.id, s.regionCode]));
    target = teachers.find((t) => t.phone && enrollments.some((e) => e.teacherId === t.id))!;
    county = regionOf.get(target.schoolId)!;
    otherCounty = schools.find((s) => !s.regionCode.startsWith(county.slice(0, 4)))!.regionCode;
    const enrollment = enrollments.find((e) => e.teacherId === target.id)!;
    classId = enrollment.classId;
    const projectId = classes.find((c) => c.id === classId)!.projectId;
    institutionId = projects.find((p) => p.id === projectId)!.institutionId;
  });

  afterAll(async () => {
    await graph?.stop();
  });

  type Expectation = 'whole' | 'masked' | 'hidden';

  const roles = (): [string, Identity, Expectation][] => [
    ['the teacher themself', { role: 'TEACHER', subject: 't', teacherId: target.id, schoolId: target.schoolId, regionCode: county }, 'whole'],
    ['another teacher', { role: 'TEACHER', subject: 'o', teacherId: 'someone-else', schoolId: target.schoolId, regionCode: county }, 'hidden'],
    ['their school admin', { role: 'SCHOOL_ADMIN', subject: 's', schoolId: target.schoolId, regionCode: county }, 'whole'],
    ['another school admin', { role: 'SCHOOL_ADMIN', subject: 's2', schoolId: 'another-school', regionCode: county }, 'hidden'],
    ['their county bureau', { role: 'COUNTY_BUREAU', subject: 'c', regionCode: county }, 'whole'],
    ['another county bureau', { role: 'COUNTY_BUREAU', subject: 'c2', regionCode: otherCounty }, 'hidden'],
    ['their city bureau', { role: 'CITY_BUREAU', subject: 'ci', regionCode: `${county.slice(0, 4)}00` }, 'whole'],
    ['the province bureau', { role: 'PROVINCE_BUREAU', subject: 'p', regionCode: '510000' }, 'whole'],
    ['another province bureau', { role: 'PROVINCE_BUREAU', subject: 'zj', regionCode: '330000' }, 'hidden'],
    ['an analyst', { role: 'ANALYST', subject: 'a' }, 'hidden'],
    ['the system', { role: 'SYSTEM', subject: 'sys' }, 'whole'],
    ['an institution', { role: 'INSTITUTION', subject: 'i', institutionId: 'not-theirs' }, 'hidden'],
  ];

  const PERSONAL = `idCardNumber phone name`;

  const LABELS = [
    'the teacher themself', 'another teacher', 'their school admin', 'another school admin', 'their county bureau',
    'another county bureau', 'their city bureau', 'the province bureau', 'another province bureau', 'an analyst',
    'the system', 'an institution',
  ];

  it.each(LABELS)('%s sees exactly what the rules allow of a teacher', async (name) => {
    const [label, identity, expected] = roles().find(([l]) => l === name)!;
    const byId = await graph.query(`query($id: ID!) { teacher(id: $id) { ${PERSONAL} } }`, { id: target.id }, identity);
    const listed = await graph.query(
      `query($region: ID!) { teachers(first: 100, filter: { regionCode: $region }) { totalCount nodes { id ${PERSONAL} } } }`,
      { region: county },
      identity,
    );
    expect(byId.errors).toBeUndefined();
    expect(listed.errors).toBeUndefined();
    const inList = listed.data!.teachers.nodes.find((n: { id: string }) => n.id === target.id);
    if (expected === 'hidden') {
      expect({ label, byId: byId.data!.teacher, inList }).toEqual({ label, byId: null, inList: undefined });
      return;
    }
    const whole = { idCardNumber: target.idNumber, phone: target.phone, name: target.name };
    expect({ label, byId: byId.data!.teacher }).toEqual({ label, byId: whole });
    expect(inList).toEqual({ id: target.id, ...whole });
  });

  it('answers whose 身份证号 a number is only to offices (their own teachers) and the certification service, never echoing a number', async () => {
    const BY_NUMBER = `query($numbers: [String!]!) { teachersByIdNumber(idNumbers: $numbers) { index teacher { id } } }`;
    const variables = { numbers: ['110101199003070000', target.idNumber] };
    const asked = (label: string) => graph.query(BY_NUMBER, variables, roles().find(([l]) => l === label)![1]);
    for (const label of ['their county bureau', 'their city bureau', 'the province bureau', 'the system']) {
      expect({ label, answer: (await asked(label)).data?.teachersByIdNumber }).toEqual({ label, answer: [{ index: 0, teacher: null }, { index: 1, teacher: { id: target.id } }] });
    }
    for (const label of ['another county bureau', 'another province bureau']) {
      expect({ label, answer: (await asked(label)).data?.teachersByIdNumber }).toEqual({ label, answer: [{ index: 0, teacher: null }, { index: 1, teacher: null }] });
    }
    // Only the offices ask: a role that may see numbers masked (an institution) could try a masked number's candidates.
    for (const label of ['the teacher themself', 'their school admin', 'an analyst', 'an institution']) {
      expect({ label, code: (await asked(label)).errors?.[0]?.extensions?.code }).toEqual({ label, code: 'FORBIDDEN' });
    }
    expect((await graph.query(BY_NUMBER, variables, null)).data?.teachersByIdNumber ?? null).toBeNull();

    const certification = serviceIdentity('certification');
    const placed = await graph.query(
      `query($numbers: [String!]!) { teachersByIdNumber(idNumbers: $numbers) { index teacher { id school { id region { code } } } } }`,
      variables,
      certification,
    );
    expect(placed.data!.teachersByIdNumber[1]).toEqual({ index: 1, teacher: { id: target.id, school: { id: target.schoolId, region: { code: county } } } });
    expect(JSON.stringify(placed)).not.toContain(target.idNumber);
    const numbers = await graph.query(`query($numbers: [String!]!) { teachersByIdNumber(idNumbers: $numbers) { teacher { idCardNumber name } } }`, variables, certification);
    expect(numbers.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SERVICE_GRANT' });
    expect(JSON.stringify(numbers)).not.toContain(target.idNumber);
  });

  it('shows an institution its enrollees with personal data masked, and nothing of other institutions', async () => {
    const institution: Identity = { role: 'INSTITUTION', subject: 'i', institutionId };
    const result = await graph.query(
      `query($id: ID!) { trainingClass(id: $id) { enrollments { teacher { id name idCardNumber phone } } } }`,
      { id: classId },
      institution,
    );
    expect(result.errors).toBeUndefined();
    const seen = result.data!.trainingClass.enrollments.map((e: any) => e.teacher);
    expect(seen).toContainEqual({ id: target.id, name: target.name, idCardNumber: maskIdNumber(target.idNumber), phone: maskPhone(target.phone!) });
    for (const teacher of seen) {
      expect(teacher.idCardNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    }
    const stranger = await graph.query(
      `query($id: ID!) { trainingClass(id: $id) { enrollments { id } } }`,
      { id: classId },
      { role: 'INSTITUTION', subject: 'x', institutionId: 'not-theirs' },
    );
    expect(stranger.data!.trainingClass.enrollments).toEqual([]);
  });

  it('shows an institution only the current placement of its enrollee, not where they worked before (任职经历)', async () => {
    // A classmate of the teacher under test, moved to another school of the same type.
    const { enrollments, teachers, schools } = graph.province;
    const mover = teachers.find((t) => t.id !== target.id && enrollments.some((e) => e.classId === classId && e.teacherId === t.id))!;
    const from = schools.find((s) => s.id === mover.schoolId)!;
    const to = schools.find((s) => s.id !== from.id && s.type === from.type)!;
    const moved = await graph.query(`mutation($id: ID!, $to: ID!) { transferTeacher(id: $id, schoolId: $to) { id } }`, { id: mover.id, to: to.id });
    expect(moved.errors).toBeUndefined();
    const history = `query($id: ID!) { trainingClass(id: $id) { enrollments { teacher { id placements { school { id } to } placementOn(date: "2020-06-01") { school { id } } } } } }`;
    const asInstitution = await graph.query(history, { id: classId }, { role: 'INSTITUTION', subject: 'i', institutionId });
    expect(asInstitution.errors).toBeUndefined();
    const seen = asInstitution.data!.trainingClass.enrollments.map((e: any) => e.teacher).find((t: any) => t.id === mover.id);
    expect(seen).toEqual({ id: mover.id, placements: [{ school: { id: to.id }, to: null }], placementOn: null });
    const asBureau = await graph.query(history, { id: classId });
    const whole = asBureau.data!.trainingClass.enrollments.map((e: any) => e.teacher).find((t: any) => t.id === mover.id);
    expect(whole.placements.map((p: any) => p.school.id)).toEqual([from.id, to.id]);
    expect(whole.placementOn).toEqual({ school: { id: from.id } });
  });

  it("refuses an institution a teacher's credit account even when it reaches the teacher", async () => {
    const result = await graph.query(
      `query($id: ID!) { trainingClass(id: $id) { enrollments { teacher { creditAccount { earned } } } } }`,
      { id: classId },
      { role: 'INSTITUTION', subject: 'i', institutionId },
    );
    expect(result.errors!.map((e) => e.extensions!.code)).toContain('FORBIDDEN');
  });

  it('scopes credit records and certificates to the county that manages them', async () => {
    const query = `{ creditRecords(first: 100) { totalCount nodes { teacher { id } } } }`;
    const own = await graph.query(query, {}, { role: 'COUNTY_BUREAU', subject: 'c', regionCode: county });
    const schoolsInCounty = new Set(graph.province.schools.filter((s) => s.regionCode === county).map((s) => s.id));
    const teachersInCounty = new Set(graph.province.teachers.filter((t) => schoolsInCounty.has(t.schoolId)).map((t) => t.id));
    const expected = graph.province.creditRecords.filter((r) => teachersInCounty.has(r.teacherId)).length;
    expect(own.data!.creditRecords.totalCount).toBe(expected);
    for (const node of own.data!.creditRecords.nodes) expect(teachersInCounty.has(node.teacher.id)).toBe(true);

    const analyst = await graph.query(query, {}, { role: 'ANALYST', subject: 'a' });
    expect(analyst.data!.creditRecords.totalCount).toBe(0);

    const certificate = graph.province.certificates.find((c) => c.teacherId === target.id);
    if (certificate) {
      const seenByOther = await graph.query(`query($n: ID!) { certificate(number: $n) { number } }`, { n: certificate.number }, {
        role: 'COUNTY_BUREAU',
        subject: 'c2',
        regionCode: otherCounty,
      });
      expect(seenByOther.data!.certificate).toBeNull();
    }
  });

  it('gives analysts aggregates but no rows', async () => {
    const result = await graph.query(
      `{ region(code: "510000") { teacherCounts { total } } teachers { totalCount } }`,
      {},
      { role: 'ANALYST', subject: 'a' },
    );
    expect(result.data!.region.teacherCounts.total).toBe(graph.province.teachers.length);
    expect(result.data!.teachers.totalCount).toBe(0);
  });

  it('lets anonymous callers see published projects only, and no teachers', async () => {
    const result = await graph.query(`{ trainingProjects(first: 100) { nodes { status } } teachers { totalCount } }`, {}, null);
    expect(result.errors).toBeUndefined();
    const statuses = new Set(result.data!.trainingProjects.nodes.map((n: { status: string }) => n.status));
    expect([...statuses].every((s) => s === 'PUBLISHED' || s === 'CLOSED')).toBe(true);
    expect(graph.province.projects.some((p) => p.status !== 'PUBLISHED' && p.status !== 'CLOSED')).toBe(true);
    expect(result.data!.teachers.totalCount).toBe(0);
  });

  it('refuses writes outside the caller\'s scope with FORBIDDEN and stores nothing', async () => {
    const school = graph.province.schools.find((s) => s.regionCode === county && s.type === 'PRIMARY') ?? graph.province.schools.find((s) => s.regionCode === county)!;
    const result = await graph.query(
      `mutation($input: RegisterTeacherInput!) { registerTeacher(input: $input) { id } }`,
      { input: { idNumber: '11010519491231002X', name: '越权', schoolId: school.id, stage: 'PRIMARY', subject: '数学', hireDate: '1972-09-01' } },
      { role: 'COUNTY_BUREAU', subject: 'c2', regionCode: otherCounty },
    );
    expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
    const count = await graph.query(`{ teachers { totalCount } }`, {}, { role: 'SYSTEM', subject: 's' });
    expect(count.data!.teachers.totalCount).toBe(graph.province.teachers.length);
  });
});
