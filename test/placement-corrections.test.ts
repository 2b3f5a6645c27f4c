import { randomUUID } from 'node:crypto';
import type { Identity } from '../kit/identity';
import { todayInChina } from '../kit/date';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';
import { freshIdNumber } from './support/mutations';

const REGISTER_TEACHER = `mutation($input: RegisterTeacherInput!) { registerTeacher(input: $input) { id } }`;
const CORRECT = `mutation($teacherId: ID!, $input: PlacementCorrectionInput!, $key: String) {
  correctPlacement(teacherId: $teacherId, input: $input, idempotencyKey: $key) { id placements { school { id } regionCode from to } }
}`;
const REGISTER_CREDIT = `mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { id } }`;
const CORRECTIONS = `query($id: ID!) { teacher(id: $id) { placementCorrections { school { id } from to reason actorId actorRole before { school { id } from to } } } }`;

const extensionsOf = (result: GraphQLResult) => result.errors?.[0]?.extensions as Record<string, unknown> | undefined;

/**
 * 任职经历更正 through the gateway (MariaDB): the county bureau of the teacher's county adds the
 * earlier school a teacher registered today came from, or corrects a period; the rules refuse a
 * period that would leave a gap, lies in the future or before the hire date; and credits file a
 * credit by the corrected history from then on.
 */
