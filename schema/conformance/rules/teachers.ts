/** Teachers (教师库): Region, School, Teacher (by id and by the hidden 身份证号). */
import { entityRule, hiddenRowRule, outsideProvince } from '../common';
import { SYSTEM, dataOf, expectError, fail, type Rule } from '../kit';

export const teachersRules: Rule[] = [
  hiddenRowRule('teachers.hidden-row', (ctx) => ({
    read: 'query($key: ID!) { teacher(id: $key) { id } }',
    field: 'teacher',
    write: 'mutation($key: ID!) { updateTeacher(id: $key, input: { subject: "数学" }) { id } }',
    known: ctx.fixtures.teachers[0].id,
    unknown: 'conformance-no-such-teacher',
    outsider: (c) => ({ role: 'COUNTY_BUREAU', subject: 'conformance-outsider', regionCode: `${outsideProvince(c)}0102` }),
  })),
  entityRule('entities.Teacher', (ctx) => ({
    typename: 'Teacher',
    selection: 'id name',
    known: ctx.fixtures.teachers.map((t) => ({ representation: { id: t.id }, expected: { id: t.id, name: t.name } })),
    unknown: { id: 'conformance-no-such-teacher' },
  })),
  entityRule('entities.Teacher(idNumber)', (ctx) => ({
    typename: 'Teacher',
    selection: 'id',
    known: ctx.fixtures.teachers.map((t) => ({ representation: { idNumber: t.idNumber }, expected: { id: t.id } })),
    // Province 99 does not exist (GB/T 2260): no registration can ever take this number.
    unknown: { idNumber: '990105194912310023' },
  })),
  entityRule('entities.School', (ctx) => ({
    typename: 'School',
    selection: 'id name',
    known: ctx.fixtures.schools.map((s) => ({ representation: { id: s.id }, expected: { id: s.id, name: s.name } })),
    unknown: { id: 'conformance-no-such-school' },
  })),
  entityRule('entities.Region', (ctx) => ({
    typename: 'Region',
    selection: 'code name',
    known: ctx.fixtures.regions.map((r) => ({ representation: { code: r.code }, expected: { code: r.code, name: r.name } })),
    unknown: { code: '999999' },
  })),
  {
    id: 'teachers.id-number-checksum',
    title: 'a 身份证号 with a wrong check character is refused (BAD_USER_INPUT, rule ID_NUMBER_CHECKSUM)',
    run: async (ctx) => {
      const school = ctx.fixtures.schools[0];
      const input = { idNumber: '510104198001010015', name: '校验测试', schoolId: school.id, stage: 'PRIMARY', subject: '语文', hireDate: '2002-09-01' };
      expectError(await ctx.call('mutation($input: RegisterTeacherInput!) { registerTeacher(input: $input) { id } }', { input }, SYSTEM), 'BAD_USER_INPUT', 'registerTeacher with a bad checksum', { rule: 'ID_NUMBER_CHECKSUM' });
      return 'refused';
    },
  },
  {
    id: 'teachers.service-reads',
    title: "the slices' service identities read the facts their checks need (credits the 身份证号 whole and placements, training schools and counties), and not a teacher's name",
    run: async (ctx) => {
      const [teacher] = ctx.fixtures.teachers;
      const service = (name: string) => ({ role: 'SERVICE' as const, subject: `conformance-${name}-service`, service: name });
      const credits = dataOf(
        await ctx.call('query($id: ID!) { teacher(id: $id) { idCardNumber placementOn(date: "2099-01-01") { school { id } regionCode } } }', { id: teacher.id }, service('credits')),
        'the credits service reading a placement',
      ).teacher;
      if (credits?.idCardNumber !== teacher.idNumber) fail(`the credits service reads ${JSON.stringify(credits)}; it needs the whole 身份证号 to match imported rows.`);
      if (credits.placementOn?.school?.id !== teacher.schoolId || credits.placementOn.regionCode !== teacher.regionCode) fail(`the credits service reads the placement ${JSON.stringify(credits.placementOn)}; expected ${teacher.schoolId} in ${teacher.regionCode}.`);
      const training = dataOf(
        await ctx.call('query($ids: [ID!]) { teachers(first: 1, filter: { ids: $ids }) { nodes { school { id region { code } } } } }', { ids: [teacher.id] }, service('training')),
        'the training service reading schools and counties',
      ).teachers.nodes;
      if (training[0]?.school?.id !== teacher.schoolId) fail(`the training service reads ${JSON.stringify(training)}; expected the teacher's school ${teacher.schoolId}.`);
      expectError(await ctx.call('query($id: ID!) { teacher(id: $id) { name } }', { id: teacher.id }, service('credits')), 'FORBIDDEN', "the credits service reading a teacher's name", { rule: 'SERVICE_GRANT' });
      return 'placements and 身份证号 to credits, schools to training, names to nobody';
    },
  },
  {
    id: 'teachers.row-scope',
    title: 'a school admin sees their own teachers (身份证号 whole) and not another school’s',
    run: async (ctx) => {
      const [teacher, other] = ctx.fixtures.teachers;
      const admin = { role: 'SCHOOL_ADMIN' as const, subject: 'conformance-school-admin', schoolId: teacher.schoolId, regionCode: teacher.regionCode };
      const query = 'query($id: ID!) { teacher(id: $id) { id idCardNumber } }';
      const own = dataOf(await ctx.call(query, { id: teacher.id }, admin), 'teacher').teacher;
      if (own?.idCardNumber !== teacher.idNumber) fail(`the school admin reads ${JSON.stringify(own)} for their own teacher; expected the whole 身份证号.`);
      const foreign = await ctx.call(query, { id: other.id }, admin);
      if (foreign.body.data?.teacher) fail(`the school admin reads another school's teacher ${other.id}.`);
      return 'own teacher whole, other school hidden';
    },
  },
];
