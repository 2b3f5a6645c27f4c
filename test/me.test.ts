import { SHOWCASE } from '../scripts/demo-showcase';
import { todayInChina } from '../kit/date';
import type { Identity } from '../kit/identity';
import { chineseDate } from '../subgraphs/certification/pdf';
import { SYSTEM } from './support/auth';
import { startTestGraph, type TestGraph } from './support/graph';
import { pdfText } from './support/pdf';

/** `me`: every role gets its own rows, and through them the other slices' fields a frontend needs. */
const ME = `{
  me {
    role
    teacher { id name creditAccount { earned required remaining onTrack } certificates { number } enrollments { id } }
    school { id name pendingReviews { id teacher { name } } }
    region { code name }
    institution { id name projects { code } }
  }
}`;

const TEACHER: Identity = { role: 'TEACHER', subject: 't', teacherId: SHOWCASE.teacher.id, schoolId: SHOWCASE.school.id, regionCode: SHOWCASE.regionCode };
const SCHOOL: Identity = { role: 'SCHOOL_ADMIN', subject: 's', schoolId: SHOWCASE.school.id, regionCode: SHOWCASE.regionCode };

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph('sqlite', { teachers: 20, showcase: true });
});

afterAll(async () => {
  await graph?.stop();
});

describe('me', () => {
  it("gives a teacher their own account, certificates and school", async () => {
    const { data, errors } = await graph.query(ME.replace(/pendingReviews \{[^}]*\} \}/, ''), undefined, TEACHER);
    expect(errors).toBeUndefined();
    expect(data!.me.role).toBe('TEACHER');
    expect(data!.me.teacher).toMatchObject({ id: SHOWCASE.teacher.id, name: '王芳', certificates: [{ number: SHOWCASE.certificate.number }] });
    expect(Number(data!.me.teacher.creditAccount.earned)).toBeGreaterThan(0);
    expect(data!.me.school).toMatchObject({ id: SHOWCASE.school.id });
    expect(data!.me.region).toMatchObject({ code: SHOWCASE.regionCode });
    expect(data!.me.institution).toBeNull();
  });

  it("gives a school its review queue", async () => {
    const { data, errors } = await graph.query(`{ me { role teacher { id } school { id pendingReviews { id teacher { name } } } institution { id } } }`, undefined, SCHOOL);
    expect(errors).toBeUndefined();
    expect(data!.me).toMatchObject({ role: 'SCHOOL_ADMIN', teacher: null, institution: null });
    expect(data!.me.school.pendingReviews.map((e: { id: string }) => e.id)).toContain(SHOWCASE.enrollmentToReview.id);
  });

  it('gives a bureau its region, an institution its projects, and an anonymous caller nothing', async () => {
    const bureau = await graph.query(`{ me { role region { code name } school { id } } }`, undefined, { role: 'CITY_BUREAU', subject: 'c', regionCode: '510100' });
    expect(bureau.errors).toBeUndefined();
    expect(bureau.data!.me).toEqual({ role: 'CITY_BUREAU', region: { code: '510100', name: '成都市' }, school: null });

    const institution = await graph.query(`{ me { role institution { id name projects { code } } } }`, undefined, { role: 'INSTITUTION', subject: 'i', institutionId: SHOWCASE.institution.id });
    expect(institution.errors).toBeUndefined();
    expect(institution.data!.me.institution).toEqual({ id: SHOWCASE.institution.id, name: SHOWCASE.institution.name, projects: [{ code: SHOWCASE.project.code }] });

    const anonymous = await graph.query(`{ me { role teacher { id } school { id } region { code } institution { id } } }`, undefined, null);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.me).toEqual({ role: 'ANONYMOUS', teacher: null, school: null, region: null, institution: null });
  });

  it("prints a teacher's training archive (参训档案) in Chinese from every slice, for the teacher and their offices only", async () => {
    const { data, errors } = await graph.query(`{ me { teacher { trainingArchive } } }`, undefined, TEACHER);
    expect(errors).toBeUndefined();
    const text = pdfText(Buffer.from(data!.me.teacher.trainingArchive, 'base64')).replace(/[ \t]+/g, ' ');
    for (const expected of ['教师参训档案', '姓名：王芳', '身份证号：510104198803150027', `任教学校：${SHOWCASE.school.name}`, '2021—2025 年：已认定', '2026—2030 年：已认定', SHOWCASE.certificate.number]) {
      expect(text).toContain(expected);
    }
    const school = await graph.query(`{ teacher(id: "${SHOWCASE.teacher.id}") { trainingArchive } }`, undefined, SCHOOL);
    expect(school.errors).toBeUndefined();
    expect(school.data!.teacher.trainingArchive).toEqual(expect.any(String));
    const institution = await graph.query(`{ teacher(id: "${SHOWCASE.teacher.id}") { trainingArchive } }`, undefined, { role: 'INSTITUTION', subject: 'i', institutionId: SHOWCASE.institution.id });
    expect(institution.data?.teacher?.trainingArchive ?? null).toBeNull();

    // 任职经历 from the registry's placements: the school since hire, then a transfer closes it on the business day.
    const { hireDate } = (await graph.query(`{ teacher(id: "${SHOWCASE.teacher.id}") { hireDate } }`)).data!.teacher;
    expect(text).toContain(`${chineseDate(hireDate)}—至今 ${SHOWCASE.school.name}（`);
    expect(text).not.toContain('教师库未保存调动记录');
    const to = graph.province.schools.find((s) => s.id !== SHOWCASE.school.id && s.type === 'PRIMARY')!;
    const moved = await graph.query(`mutation { transferTeacher(id: "${SHOWCASE.teacher.id}", schoolId: "${to.id}") { id } }`, undefined, SYSTEM);
    expect(moved.errors).toBeUndefined();
    const after = await graph.query(`{ me { teacher { trainingArchive } } }`, undefined, TEACHER);
    expect(after.errors).toBeUndefined();
    const history = pdfText(Buffer.from(after.data!.me.teacher.trainingArchive, 'base64')).replace(/[ \t]+/g, ' ');
    const today = chineseDate(todayInChina());
    expect(history).toContain(`${chineseDate(hireDate)}—${today} ${SHOWCASE.school.name}（`);
    expect(history).toContain(`${today}—至今 ${to.name}（`);
  }, 60_000);
});