describe('correcting a placement history (MariaDB)', () => {
  let graph: TestGraph;
  let home: { id: string; regionCode: string; stage: string };
  let earlier: { id: string; regionCode: string };
  let county: Identity;
  let teacherId: string;
  const today = todayInChina();

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 30 });
    const schools = graph.province.schools;
    const stageOf = new Map(graph.province.teachers.map((t) => [t.schoolId, t.stage]));
    const first = schools.find((s) => stageOf.has(s.id))!;
    home = { id: first.id, regionCode: first.regionCode, stage: stageOf.get(first.id)! };
    const other = schools.find((s) => s.regionCode !== first.regionCode)!;
    earlier = { id: other.id, regionCode: other.regionCode };
    county = { role: 'COUNTY_BUREAU', subject: 'county-registrar', regionCode: home.regionCode };
    // Hired in 2015, registered today: the registry knows only today's school.
    const registered = await graph.query(
      REGISTER_TEACHER,
      { input: { idNumber: freshIdNumber(), name: '更正测试', schoolId: home.id, stage: home.stage, subject: '语文', hireDate: '2015-09-01' } },
      county,
    );
    expect(registered.errors).toBeUndefined();
    teacherId = registered.data!.registerTeacher.id;
  }, 120_000);

  afterAll(async () => {
    await graph?.stop();
  });

  const creditInput = (school: { id: string; regionCode: string }) => ({
    teacherId,
    schoolId: school.id,
    regionCode: school.regionCode,
    source: 'SCHOOL_BASED',
    category: 'SCHOOL_BASED',
    credits: '2',
    earnedOn: '2020-05-10',
  });
  const admin = (school: { id: string; regionCode: string }): Identity => ({ role: 'SCHOOL_ADMIN', subject: `admin-${school.id}`, schoolId: school.id, regionCode: school.regionCode });

  it('refuses a period that leaves a gap, ends after today, starts before the hire date or lasts no day, storing nothing', async () => {
    const correct = (from: string, to: string) => graph.query(CORRECT, { teacherId, input: { schoolId: earlier.id, from, to, reason: '人事档案' } }, county);
    expect(extensionsOf(await correct('2015-09-01', '2020-09-01'))).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PLACEMENT_GAP', field: 'to' });
    const nextMonth = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(extensionsOf(await correct('2015-09-01', nextMonth))).toMatchObject({ rule: 'PLACEMENT_IN_FUTURE' });
    expect(extensionsOf(await correct('2014-09-01', today))).toMatchObject({ rule: 'PLACEMENT_BEFORE_HIRE' });
    expect(extensionsOf(await correct(today, today))).toMatchObject({ rule: 'PLACEMENT_PERIOD_EMPTY' });
    const placements = await graph.query(`query($id: ID!) { teacher(id: $id) { placements { from to } } }`, { id: teacherId }, county);
    expect(placements.data!.teacher.placements).toEqual([{ from: today, to: null }]);
  });

  it('is for the county bureau of the teacher’s county: another county is refused by scope, a school by the write policy', async () => {
    const input = { schoolId: earlier.id, from: '2015-09-01', to: today, reason: '人事档案' };
    expect(extensionsOf(await graph.query(CORRECT, { teacherId, input }, { role: 'COUNTY_BUREAU', subject: 'other-county', regionCode: earlier.regionCode }))).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'OUT_OF_SCOPE',
    });
    expect(extensionsOf(await graph.query(CORRECT, { teacherId, input }, admin(home)))).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
  });

  it('adds the earlier school once under 20 concurrent calls with one key; credits then file an earlier credit there', async () => {
    // Before: the registry places the teacher nowhere in 2020.
    expect(extensionsOf(await graph.query(REGISTER_CREDIT, { input: creditInput(home) }, admin(home)))).toMatchObject({ rule: 'NO_PLACEMENT_ON_DATE' });

    const key = randomUUID();
    const input = { schoolId: earlier.id, from: '2015-09-01', to: today, reason: '人事档案：2015—今在原校任教' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => graph.query(CORRECT, { teacherId, input, key }, county)));
    expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
    expect(answers[0].data!.correctPlacement.placements).toEqual([
      { school: { id: earlier.id }, regionCode: earlier.regionCode, from: '2015-09-01', to: today },
      { school: { id: home.id }, regionCode: home.regionCode, from: today, to: null },
    ]);
    const audit = await graph.query(CORRECTIONS, { id: teacherId }, county);
    expect(audit.errors).toBeUndefined();
    expect(audit.data!.teacher.placementCorrections).toEqual([
      {
        school: { id: earlier.id },
        from: '2015-09-01',
        to: today,
        reason: input.reason,
        actorId: 'county-registrar',
        actorRole: 'COUNTY_BUREAU',
        before: [{ school: { id: home.id }, from: today, to: null }],
      },
    ]);
    expect(extensionsOf(await graph.query(CORRECT, { teacherId, input: { ...input, reason: '另一理由' }, key }, county))).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    // Credits see the corrected history: a 2020 credit is filed at the earlier school, by its admin, not by today's school.
    const filed = await graph.query(REGISTER_CREDIT, { input: creditInput(earlier) }, admin(earlier));
    expect(filed.errors).toBeUndefined();
    expect(extensionsOf(await graph.query(REGISTER_CREDIT, { input: creditInput(home) }, admin(home)))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    const rows = await graph.stores.credits.dataSource.query('SELECT school_id AS schoolId, region_code AS regionCode FROM credit_record WHERE teacher_id = ?', [teacherId]);
    expect(rows).toEqual([{ schoolId: earlier.id, regionCode: earlier.regionCode }]);
  }, 120_000);

  it('corrects a wrong move date: a period at the school either side of it merges with that placement', async () => {
    const moved = await graph.query(CORRECT, { teacherId, input: { schoolId: home.id, from: '2024-09-01', to: today, reason: '调动日期更正' } }, county);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.correctPlacement.placements).toEqual([
      { school: { id: earlier.id }, regionCode: earlier.regionCode, from: '2015-09-01', to: '2024-09-01' },
      { school: { id: home.id }, regionCode: home.regionCode, from: '2024-09-01', to: null },
    ]);
    const corrections = (await graph.query(CORRECTIONS, { id: teacherId }, county)).data!.teacher.placementCorrections;
    expect(corrections).toHaveLength(2);
    // The correction's trail is the offices': the school sees no history of corrections.
    const bySchool = await graph.query(CORRECTIONS, { id: teacherId }, admin(home));
    expect(bySchool.data?.teacher?.placementCorrections ?? null).toBeNull();
  });
});
