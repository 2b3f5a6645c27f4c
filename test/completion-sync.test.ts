import { syncCompletionCredits } from '../subgraphs/credits/completion-sync';
import { clientToken, SYSTEM } from './support/auth';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

/**
 * Credits learn of training completions through the graph contract: the sync reads the
 * training subgraph's completion feed at the gateway and registers each once.
 */
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

    const options = { gatewayUrl: graph.gatewayUrl, token: await clientToken(SYSTEM), pageSize: 50 };
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
      const result = await syncCompletionCredits({ gatewayUrl: graph.gatewayUrl, token: await clientToken(SYSTEM), pageSize: 100 });
      expect(result.failures).toEqual([{ enrollmentId: broken, message: expect.stringMatching(/negative/i), code: 'BAD_USER_INPUT' }]);
      expect(result.registered).toBe(completed.length - 1);
      const rows: { enrollment_id: string }[] = await credits.query(`SELECT enrollment_id FROM credit_record WHERE enrollment_id IN (${placeholders})`, ids);
      expect(rows.map((r) => r.enrollment_id).sort()).toEqual(ids.filter((id) => id !== broken).sort());
    } finally {
      await training.query('UPDATE enrollment SET online_hours_milli = ?, hours_attended_milli = ? WHERE id = ?', [before.online_hours_milli, before.hours_attended_milli, broken]);
    }
  });

  it('refuses a caller who may not read the feed', async () => {
    await expect(
      syncCompletionCredits({ gatewayUrl: graph.gatewayUrl, token: await clientToken({ role: 'ANALYST', subject: 'a' }) }),
    ).rejects.toThrow(/completion feed failed/);
  });
});
