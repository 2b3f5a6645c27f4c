import { syncCompletionCredits } from '../subgraphs/credits/completion-sync';
import { clientToken, serviceIdentity } from './support/auth';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

/**
 * Credits learn of training completions through the graph contract: the sync reads the
 * training subgraph's completion feed at the gateway and registers each once, as the credits
 * service (not SYSTEM): the write policy admits that service to registerCompletionCredits only.
 */
const CREDITS = serviceIdentity('credits');
const REGISTER = `mutation($input: CompletionCreditsInput!) { registerCompletionCredits(input: $input) { id } }`;
describe.each(BACKENDS)('registering completion credits through the graph on %s', (backend) => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 80 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('registers the completions credits has not seen, exactly once, and is idempotent', async () => {
    const credits = graph.stores.credits.dataSource;
    const completed = graph.province.enrollments.filter((e) => e.status === 'COMPLETED');
    expect(completed.length).toBeGreaterThan(5);
    // Forget five completions' credits, as if the credits platform had never heard of them.
    const forgotten = completed.slice(0, 5).map((e) => e.id);
    const placeholders = forgotten.map(() => '?').join(', ');
    await credits.query(`DELETE FROM credit_audit_entry WHERE record_id IN (SELECT id FROM credit_record WHERE enrollment_id IN (${placeholders}))`, forgotten);
    await credits.query(`DELETE FROM credit_record WHERE enrollment_id IN (${placeholders})`, forgotten);

    const options = { gatewayUrl: graph.gatewayUrl, token: await clientToken(CREDITS), pageSize: 50 };
    const first = await syncCompletionCredits(options);
    expect(first.failures).toEqual([]);
    expect(first.seen).toBe(completed.length);
    expect(first.lastCursor).toEqual(expect.any(String));

    const rows: { enrollment_id: string; credits_milli: number | string; source: string; region_code: string }[] = await credits.query(
      `SELECT enrollment_id, credits_milli, source, region_code FROM credit_record WHERE enrollment_id IN (${placeholders})`,
      forgotten,
    );
    expect(rows.map((r) => r.enrollment_id).sort()).toEqual([...forgotten].sort());
    const projectOfClass = new Map(graph.province.classes.map((c) => [c.id, c.projectId]));
    const project = new Map(graph.province.projects.map((p) => [p.id, p]));
    const schoolRegion = new Map(graph.province.schools.map((s) => [s.id, s.regionCode]));
    for (const row of rows) {
      const enrollment = completed.find((e) => e.id === row.enrollment_id)!;
      expect(Number(row.credits_milli)).toBe(project.get(projectOfClass.get(enrollment.classId)!)!.totalCreditsMilli);
      expect(row.source).toBe('TRAINING_COMPLETION');
      expect(row.region_code).toBe(schoolRegion.get(enrollment.schoolId));
    }

    const again = await syncCompletionCredits(options);
    expect(again.failures).toEqual([]);
    const count: { n: number | string }[] = await credits.query(
      `SELECT COUNT(*) AS n FROM credit_record WHERE source = 'TRAINING_COMPLETION'`,
    );
    expect(Number(count[0].n)).toBe(completed.length);
  });

  it('sends registrations in batches, and names the one completion a batch could not register', async () => {
    const credits = graph.stores.credits.dataSource;
    const training = graph.stores.training.dataSource;
    const completed = graph.province.enrollments.filter((e) => e.status === 'COMPLETED');
    const ids = completed.slice(0, 10).map((e) => e.id);
    const placeholders = ids.map(() => '?').join(', ');
    await credits.query(`DELETE FROM credit_audit_entry WHERE record_id IN (SELECT id FROM credit_record WHERE enrollment_id IN (${placeholders}))`, ids);
    await credits.query(`DELETE FROM credit_record WHERE enrollment_id IN (${placeholders})`, ids);
    // One completion says more hours online than attended: credits refuses its negative offline hours.
    const broken = ids[3];
    const [before] = await training.query('SELECT online_hours_milli, hours_attended_milli FROM enrollment WHERE id = ?', [broken]);
    await training.query('UPDATE enrollment SET online_hours_milli = hours_attended_milli + 1000 WHERE id = ?', [broken]);
    try {
      const result = await syncCompletionCredits({ gatewayUrl: graph.gatewayUrl, token: await clientToken(CREDITS), pageSize: 100 });
      expect(result.failures).toEqual([{ enrollmentId: broken, message: expect.stringMatching(/negative/i), code: 'BAD_USER_INPUT' }]);
      expect(result.registered).toBe(completed.length - 1);
      const rows: { enrollment_id: string }[] = await credits.query(`SELECT enrollment_id FROM credit_record WHERE enrollment_id IN (${placeholders})`, ids);
      expect(rows.map((r) => r.enrollment_id).sort()).toEqual(ids.filter((id) => id !== broken).sort());
    } finally {
      await training.query('UPDATE enrollment SET online_hours_milli = ?, hours_attended_milli = ? WHERE id = ?', [before.online_hours_milli, before.hours_attended_milli, broken]);
    }
  });

  it('admits the credits service to registerCompletionCredits only, and only for what training recorded', async () => {
    const { teachers, schools, enrollments, classes } = graph.province;
    const credits = graph.stores.credits.dataSource;
    const completed = enrollments.find((e) => e.status === 'COMPLETED')!;
    const unfinished = enrollments.find((e) => e.status === 'CONFIRMED' || e.status === 'SCHOOL_APPROVED')!;
    const inputOf = (e: typeof completed) => {
      const school = schools.find((s) => s.id === e.schoolId)!;
      return {
        enrollmentId: e.id,
        teacherId: e.teacherId,
        schoolId: school.id,
        regionCode: school.regionCode,
        trainingProjectId: classes.find((c) => c.id === e.classId)!.projectId,
        completedOn: e.completedOn ?? '2025-06-30',
        onlineHours: '0',
        offlineHours: '8',
      };
    };
    const count = async (teacherId: string) => Number((await credits.query('SELECT COUNT(*) AS n FROM credit_record WHERE teacher_id = ?', [teacherId]))[0].n);
    const credited = async (enrollmentId: string) => Number((await credits.query('SELECT COUNT(*) AS n FROM credit_record WHERE enrollment_id = ?', [enrollmentId]))[0].n);
    await credits.query('DELETE FROM credit_audit_entry WHERE record_id IN (SELECT id FROM credit_record WHERE enrollment_id = ?)', [completed.id]);
    await credits.query('DELETE FROM credit_record WHERE enrollment_id = ?', [completed.id]);

    // Another service is refused the mutation by the write policy, before anything is read.
    const training = await graph.query(REGISTER, { input: inputOf(completed) }, serviceIdentity('training'));
    expect(training.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
    expect(training.errors?.[0]?.message).toContain('the caller is the training service');
    expect(await credited(completed.id)).toBe(0);

    // The credits service may register no other credit.
    const teacher = teachers.find((t) => t.id === completed.teacherId)!;
    const school = schools.find((s) => s.id === teacher.schoolId)!;
    const before = await count(teacher.id);
    const registerCredit = await graph.query(
      `mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { id } }`,
      { input: { teacherId: teacher.id, schoolId: school.id, regionCode: school.regionCode, source: 'SCHOOL_BASED', category: 'SCHOOL_BASED', offlineHours: '4', earnedOn: '2025-04-01' } },
      CREDITS,
    );
    expect(registerCredit.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
    expect(await count(teacher.id)).toBe(before);

    // Its claims are checked against training's record and the registry's placement, as an institution's are.
    const notCompleted = await graph.query(REGISTER, { input: inputOf(unfinished) }, CREDITS);
    expect(notCompleted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'NOT_COMPLETED' });
    expect(await credited(unfinished.id)).toBe(0);
    const otherSchool = schools.find((s) => s.id !== school.id)!;
    const misplaced = await graph.query(REGISTER, { input: { ...inputOf(completed), schoolId: otherSchool.id, regionCode: otherSchool.regionCode } }, CREDITS);
    expect(misplaced.errors?.[0]?.extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH' });
    expect(await credited(completed.id)).toBe(0);

    // The true completion is registered, and the audit trail names the service that registered it.
    const registered = await graph.query(REGISTER, { input: inputOf(completed) }, CREDITS);
    expect(registered.errors).toBeUndefined();
    const trail: { actor_role: string; actor_id: string }[] = await credits.query('SELECT actor_role, actor_id FROM credit_audit_entry WHERE record_id = ?', [
      registered.data!.registerCompletionCredits.id,
    ]);
    expect(trail).toEqual([{ actor_role: 'SERVICE', actor_id: 'credits-service' }]);
  });

  it('refuses a caller who may not read the feed', async () => {
    await expect(
      syncCompletionCredits({ gatewayUrl: graph.gatewayUrl, token: await clientToken({ role: 'ANALYST', subject: 'a' }) }),
    ).rejects.toThrow(/completion feed failed/);
  });
});
