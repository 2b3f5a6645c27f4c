import type { Identity } from '../kit/identity';
import { SICHUAN_BUREAU } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/**
 * 选派 (direct assignment) is judged on the project's audience (适用对象) with the stage and
 * subject the registry says each teacher teaches (任教学段, 任教学科), asked through the graph in
 * the same request as their school and county: a teacher outside the audience is refused
 * (NOT_IN_AUDIENCE) and nobody of the call is assigned; a matching teacher is. On MariaDB,
 * through the gateway. (A teacher's own selectClass asks the registry nothing: its hot path.)
 */

const ASSIGN = `mutation($classId: ID!, $teachers: [AssignTeacherInput!]!) { assignTeacher(classId: $classId, teachers: $teachers) { id teacher { id } status } }`;

function extensionsOf(result: GraphQLResult): Record<string, unknown> | undefined {
  return result.errors?.[0]?.extensions as Record<string, unknown> | undefined;
}

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph('mariadb', { teachers: 200 });
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

describe('assignments and the project audience', () => {
  it("refuses a teacher whose stage or subject is outside the audience, by the registry's word, and assigns a matching one", async () => {
    const { province } = graph;
    const training = graph.stores.training.dataSource;
    const project = province.projects.find((p) => p.status === 'PUBLISHED')!;
    const trainingClass = province.classes.find((c) => c.projectId === project.id)!;
    const enrolled = new Set(province.enrollments.filter((e) => e.classId === trainingClass.id).map((e) => e.teacherId));
    const free = province.teachers.filter((t) => !enrolled.has(t.id));
    const matching = free[0];
    const otherStage = free.find((t) => t.stage !== matching.stage)!;
    const otherSubject = free.find((t) => t.stage === matching.stage && t.subject !== matching.subject && t.id !== matching.id)!;
    expect([otherStage, otherSubject].every(Boolean)).toBe(true);
    // The project is for the matching teacher's stage and subject, anywhere in Sichuan.
    await training.query("UPDATE training_project SET audience_stages = ?, audience_subjects = ?, audience_regions = '51' WHERE id = ?", [
      matching.stage,
      matching.subject,
      project.id,
    ]);
    await training.query('UPDATE training_class SET capacity = seats_taken + 10 WHERE id = ?', [trainingClass.id]);
    const seats = async () => Number((await training.query('SELECT seats_taken AS n FROM training_class WHERE id = ?', [trainingClass.id]))[0].n);
    const enrollmentsOf = async (teacherId: string) =>
      Number((await training.query('SELECT COUNT(*) AS n FROM enrollment WHERE class_id = ? AND teacher_id = ?', [trainingClass.id, teacherId]))[0].n);
    const before = await seats();

    const stageRefused = await graph.query(ASSIGN, { classId: trainingClass.id, teachers: [{ teacherId: matching.id }, { teacherId: otherStage.id }] }, SICHUAN_BUREAU);
    expect(extensionsOf(stageRefused)).toMatchObject({ code: 'NOT_IN_AUDIENCE', rule: 'NOT_IN_AUDIENCE', dimension: 'stage', actual: otherStage.stage, teacherId: otherStage.id });
    expect(stageRefused.errors![0].message).toContain(`teacher ${otherStage.id}'s is ${otherStage.stage}`);

    const school = province.schools.find((s) => s.id === otherSubject.schoolId)!;
    const schoolAdmin: Identity = { role: 'SCHOOL_ADMIN', subject: 'audience-admin', schoolId: school.id, regionCode: school.regionCode };
    const subjectRefused = await graph.query(ASSIGN, { classId: trainingClass.id, teachers: [{ teacherId: otherSubject.id }] }, schoolAdmin);
    expect(extensionsOf(subjectRefused)).toMatchObject({ code: 'NOT_IN_AUDIENCE', dimension: 'subject', actual: otherSubject.subject });

    // Nothing stored for anyone of the refused calls, the matching teacher of the first included.
    expect(await seats()).toBe(before);
    for (const t of [matching, otherStage, otherSubject]) expect(await enrollmentsOf(t.id)).toBe(0);

    const assigned = await graph.query(ASSIGN, { classId: trainingClass.id, teachers: [{ teacherId: matching.id }] }, SICHUAN_BUREAU);
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignTeacher).toEqual([{ id: expect.any(String), teacher: { id: matching.id }, status: 'SCHOOL_APPROVED' }]);
    expect(await seats()).toBe(before + 1);
  });
});
