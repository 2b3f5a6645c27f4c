/** Credits (学分): what `schema/credits.graphql` promises beyond its SDL. */
import type { Identity } from '../../../kit/identity';
import { entityRule, hiddenRowRule, outsideProvince } from '../common';
import { SYSTEM, dataOf, expectError, expectThat, fail, keysOf, type KitContext, type Rule } from '../kit';
import type { FixtureTeacher } from '../fixtures';

const EARNED = ['APPROVED', 'VERIFIED'];

function milli(decimal: string): number {
  return Math.round(Number(decimal) * 1000);
}

/** The Teacher representation this implementation asks for: by `id`, or by the hidden 身份证号. */
export function teacherRepresentation(ctx: KitContext, teacher: FixtureTeacher): Record<string, unknown> {
  const keys = keysOf(ctx.sdl, 'Teacher');
  const byIdNumber = keys.length > 0 && !keys.includes('id') && keys.includes('idNumber');
  return { __typename: 'Teacher', ...(byIdNumber ? { idNumber: teacher.idNumber } : { id: teacher.id }), retirementDate: teacher.retirementDate };
}

async function teacherFields(ctx: KitContext, teacher: FixtureTeacher, selection: string): Promise<Record<string, any>> {
  const result = await ctx.call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Teacher { ${selection} } } }`, { r: [teacherRepresentation(ctx, teacher)] }, SYSTEM);
  const entity = dataOf(result, `Teacher ${teacher.id} through _entities`)._entities?.[0];
  expectThat(entity, `Teacher ${teacher.id} resolved to null.`);
  return entity;
}

function schoolAdmin(teacher: FixtureTeacher): Identity {
  return { role: 'SCHOOL_ADMIN', subject: 'conformance-school-admin', schoolId: teacher.schoolId, regionCode: teacher.regionCode };
}

const REGISTER = 'mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { id } }';

function registration(teacher: FixtureTeacher, extra: Record<string, unknown> = {}) {
  return { teacherId: teacher.id, schoolId: teacher.schoolId, regionCode: teacher.regionCode, source: 'SCHOOL_BASED', category: 'SCHOOL_BASED', offlineHours: '2', earnedOn: '2024-05-10', ...extra };
}

async function countFor(ctx: KitContext, teacher: FixtureTeacher, identity: Identity): Promise<number> {
  const data = dataOf(await ctx.call('query($t: ID) { creditRecords(first: 1, filter: { teacherId: $t }) { totalCount } }', { t: teacher.id }, identity), 'creditRecords');
  return data.creditRecords.totalCount;
}

export const creditsRules: Rule[] = [
  hiddenRowRule('credits.hidden-row', (ctx) => ({
    read: 'query($key: ID!) { creditRecord(id: $key) { id } }',
    field: 'creditRecord',
    write: 'mutation($key: ID!) { verifyCreditRecord(id: $key) { id } }',
    known: ctx.fixtures.creditRecords[0].id,
    unknown: 'conformance-no-such-record',
    outsider: (c) => ({ role: 'PROVINCE_BUREAU', subject: 'conformance-outsider', regionCode: `${outsideProvince(c)}0000` }),
  })),
  entityRule('entities.CreditRecord', (ctx) => {
    const records = ctx.fixtures.creditRecords.slice(0, 4);
    return {
      typename: 'CreditRecord',
      selection: 'id credits status',
      known: records.map((r) => ({ representation: { id: r.id }, expected: { id: r.id, status: r.status } })),
      unknown: { id: 'conformance-no-such-record' },
    };
  }),
  entityRule('entities.CreditPolicy', async (ctx) => {
    // The policy ids are the implementation's own: take the ones its accounts are judged by.
    const ids = new Set<string>();
    for (const teacher of ctx.fixtures.teachers) ids.add((await teacherFields(ctx, teacher, 'creditAccount(year: 2024) { policy { id } }')).creditAccount.policy.id);
    const data = dataOf(await ctx.call('{ creditPolicies(provinceCode: "51") { id } }'), 'creditPolicies');
    for (const p of data.creditPolicies as { id: string }[]) ids.add(p.id);
    const known = [...ids].map((id) => ({ representation: { id }, expected: { id } }));
    // A single policy: ask for it twice, which must also work.
    return { typename: 'CreditPolicy', selection: 'id name', known: known.length > 1 ? known : [...known, ...known], unknown: { id: 'conformance-no-such-policy' } };
  }),
  {
    id: 'credits.account-arithmetic',
    title: 'a fixture teacher’s credit account adds up exactly (earned, pending, remaining) and lists their records',
    run: async (ctx) => {
      const teacher = ctx.fixtures.teachers[0];
      const entity = await teacherFields(ctx, teacher, 'creditAccount(year: 2024) { cycleStartYear cycleEndYear required earned pending remaining counted } creditRecords { id credits status }');
      const account = entity.creditAccount;
      expectThat(account, 'creditAccount is null for SYSTEM.');
      expectThat(account.cycleStartYear <= 2024 && account.cycleEndYear >= 2024, `the cycle ${account.cycleStartYear}–${account.cycleEndYear} does not contain 2024.`);
      const records = ctx.fixtures.creditRecords.filter((r) => r.teacherId === teacher.id);
      const inCycle = records.filter((r) => r.earnedOn >= `${account.cycleStartYear}-01-01` && r.earnedOn <= `${account.cycleEndYear}-12-31`);
      const earned = inCycle.filter((r) => EARNED.includes(r.status)).reduce((s, r) => s + r.creditsMilli, 0);
      const pending = inCycle.filter((r) => r.status === 'REGISTERED').reduce((s, r) => s + r.creditsMilli, 0);
      if (milli(account.earned) !== earned) fail(`earned is ${account.earned}; the fixture's approved and verified records in the cycle add up to ${earned / 1000}.`);
      if (milli(account.pending) !== pending) fail(`pending is ${account.pending}; the fixture's registered records in the cycle add up to ${pending / 1000}.`);
      const remaining = Math.max(0, milli(account.required) - milli(account.counted));
      if (milli(account.remaining) !== remaining) fail(`remaining is ${account.remaining}; required ${account.required} − counted ${account.counted} gives ${remaining / 1000}.`);
      const ids = (entity.creditRecords as { id: string }[]).map((r) => r.id).sort();
      const expected = records.map((r) => r.id).sort();
      if (JSON.stringify(ids) !== JSON.stringify(expected)) fail(`creditRecords lists ${ids.length} record(s); the fixtures hold ${expected.length} for teacher ${teacher.id}.`);
      return `earned ${account.earned}, pending ${account.pending}, remaining ${account.remaining} of ${account.required} over ${records.length} record(s)`;
    },
  },
  {
    id: 'credits.bad-decimal',
    title: 'a malformed Decimal is refused with BAD_USER_INPUT',
    run: async (ctx) => {
      const teacher = ctx.fixtures.teachers[0];
      for (const bad of ['1.2345', 'twelve']) {
        expectError(await ctx.call(REGISTER, { input: registration(teacher, { offlineHours: bad }) }, SYSTEM), 'BAD_USER_INPUT', `registerCredit with offlineHours "${bad}"`);
      }
      return 'offlineHours "1.2345" and "twelve" refused';
    },
  },
  {
    id: 'credits.forbidden-write',
    title: 'a write outside the caller’s scope is refused with FORBIDDEN and stores nothing',
    run: async (ctx) => {
      const [teacher, other] = ctx.fixtures.teachers;
      const before = await countFor(ctx, other, SYSTEM);
      // A school admin of the first teacher's school registers for another school's teacher.
      expectError(await ctx.call(REGISTER, { input: registration(other) }, schoolAdmin(teacher)), 'FORBIDDEN', 'a school admin registering for another school');
      // A teacher may not register credits for themself.
      const self: Identity = { role: 'TEACHER', subject: 'conformance-teacher', teacherId: teacher.id, schoolId: teacher.schoolId, regionCode: teacher.regionCode };
      expectError(await ctx.call(REGISTER, { input: registration(teacher) }, self), 'FORBIDDEN', 'a teacher registering their own credit');
      const after = await countFor(ctx, other, SYSTEM);
      if (after !== before) fail(`a refused write stored something: ${before} record(s) before, ${after} after.`);
      return 'refused, nothing stored';
    },
  },
  {
    id: 'credits.placement-mismatch',
    title: 'a credit naming a school or county other than the registry’s placement of the teacher is refused with PLACEMENT_MISMATCH and stores nothing',
    run: async (ctx) => {
      const [teacher, other] = ctx.fixtures.teachers;
      const before = await countFor(ctx, teacher, SYSTEM);
      // Even SYSTEM: the school and county a credit is filed under are the registry's facts, not the caller's.
      const elsewhere = registration(teacher, { schoolId: other.schoolId, regionCode: other.regionCode });
      expectError(await ctx.call(REGISTER, { input: elsewhere }, SYSTEM), 'PLACEMENT_MISMATCH', 'registerCredit naming another school', { field: 'schoolId' });
      const after = await countFor(ctx, teacher, SYSTEM);
      if (after !== before) fail(`a refused registration stored something: ${before} record(s) before, ${after} after.`);
      return `school ${other.schoolId} for a teacher the registry places at ${teacher.schoolId}: refused, nothing stored`;
    },
  },
  {
    id: 'credits.enrollment-credited',
    title: 'a completion sent again for another teacher (its enrollment already credited) is refused with CONFLICT / ENROLLMENT_ALREADY_CREDITED and stores nothing',
    run: async (ctx) => {
      const credited = ctx.fixtures.creditedEnrollments?.[0];
      if (!credited) return 'no credited enrollment in the fixtures (creditedEnrollments): not checked';
      const other = ctx.fixtures.teachers.find((t) => t.id !== credited.teacherId)!;
      const before = await countFor(ctx, other, SYSTEM);
      // SYSTEM is believed on a completion's claim, but not on a second teacher for one enrollment.
      const claim = {
        enrollmentId: credited.enrollmentId, teacherId: other.id, schoolId: other.schoolId, regionCode: other.regionCode,
        trainingProjectId: credited.trainingProjectId, completedOn: '2024-05-10', onlineHours: '0', offlineHours: '8',
      };
      const answer = await ctx.call('mutation($input: CompletionCreditsInput!) { registerCompletionCredits(input: $input) { id } }', { input: claim }, SYSTEM);
      expectError(answer, 'CONFLICT', `registerCompletionCredits of enrollment ${credited.enrollmentId} for another teacher`, { rule: 'ENROLLMENT_ALREADY_CREDITED', field: 'enrollmentId' });
      const after = await countFor(ctx, other, SYSTEM);
      if (after !== before) fail(`a refused completion stored something: ${before} record(s) before, ${after} after.`);
      return `enrollment ${credited.enrollmentId} of teacher ${credited.teacherId} sent for ${other.id}: refused, nothing stored`;
    },
  },
  {
    id: 'credits.row-scope',
    title: 'with the gateway’s signed identity, callers see only records in their scope',
    run: async (ctx) => {
      const [teacher, other] = ctx.fixtures.teachers;
      const expected = ctx.fixtures.creditRecords.filter((r) => r.teacherId === teacher.id).length;
      const own = await countFor(ctx, teacher, schoolAdmin(teacher));
      if (own !== expected) fail(`the teacher's own school admin sees ${own} record(s); the fixtures hold ${expected}.`);
      const foreign = await countFor(ctx, teacher, schoolAdmin(other));
      if (foreign !== 0) fail(`another school's admin sees ${foreign} of the teacher's record(s).`);
      const county = await countFor(ctx, teacher, { role: 'COUNTY_BUREAU', subject: 'conformance-county', regionCode: other.regionCode });
      if (county !== 0) fail(`another county's bureau sees ${county} of the teacher's record(s).`);
      const record = ctx.fixtures.creditRecords.find((r) => r.teacherId === teacher.id)!;
      const single = dataOf(await ctx.call('query($id: ID!) { creditRecord(id: $id) { id } }', { id: record.id }, schoolAdmin(other)), 'creditRecord');
      if (single.creditRecord !== null) fail(`another school's admin reads credit record ${record.id}.`);
      const analyst = await countFor(ctx, teacher, { role: 'ANALYST', subject: 'conformance-analyst' });
      if (analyst !== 0) fail(`an analyst sees ${analyst} record(s) about a person.`);
      return `own school ${own}, other school 0, other county 0, analyst 0`;
    },
  },
];
