import { formatMilli } from '../kit/decimal';
import { addYears, todayInChina } from '../kit/date';
import type { Identity } from '../kit/identity';
import { SAMPLE_HEADER } from '../subgraphs/credits/import-sample';
import { stagesOfSchoolType } from '../subgraphs/teachers/rules/schools';
import { SYSTEM } from './support/auth';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';

/**
 * The credit workflow through the gateway, with scopes: a school registers its
 * school-run credits, the county bureau reviews and verifies in its county only,
 * every step leaves an audit entry, completions register once under concurrency,
 * and accounts add up exactly.
 */
const RECORD = 'id status credits onlineHours offlineHours reason policy { id } history { actorId actorRole from to reason at }';
const REGISTER = `mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { ${RECORD} } }`;
const REVIEW = `mutation($id: ID!, $decision: CreditReviewDecision!, $reason: String) { reviewCreditRecord(id: $id, decision: $decision, reason: $reason) { ${RECORD} } }`;
const VERIFY = `mutation($id: ID!) { verifyCreditRecord(id: $id) { ${RECORD} } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeCreditRecord(id: $id, reason: $reason) { ${RECORD} } }`;
const COMPLETION = `mutation($input: CompletionCreditsInput!) { registerCompletionCredits(input: $input) { id status credits } }`;
const ACCOUNT = `query($id: ID!, $year: Int) { teacher(id: $id) {
  creditAccount(year: $year) { cycleStartYear cycleEndYear required earned pending remaining counted exempt onTrack complete asOf
    policy { id } byYear { year earned required met } byCategory { category earned counted cap } }
  itTrainingHours { year onlineHours practiceHours } } }`;

