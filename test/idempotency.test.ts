import { randomUUID } from 'node:crypto';
import type { Identity } from '../kit/identity';
import { startTestGraph, type TestGraph } from './support/graph';
import { freshIdNumber } from './support/mutations';

const REGISTER = `mutation($input: RegisterCreditInput!, $key: String) { registerCredit(input: $input, idempotencyKey: $key) { id } }`;

describe('idempotent creates (MariaDB)', () => {
  let graph: TestGraph;
  let school: Identity;
  let input: Record<string, unknown>;
  const stored = async (teacherId: string) =>
    Number((await graph.stores.credits.dataSource.query('SELECT COUNT(*) AS n FROM credit_record WHERE teacher_id = ? AND earned_on = ?', [teacherId, '2025-06-01']))[0].n);

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 60 });
    const teacher = graph.province.teachers[0];
    const placed = graph.province.schools.find((s) => s.id === teacher.schoolId)!;
    school = { role: 'SCHOOL_ADMIN', subject: 'school-admin-idem', schoolId: placed.id, regionCode: placed.regionCode };
    input = { teacherId: teacher.id, schoolId: placed.id, regionCode: placed.regionCode, source: 'SCHOOL_BASED', category: 'SCHOOL_BASED', offlineHours: '3', earnedOn: '2025-06-01' };
  }, 120_000);

  afterAll(async () => {
    await graph?.stop();
  });

  it('50 concurrent identical registerCredit calls with one key store one record, and every call gets it back', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 50 }, () => graph.query(REGISTER, { input, key }, school)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    const ids = new Set(answers.map((a) => a.data!.registerCredit.id));
    expect(ids.size).toBe(1);
    expect(await stored(input.teacherId as string)).toBe(1);
    const again = await graph.query(REGISTER, { input, key }, school);
    expect(again.data!.registerCredit.id).toBe([...ids][0]);
    expect(await stored(input.teacherId as string)).toBe(1);
  }, 120_000);

  it('refuses the same key with another payload, storing nothing', async () => {
    const key = randomUUID();
    expect((await graph.query(REGISTER, { input, key }, school)).errors).toBeUndefined();
    const before = await stored(input.teacherId as string);
    const reused = await graph.query(REGISTER, { input: { ...input, offlineHours: '5' }, key }, school);
    expect(reused.errors![0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    expect(await stored(input.teacherId as string)).toBe(before);
  });

  it('keeps keys per caller, and stores a record per call without a key', async () => {
    const key = randomUUID();
    const before = await stored(input.teacherId as string);
    const first = await graph.query(REGISTER, { input, key }, school);
    const other = await graph.query(REGISTER, { input, key }, { ...school, subject: 'another-admin' });
    expect(other.data!.registerCredit.id).not.toBe(first.data!.registerCredit.id);
    await graph.query(REGISTER, { input }, school);
    await graph.query(REGISTER, { input }, school);
    expect(await stored(input.teacherId as string)).toBe(before + 4);
  });
  it('registers a teacher once under 20 concurrent calls with one key (registerTeacher), and refuses the key for another teacher', async () => {
    const REGISTER_TEACHER = `mutation($input: RegisterTeacherInput!, $key: String) { registerTeacher(input: $input, idempotencyKey: $key) { id } }`;
    const template = graph.province.teachers[1];
    const teacher = { idNumber: freshIdNumber(), name: '幂等测试', schoolId: school.schoolId, stage: template.stage, subject: '语文', hireDate: '2015-09-01' };
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(REGISTER_TEACHER, { input: teacher, key }, school)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((a) => a.data!.registerTeacher.id)).size).toBe(1);
    const rows = await graph.stores.teachers.dataSource.query('SELECT COUNT(*) AS n FROM teacher WHERE id_number = ?', [teacher.idNumber]);
    expect(Number(rows[0].n)).toBe(1);
    const other = await graph.query(REGISTER_TEACHER, { input: { ...teacher, idNumber: freshIdNumber() }, key }, school);
    expect(other.errors![0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  }, 120_000);
});
