import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

const TEACHER_RECORD = /* GraphQL */ `
  query TeacherRecord($id: ID!) {
    teacher(id: $id) {
      id
      name
      idCardNumber
      school { name type region { code name parent { name } } }
      enrollments { status trainingClass { name project { title totalCredits } } }
      creditAccount(year: 2024) { cycleStartYear required earned pending remaining }
      creditRecords { credits status }
      certificates { number kind status }
    }
  }
`;

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterTeacherInput!) {
    registerTeacher(input: $input) { id name sex birthDate idCardNumber }
  }
`;

describe.each(BACKENDS)('the supergraph end to end on %s', (backend) => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph(backend);
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('answers one teacher record spanning all four subgraphs', async () => {
    const seeded = graph.province.teachers[0];
    const result = await graph.query(TEACHER_RECORD, { id: seeded.id });
    expect(result.errors).toBeUndefined();
    const teacher = result.data!.teacher;
    const school = graph.province.schools.find((s) => s.id === seeded.schoolId)!;
    expect(teacher.name).toBe(seeded.name);
    expect(teacher.idCardNumber).toBe(seeded.idNumber);
    expect(teacher.school.name).toBe(school.name);
    expect(teacher.school.region.code).toBe(school.regionCode);

    const enrollments = graph.province.enrollments.filter((e) => e.teacherId === seeded.id);
    expect(teacher.enrollments).toHaveLength(enrollments.length);
    expect(teacher.enrollments.length).toBeGreaterThan(0);
    expect(teacher.enrollments[0].trainingClass.project.title).toEqual(expect.any(String));

    const records = graph.province.creditRecords.filter((r) => r.teacherId === seeded.id);
    expect(teacher.creditRecords).toHaveLength(records.length);
    const earned = records
      .filter((r) => ['APPROVED', 'VERIFIED'].includes(r.status) && r.earnedOn >= '2021-01-01' && r.earnedOn <= '2025-12-31')
      .reduce((sum, r) => sum + r.creditsMilli, 0);
    expect(teacher.creditAccount).toMatchObject({ cycleStartYear: 2021, required: '360' });
    expect(Number(teacher.creditAccount.earned) * 1000).toBe(earned);

    const certificates = graph.province.certificates.filter((c) => c.teacherId === seeded.id);
    expect(teacher.certificates.map((c: { number: string }) => c.number).sort()).toEqual(certificates.map((c) => c.number).sort());
  });

  it("counts a region's teachers by reporting category, including every region below it", async () => {
    const result = await graph.query(`{ region(code: "510000") { name level teacherCounts { kindergarten primaryAndSecondary vocational specialEducation total } children { code } } }`);
    expect(result.errors).toBeUndefined();
    const schoolsById = new Map(graph.province.schools.map((s) => [s.id, s]));
    const byCategory = { KINDERGARTEN: 0, PRIMARY_AND_SECONDARY: 0, VOCATIONAL: 0, SPECIAL_EDUCATION: 0 };
    for (const t of graph.province.teachers) byCategory[schoolsById.get(t.schoolId)!.category] += 1;
    const counts = result.data!.region.teacherCounts;
    expect(counts).toEqual({
      kindergarten: byCategory.KINDERGARTEN,
      primaryAndSecondary: byCategory.PRIMARY_AND_SECONDARY,
      vocational: byCategory.VOCATIONAL,
      specialEducation: byCategory.SPECIAL_EDUCATION,
      total: graph.province.teachers.length,
    });
    expect(result.data!.region.children).toHaveLength(21);
  });

  it('pages through a filtered, sorted teacher list', async () => {
    const cityCode = graph.province.schools[0].regionCode.slice(0, 4) + '00';
    const inCity = new Set(graph.province.schools.filter((s) => s.regionCode.startsWith(cityCode.slice(0, 4))).map((s) => s.id));
    const expected = graph.province.teachers.filter((t) => inCity.has(t.schoolId)).length;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await graph.query(
        `query Page($after: String, $region: ID!) {
          teachers(first: 7, after: $after, filter: { regionCode: $region }, orderBy: { field: HIRE_DATE, direction: DESC }) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id hireDate }
          }
        }`,
        { after, region: cityCode },
      );
      expect(page.errors).toBeUndefined();
      expect(page.data.teachers.totalCount).toBe(expected);
      const dates = page.data.teachers.nodes.map((n: { hireDate: string }) => n.hireDate);
      expect([...dates].sort().reverse()).toEqual(dates);
      seen.push(...page.data.teachers.nodes.map((n: { id: string }) => n.id));
      if (!page.data.teachers.pageInfo.hasNextPage) break;
      after = page.data.teachers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
  });


  it('never shows clients the 身份证号 key', async () => {
    const type = await graph.query(`{ __type(name: "Teacher") { fields { name } } }`);
    const fields = type.data!.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['id', 'idCardNumber', 'enrollments', 'creditAccount', 'certificates']));
    expect(fields).not.toContain('idNumber');
    const asked = await graph.query(`{ teacher(id: "${graph.province.teachers[0].id}") { idNumber } }`);
    expect(asked.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('registers a teacher through the gateway and derives birth date and sex from the 身份证号', async () => {
    const school = graph.province.schools.find((s) => s.type === 'PRIMARY')!;
    const result = await graph.query(REGISTER, {
      input: { idNumber: '110105199012310027', name: '测试教师', schoolId: school.id, stage: 'PRIMARY', subject: '数学', hireDate: '2012-09-01' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerTeacher).toMatchObject({ sex: 'FEMALE', birthDate: '1990-12-31', idCardNumber: '110105199012310027' });
  });

  it('refuses to register a teacher who retired long ago, given or by the statutory age (RETIREMENT_DATE_PAST)', async () => {
    const school = graph.province.schools.find((s) => s.type === 'PRIMARY')!;
    const base = { name: '测试教师', schoolId: school.id, stage: 'PRIMARY', subject: '数学' };
    const statutory = await graph.query(REGISTER, { input: { ...base, idNumber: '11010519491231002X', hireDate: '1972-09-01' } });
    expect(statutory.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'retirementDate', rule: 'RETIREMENT_DATE_PAST' });
    expect(statutory.errors![0].message).toMatch(/retired on 2004-12-31/);
    const given = await graph.query(REGISTER, { input: { ...base, idNumber: '510104198803150027', hireDate: '2010-09-01', retirementDate: '2015-01-01' } });
    expect(given.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'retirementDate', rule: 'RETIREMENT_DATE_PAST' });
  });

  it('rejects a wrong 身份证号 checksum with BAD_USER_INPUT and stores nothing', async () => {
    const before = await graph.stores.teachers.dataSource.query('SELECT COUNT(*) AS n FROM teacher');
    const school = graph.province.schools.find((s) => s.type === 'PRIMARY')!;
    const result = await graph.query(REGISTER, {
      input: { idNumber: '510104198001010015', name: '错号教师', schoolId: school.id, stage: 'PRIMARY', subject: '语文', hireDate: '2002-09-01' },
    });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'ID_NUMBER_CHECKSUM', field: 'idNumber' });
    expect(result.errors![0].message).toMatch(/check character/);
    const after = await graph.stores.teachers.dataSource.query('SELECT COUNT(*) AS n FROM teacher');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

});

describe('a subgraph refusing a request it understood', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 20 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it("passes the subgraph's BAD_USER_INPUT through instead of calling the subgraph unavailable", async () => {
    const teacher = graph.province.teachers[0];
    const school = graph.province.schools.find((s) => s.id === teacher.schoolId)!;
    const result = await graph.query(
      `mutation($hours: Decimal!) { registerCredit(input: { teacherId: "${teacher.id}", schoolId: "${school.id}", regionCode: "${school.regionCode}",
        source: SCHOOL_BASED, category: SCHOOL_BASED, earnedOn: "2024-03-01", offlineHours: $hours, credits: "1" }) { id } }`,
      { hours: '1.2345' },
      { role: 'SYSTEM', subject: 's' },
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.errors![0].message).toMatch(/at most 3 decimal places/);
  });
});