const EARNED = ['APPROVED', 'VERIFIED'];
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe.each(BACKENDS)('credit workflow through the gateway (%s)', (backend) => {
  let graph: TestGraph;
  let teacher: TestGraph['province']['teachers'][number];
  let county: string;
  let school: Identity;
  let countyBureau: Identity;
  let otherCounty: Identity;

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 60 });
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    teacher = graph.province.teachers[0];
    county = schools.get(teacher.schoolId)!.regionCode;
    const elsewhere = graph.province.schools.find((s) => s.regionCode !== county)!.regionCode;
    school = { role: 'SCHOOL_ADMIN', subject: 'school-admin-1', schoolId: teacher.schoolId, regionCode: county };
    countyBureau = { role: 'COUNTY_BUREAU', subject: 'county-reviewer', regionCode: county };
    otherCounty = { role: 'COUNTY_BUREAU', subject: 'other-county', regionCode: elsewhere };
  });

  afterAll(async () => {
    await graph?.stop();
  });

  const input = (extra: Record<string, unknown> = {}) => ({
    teacherId: teacher.id,
    schoolId: teacher.schoolId,
    regionCode: county,
    schoolCategory: 'PRIMARY_AND_SECONDARY',
    source: 'SCHOOL_BASED',
    category: 'SCHOOL_BASED',
    offlineHours: '6.5',
    earnedOn: '2024-05-10',
    ...extra,
  });

  it('counts teachers meeting the requirement per school category in SQL, with the registry totals', async () => {
    const result = await graph.query(`{ region(code: "510000") { teacherCounts { total primaryAndSecondary }
      creditCompliance(year: 2024) { cycleStartYear teachers meeting unclassified byCategory { category teachers meeting } } } }`);
    expect(result.errors).toBeUndefined();
    const { teacherCounts, creditCompliance } = result.data!.region;
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    const earned = new Map<string, number>();
    for (const r of graph.province.creditRecords) {
      if (EARNED.includes(r.status) && r.earnedOn >= '2021-01-01' && r.earnedOn <= '2025-12-31') earned.set(r.teacherId, (earned.get(r.teacherId) ?? 0) + r.creditsMilli);
    }
    const meeting = graph.province.teachers.filter((t) => (earned.get(t.id) ?? 0) >= 360_000);
    expect(creditCompliance).toMatchObject({ cycleStartYear: 2021, teachers: teacherCounts.total, meeting: meeting.length, unclassified: 0 });
    const pas = creditCompliance.byCategory.find((c: { category: string }) => c.category === 'PRIMARY_AND_SECONDARY');
    expect(pas).toEqual({
      category: 'PRIMARY_AND_SECONDARY',
      teachers: teacherCounts.primaryAndSecondary,
      meeting: meeting.filter((t) => schools.get(t.schoolId)!.category === 'PRIMARY_AND_SECONDARY').length,
    });
  });

  it('lets a school register, its county bureau review and verify, and leaves an audit entry per step', async () => {
    const registered = await graph.query(REGISTER, { input: input() }, school);
    expect(registered.errors).toBeUndefined();
    const record = registered.data!.registerCredit;
    expect(record).toMatchObject({ status: 'REGISTERED', credits: '6.5', offlineHours: '6.5', onlineHours: '0', policy: { id: 'national-360-per-5-years' } });

    const approved = await graph.query(REVIEW, { id: record.id, decision: 'APPROVE' }, countyBureau);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.reviewCreditRecord.status).toBe('APPROVED');
    // 审核人不得验证: another officer of the county bureau verifies.
    const sameOfficer = await graph.query(VERIFY, { id: record.id }, countyBureau);
    expect(sameOfficer.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'REVIEWER_MAY_NOT_VERIFY' });
    const verified = await graph.query(VERIFY, { id: record.id }, { ...countyBureau, subject: 'county-verifier' });
    expect(verified.errors).toBeUndefined();
    const revoked = await graph.query(REVOKE, { id: record.id, reason: '重复登记' }, countyBureau);
    expect(revoked.errors).toBeUndefined();
    const final = revoked.data!.revokeCreditRecord;
    expect(final).toMatchObject({ status: 'REVOKED', reason: '重复登记' });
    expect(final.history.map(({ at, ...rest }: { at: string }) => rest)).toEqual([
      { actorId: 'school-admin-1', actorRole: 'SCHOOL_ADMIN', from: null, to: 'REGISTERED', reason: null },
      { actorId: 'county-reviewer', actorRole: 'COUNTY_BUREAU', from: 'REGISTERED', to: 'APPROVED', reason: null },
      { actorId: 'county-verifier', actorRole: 'COUNTY_BUREAU', from: 'APPROVED', to: 'VERIFIED', reason: null },
      { actorId: 'county-reviewer', actorRole: 'COUNTY_BUREAU', from: 'VERIFIED', to: 'REVOKED', reason: '重复登记' },
    ]);
    const times = final.history.map((h: { at: string }) => h.at);
    expect([...times].sort()).toEqual(times);

    const today = todayInChina();
    const audit = `query($f: CreditAuditFilter!) { creditAuditEntries(filter: $f, first: 50) { totalCount nodes { actorId to record { id } } } }`;
    const mine = await graph.query(audit, { f: { actorId: 'county-reviewer', from: today, to: today } }, countyBureau);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.creditAuditEntries.nodes.map((n: { to: string }) => n.to)).toEqual(['APPROVED', 'REVOKED']);
    const outside = await graph.query(audit, { f: { actorId: 'county-reviewer', from: today, to: today } }, otherCounty);
    expect(outside.data!.creditAuditEntries.totalCount).toBe(0);
    const yesterday = await graph.query(audit, { f: { actorId: 'county-reviewer', from: '2020-01-01', to: '2020-12-31' } }, countyBureau);
    expect(yesterday.data!.creditAuditEntries.totalCount).toBe(0);
  });

  it('refuses steps outside the policy roles or the caller scope, and rejects with a reason', async () => {
    const code = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;
    const asTeacher: Identity = { role: 'TEACHER', subject: 't', teacherId: teacher.id, schoolId: teacher.schoolId, regionCode: county };
    expect(code(await graph.query(REGISTER, { input: input() }, asTeacher))).toBe('FORBIDDEN');
    expect(code(await graph.query(REGISTER, { input: input({ source: 'DEGREE_STUDY', category: 'OTHER' }) }, school))).toBe('FORBIDDEN');
    const otherSchool = graph.province.schools.find((s) => s.id !== teacher.schoolId)!;
    // The input's word about the teacher's school and county is checked against the registry's placement.
    const misfiled = await graph.query(REGISTER, { input: input({ schoolId: otherSchool.id, regionCode: otherSchool.regionCode }) }, school);
    expect(misfiled.errors![0].extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', rule: 'PLACEMENT_MISMATCH', field: 'schoolId' });
    // A teacher of another school, named with their true placement, is outside a school admin's scope (issue 14).
    const stranger = graph.province.teachers.find((t) => t.schoolId !== teacher.schoolId)!;
    const strangerSchool = graph.province.schools.find((s) => s.id === stranger.schoolId)!;
    const strangers = { teacherId: stranger.id, schoolId: strangerSchool.id, regionCode: strangerSchool.regionCode };
    expect(code(await graph.query(REGISTER, { input: input(strangers) }, school))).toBe('FORBIDDEN');

    const record = (await graph.query(REGISTER, { input: input({ offlineHours: '3' }) }, school)).data!.registerCredit;
    expect(code(await graph.query(REVIEW, { id: record.id, decision: 'APPROVE' }, otherCounty))).toBe('FORBIDDEN');
    expect(code(await graph.query(VERIFY, { id: record.id }, countyBureau))).toBe('INVALID_TRANSITION');
    const noReason = await graph.query(REVIEW, { id: record.id, decision: 'REJECT', reason: ' ' }, countyBureau);
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'REASON_REQUIRED' });
    // 登记人不得审核: the admin who registered it may not approve it; another admin of the school may.
    const ownApproval = await graph.query(REVIEW, { id: record.id, decision: 'APPROVE' }, school);
    expect(ownApproval.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'REGISTRAR_MAY_NOT_REVIEW' });
    const approvedBySchool = await graph.query(REVIEW, { id: record.id, decision: 'APPROVE' }, { ...school, subject: 'school-admin-2' });
    expect(approvedBySchool.data!.reviewCreditRecord.status).toBe('APPROVED');
    expect(code(await graph.query(VERIFY, { id: record.id }, school))).toBe('FORBIDDEN');

    const second = (await graph.query(REGISTER, { input: input({ offlineHours: '2' }) }, school)).data!.registerCredit;
    const rejected = await graph.query(REVIEW, { id: second.id, decision: 'REJECT', reason: '材料不全' }, countyBureau);
    expect(rejected.data!.reviewCreditRecord).toMatchObject({ status: 'REJECTED', reason: '材料不全' });
    expect(code(await graph.query(REVIEW, { id: second.id, decision: 'APPROVE' }, countyBureau))).toBe('INVALID_TRANSITION');
  });

  it('registers a completion once under 50 concurrent duplicate calls', async () => {
    const completion = {
      enrollmentId: `enrollment-concurrent-${backend}`,
      teacherId: teacher.id,
      schoolId: teacher.schoolId,
      regionCode: county,
      trainingProjectId: graph.province.projects[0].id,
      completedOn: '2024-06-30',
      onlineHours: '4',
      offlineHours: '20',
      credits: '24',
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => graph.query(COMPLETION, { input: completion }, SYSTEM)));
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.registerCompletionCredits.id));
    expect(ids.size).toBe(1);
    const db = graph.stores.credits.dataSource;
    const rows = await db.query('SELECT id FROM credit_record WHERE enrollment_id = ?', [completion.enrollmentId]);
    expect(rows).toHaveLength(1);
    const audit = await db.query('SELECT COUNT(*) AS n FROM credit_audit_entry WHERE record_id = ?', [rows[0].id]);
    expect(Number(audit[0].n)).toBe(1);
    const asSchool = await graph.query(COMPLETION, { input: completion }, school);
    expect(asSchool.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('believes an institution only about its own completed enrollments, as the training records show them', async () => {
    const projectOfClass = new Map(graph.province.classes.map((c) => [c.id, c.projectId]));
    const institutionOfProject = new Map(graph.province.projects.map((p) => [p.id, p.institutionId]));
    const schools = new Map(graph.province.schools.map((s) => [s.id, s]));
    const credits = graph.stores.credits.dataSource;
    const completed = graph.province.enrollments.find((e) => e.status === 'COMPLETED')!;
    // The demo registered every completion: forget this one, as if the institution were first to report it.
    await credits.query('DELETE FROM credit_audit_entry WHERE record_id IN (SELECT id FROM credit_record WHERE enrollment_id = ?)', [completed.id]);
    await credits.query('DELETE FROM credit_record WHERE enrollment_id = ?', [completed.id]);
    const open = graph.province.enrollments.find((e) => e.status !== 'COMPLETED')!;
    const claimFor = (e: typeof completed) => ({
      enrollmentId: e.id,
      teacherId: e.teacherId,
      schoolId: e.schoolId,
      regionCode: schools.get(e.schoolId)!.regionCode,
      trainingProjectId: projectOfClass.get(e.classId)!,
      completedOn: e.completedOn ?? '2024-06-30',
      onlineHours: '0',
      offlineHours: '12',
    });
    const institutionOf = (e: typeof completed): Identity => ({ role: 'INSTITUTION', subject: 'inst', institutionId: institutionOfProject.get(projectOfClass.get(e.classId)!)! });
    const other: Identity = { role: 'INSTITUTION', subject: 'other', institutionId: graph.province.institutions.find((i) => i.id !== institutionOf(completed).institutionId)!.id };

    const stranger = await graph.query(COMPLETION, { input: claimFor(completed) }, other);
    expect(stranger.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_YOUR_PROJECT' });
    const early = await graph.query(COMPLETION, { input: claimFor(open) }, institutionOf(open));
    expect(early.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'NOT_COMPLETED' });
    const wrongTeacher = await graph.query(COMPLETION, { input: { ...claimFor(completed), teacherId: teacher.id === completed.teacherId ? graph.province.teachers[1].id : teacher.id } }, institutionOf(completed));
    expect(wrongTeacher.errors![0].extensions).toMatchObject({ rule: 'COMPLETION_MISMATCH' });
    expect(await credits.query('SELECT id FROM credit_record WHERE enrollment_id IN (?, ?)', [completed.id, open.id])).toEqual([]);

    const own = await graph.query(COMPLETION, { input: claimFor(completed) }, institutionOf(completed));
    expect(own.errors).toBeUndefined();
    expect(own.data!.registerCompletionCredits.status).toBe('REGISTERED');
  });

  it('imports a small .csv through the gateway as base64, for the system and bureaus only', async () => {
    const csv = ['身份证号,teacherId,schoolId,regionCode,source,category,offlineHours,earnedOn',
      `${teacher.idNumber},${teacher.id},${teacher.schoolId},${county},SCHOOL_BASED,SCHOOL_BASED,1.5,2022-05-01`,
      `${teacher.idNumber},${teacher.id},${teacher.schoolId},${county},SCHOOL_BASED,SCHOOL_BASED,-1,2022-05-01`].join('\n');
    const mutation = `mutation($input: ImportCreditRecordsInput!) { importCreditRecords(input: $input) { rows imported alreadyImported rejected rolledBack errors { row column rule } } }`;
    const variables = { input: { fileName: 'legacy.csv', contentBase64: Buffer.from(csv).toString('base64') } };
    const first = await graph.query(mutation, variables, countyBureau);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importCreditRecords).toEqual({ rows: 2, imported: 1, alreadyImported: 0, rejected: 1, rolledBack: false, errors: [{ row: 3, column: 'offlineHours', rule: 'HOURS_NEGATIVE' }] });
    const again = await graph.query(mutation, variables, SYSTEM);
    expect(again.data!.importCreditRecords).toMatchObject({ imported: 0, alreadyImported: 1 });
    expect((await graph.query(mutation, variables, school)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('adds up the account by hand, exactly: 0.1 + 0.2 = 0.3, per year and category, exemption', async () => {
    const before = await graph.query(ACCOUNT, { id: teacher.id, year: 2024 });
    expect(before.errors).toBeUndefined();
    for (const credits of ['0.1', '0.2']) {
      const r = (await graph.query(REGISTER, { input: input({ credits, offlineHours: '0', earnedOn: '2023-03-01' }) }, school)).data!.registerCredit;
      expect((await graph.query(REVIEW, { id: r.id, decision: 'APPROVE' }, countyBureau)).errors).toBeUndefined();
    }
    const it = [
      input({ source: 'EXTERNAL_PROGRAMME', category: 'IT_ONLINE', onlineHours: '20', offlineHours: '0', earnedOn: '2024-04-01' }),
      input({ source: 'EXTERNAL_PROGRAMME', category: 'IT_PRACTICE', onlineHours: '0', offlineHours: '30', earnedOn: '2024-09-01' }),
    ];
    for (const item of it) {
      const r = await graph.query(REGISTER, { input: item }, SYSTEM);
      expect(r.errors).toBeUndefined();
      expect((await graph.query(REVIEW, { id: r.data!.registerCredit.id, decision: 'APPROVE' }, countyBureau)).errors).toBeUndefined();
    }
    const after = await graph.query(ACCOUNT, { id: teacher.id, year: 2024 });
    expect(after.errors).toBeUndefined();

    // By hand, from every record the teacher now has.
    const db = graph.stores.credits.dataSource;
    const records: { status: string; earned_on: string; credits_milli: number; category: string; online_hours_milli: number; offline_hours_milli: number }[] =
      await db.query('SELECT status, earned_on, credits_milli, category, online_hours_milli, offline_hours_milli FROM credit_record WHERE teacher_id = ?', [teacher.id]);
    const inCycle = records.map((r) => ({ ...r, earned_on: String(r.earned_on).slice(0, 10), credits_milli: Number(r.credits_milli) }))
      .filter((r) => r.earned_on >= '2021-01-01' && r.earned_on <= '2025-12-31');
    const earned = sum(inCycle.filter((r) => EARNED.includes(r.status)).map((r) => r.credits_milli));
    const pending = sum(inCycle.filter((r) => r.status === 'REGISTERED').map((r) => r.credits_milli));
    const account = after.data!.teacher.creditAccount;
    expect(account).toMatchObject({
      cycleStartYear: 2021,
      cycleEndYear: 2025,
      required: '360',
      earned: formatMilli(earned),
      counted: formatMilli(earned),
      pending: formatMilli(pending),
      remaining: formatMilli(Math.max(0, 360_000 - earned)),
      asOf: '2024-12-31',
      exempt: teacher.retirementDate <= addYears('2024-12-31', 5),
      policy: { id: 'national-360-per-5-years' },
    });
    const earned2023 = (a: any) => Number(a.data.teacher.creditAccount.byYear.find((y: { year: number }) => y.year === 2023).earned);
    // Exact decimals: the two credits add exactly 0.3 to 2023 (compared in thousandths).
    expect(Math.round(earned2023(after) * 1000) - Math.round(earned2023(before) * 1000)).toBe(300);
    expect(formatMilli(300)).toBe('0.3');
    expect(account.byYear).toHaveLength(5);
    // No yearly minimum: a year is met once it is over, never ahead (judged on 2024-12-31, 2025 is not).
    expect(account.byYear.map((y: { year: number; required: string | null; met: boolean }) => [y.year, y.required, y.met])).toEqual([
      [2021, null, true], [2022, null, true], [2023, null, true], [2024, null, true], [2025, null, false],
    ]);
    const byCategory = Object.fromEntries(account.byCategory.map((c: { category: string; earned: string }) => [c.category, c.earned]));
    for (const category of ['CONCENTRATED', 'ONLINE', 'SCHOOL_BASED', 'IT_PRACTICE', 'IT_ONLINE', 'OTHER']) {
      expect(byCategory[category]).toBe(formatMilli(sum(inCycle.filter((r) => EARNED.includes(r.status) && r.category === category).map((r) => r.credits_milli))));
    }

    // IT hours per year: online and offline hours of IT_ONLINE / IT_PRACTICE records, approved or verified.
    const itRecords = records.filter((r) => EARNED.includes(r.status) && ['IT_ONLINE', 'IT_PRACTICE'].includes(r.category));
    const years = [...new Set(itRecords.map((r) => Number(String(r.earned_on).slice(0, 4))))].sort();
    expect(after.data!.teacher.itTrainingHours).toEqual(
      years.map((year) => {
        const of = itRecords.filter((r) => String(r.earned_on).startsWith(String(year)));
        return { year, onlineHours: formatMilli(sum(of.map((r) => Number(r.online_hours_milli)))), practiceHours: formatMilli(sum(of.map((r) => Number(r.offline_hours_milli)))) };
      }),
    );
    expect(years).toContain(2024);
  });

  it('files a credit where the registry placed the teacher on the day it was earned, before and after a transfer (issue 14)', async () => {
    const schoolOf = new Map(graph.province.schools.map((s) => [s.id, s]));
    // A teacher of another school than the other tests', hired before the earlier credit, moving to a third school.
    const mover = graph.province.teachers.find((t) => t.schoolId !== teacher.schoolId && t.hireDate < '2024-05-10' && t.hireDate > '2001-01-01')!;
    const from = schoolOf.get(mover.schoolId)!;
    const to = graph.province.schools.find((s) => s.id !== from.id && s.id !== teacher.schoolId)!;
    const stage = stagesOfSchoolType(to.type)[0];
    const moved = await graph.query(
      `mutation($id: ID!, $to: ID!, $stage: TeachingStage) { transferTeacher(id: $id, schoolId: $to, stage: $stage) { school { id } } }`,
      { id: mover.id, to: to.id, stage },
      SYSTEM,
    );
    expect(moved.errors).toBeUndefined();

    const oldAdmin: Identity = { role: 'SCHOOL_ADMIN', subject: 'old-school-admin', schoolId: from.id, regionCode: from.regionCode };
    const newAdmin: Identity = { role: 'SCHOOL_ADMIN', subject: 'new-school-admin', schoolId: to.id, regionCode: to.regionCode };
    const atOld = { teacherId: mover.id, schoolId: from.id, regionCode: from.regionCode, schoolCategory: from.category };
    const atNew = { teacherId: mover.id, schoolId: to.id, regionCode: to.regionCode, schoolCategory: to.category };
    const today = todayInChina();

    // Earned before the transfer: the old school's, which may register it; the new school may not, nor name itself.
    const earlier = await graph.query(REGISTER, { input: input({ ...atOld, earnedOn: '2024-05-10' }) }, oldAdmin);
    expect(earlier.errors).toBeUndefined();
    expect((await graph.query(REGISTER, { input: input({ ...atNew, earnedOn: '2024-05-10' }) }, newAdmin)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const misfiled = await graph.query(REGISTER, { input: input({ ...atNew, earnedOn: '2024-05-10' }) }, SYSTEM);
    expect(misfiled.errors![0].extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', field: 'schoolId' });

    // Earned on the transfer day: the new school's.
    const later = await graph.query(REGISTER, { input: input({ ...atNew, earnedOn: today }) }, newAdmin);
    expect(later.errors).toBeUndefined();
    expect((await graph.query(REGISTER, { input: input({ ...atOld, earnedOn: today }) }, oldAdmin)).errors![0].extensions!.code).toBe('FORBIDDEN');

    const filed: { id: string; school_id: string; region_code: string }[] = await graph.stores.credits.dataSource.query(
      'SELECT id, school_id, region_code FROM credit_record WHERE teacher_id = ? ORDER BY earned_on',
      [mover.id],
    );
    expect(filed.filter((r) => [earlier.data!.registerCredit.id, later.data!.registerCredit.id].includes(r.id))).toEqual([
      { id: earlier.data!.registerCredit.id, school_id: from.id, region_code: from.regionCode },
      { id: later.data!.registerCredit.id, school_id: to.id, region_code: to.regionCode },
    ]);

    // Before the first placement (the hire date, for a seeded teacher) no school can file it: said so, nothing stored.
    const dayBefore = new Date(Date.parse(`${mover.hireDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const early = await graph.query(REGISTER, { input: input({ ...atOld, earnedOn: dayBefore }) }, SYSTEM);
    expect(early.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'NO_PLACEMENT_ON_DATE', field: 'earnedOn' });
    expect(early.errors![0].message).toContain(dayBefore);
    // Told only to a caller who may act on the teacher today: the old school's admin learns nothing.
    const stranger = await graph.query(REGISTER, { input: input({ ...atOld, earnedOn: dayBefore }) }, oldAdmin);
    expect(stranger.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    expect((await graph.query(REGISTER, { input: input({ ...atNew, earnedOn: dayBefore }) }, newAdmin)).errors![0].extensions).toMatchObject({
      rule: 'NO_PLACEMENT_ON_DATE',
    });

    // An import checks each row the same way: filed where the teacher was placed on its earnedOn.
    const county: Identity = { role: 'COUNTY_BUREAU', subject: 'import-county', regionCode: from.regionCode };
    const row = (at: typeof atOld, earnedOn: string) =>
      [mover.idNumber, mover.id, at.schoolId, at.regionCode, at.schoolCategory, 'SCHOOL_BASED', 'SCHOOL_BASED', '0', '4', '', earnedOn].join(',');
    const csv = [SAMPLE_HEADER.join(','), row(atOld, '2024-06-01'), row(atNew, '2024-06-02'), row(atOld, dayBefore)].join('\n') + '\n';
    const imported = await graph.query(
      `mutation($input: ImportCreditRecordsInput!) { importCreditRecords(input: $input) { imported errors { row column rule } } }`,
      { input: { filename: 'moves.csv', content: Buffer.from(csv).toString('base64') } },
      from.regionCode === to.regionCode ? county : SYSTEM,
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importCreditRecords).toEqual({
      imported: 1,
      errors: [
        { row: 3, column: 'schoolId', rule: 'PLACEMENT_MISMATCH' },
        { row: 4, column: 'earnedOn', rule: 'NO_PLACEMENT_ON_DATE' },
      ],
    });
  });
});
