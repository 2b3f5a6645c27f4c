import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { manages, outOfScope } from '../../kit/access';
import { isUniqueViolation, writeLock, inTransaction } from '../../kit/data-source';
import { once } from '../../kit/idempotency';
import { badInput, DomainError, ErrorCode, notFound } from '../../kit/errors';
import { todayInChina } from '../../kit/date';
import type { Identity } from '../../kit/identity';
import { isRegionCode } from '../../standards/region-code';
import { CreditAuditEntry, CreditIdempotencyKey, CreditRecord } from './entities';
import { loadPolicySet } from './policies-store';
import { refreshSummaries, summaryRulesOf } from './summaries';
import { creditsForHours } from './rules/conversion';
import { dutiesOf, selectPolicy, type ActorRole, type CreditCategory, type CreditPolicyRules } from './rules/policy';
import { assertSeparateDuties, type TrailStep } from './rules/duties';
import { policyRulesOf } from './rules/policy-record';
import { assertCompletedEnrollment, assertSourceForRole } from './rules/registration';
import { requireGraphAccess, type GraphAccess, type TeacherPlacement } from './graph-access';
import { PLACEMENT_MISMATCH } from './rules/import-row';
import { auditEntry, transitionCreditRecord, type AuditRole, type CreditRecordAction, type CreditRecordStatus } from './rules/workflow';
import { CreditPolicy } from './entities';
import type { CompletionCreditsInput, RegisterCreditInput } from './__generated__/resolvers-types';

/** Who the audit trail names: the identity provider's subject, else the role. */
export function actorIdOf(identity: Identity): string {
  return identity.subject ?? identity.role.toLowerCase();
}

function assertRegionCode(regionCode: string): void {
  if (!isRegionCode(regionCode)) {
    throw badInput(`Region code "${regionCode}" must be six digits (GB/T 2260).`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  }
}

function assertId(value: string, field: string): void {
  if (!value || value.length > 36) throw badInput(`${field} must be an id of 1 to 36 characters.`, { field, rule: 'ID_FORMAT' });
}

export function newAuditRow(record: CreditRecord, identity: Identity, from: CreditRecordStatus | null, to: CreditRecordStatus, reason?: string | null, at = new Date().toISOString()): CreditAuditEntry {
  const entry = auditEntry({ actorId: actorIdOf(identity), actorRole: identity.role as AuditRole, at, from, to, reason });
  return Object.assign(new CreditAuditEntry(), {
    id: randomUUID(),
    recordId: record.id,
    teacherId: record.teacherId,
    schoolId: record.schoolId,
    regionCode: record.regionCode,
    actorId: entry.actorId.slice(0, 128),
    actorRole: entry.actorRole,
    at: entry.at,
    fromStatus: entry.from,
    toStatus: entry.to,
    reason: entry.reason?.slice(0, 500) ?? null,
  });
}

async function insertWithAudit(manager: EntityManager, record: CreditRecord, identity: Identity, rules: readonly CreditPolicyRules[]): Promise<void> {
  await manager.getRepository(CreditRecord).insert(record);
  await manager.getRepository(CreditAuditEntry).insert(newAuditRow(record, identity, null, record.status));
  await refreshSummaries(manager, [record.teacherId], summaryRulesOf(rules));
}

function policyFor(policies: readonly CreditPolicyRules[], regionCode: string, on: string): CreditPolicyRules {
  return selectPolicy(policies, { provinceCode: regionCode.slice(0, 2), regionCode, on });
}

/**
 * 登记: a credit for a teacher, filed under the school and county where the registry places the
 * teacher (asked through the graph), never the caller's word: the caller's scope is checked on the
 * placement, and an input naming another school or county is refused (`PLACEMENT_MISMATCH`). An
 * institution registers only for a teacher with a COMPLETED enrollment in one of its own projects,
 * the one the input names (training's record).
 */
export async function registerCredit(
  dataSource: DataSource,
  identity: Identity,
  input: RegisterCreditInput,
  graph: () => GraphAccess | null,
  idempotencyKey?: string | null,
): Promise<CreditRecord> {
  assertRegionCode(input.regionCode);
  assertId(input.teacherId, 'teacherId');
  assertId(input.schoolId, 'schoolId');
  const access = requireGraphAccess(graph(), 'Credits');
  const { rules } = await loadPolicySet(dataSource);
  /** The caller's scope on the teacher placed at `placement` (a county teacher school acts for its county). */
  const mayRegister = async (placement: TeacherPlacement, on: string): Promise<{ countySchool: boolean }> => {
    const countySchool = identity.role === 'INSTITUTION' && (await isCountyTeacherSchool(access, identity, placement.regionCode, policyFor(rules, placement.regionCode, on)));
    if (identity.role === 'INSTITUTION' && !countySchool) {
      await assertOwnCompletedProject(access, identity, input.teacherId, input.trainingProjectId);
    } else if (identity.role !== 'INSTITUTION' && !manages(identity, { teacherId: input.teacherId, ...placement })) {
      throw outOfScope(`A ${identity.role} caller may not register credits outside their own scope.`);
    }
    return { countySchool };
  };
  // Whether the registry has the teacher on the day is told only to a caller who may act on them today.
  const placed = await placementOnDay(access, input.teacherId, input.earnedOn, 'earnedOn', (today) => mayRegister(today, todayInChina()));
  const owner = { teacherId: input.teacherId, schoolId: placed.schoolId, regionCode: placed.regionCode };
  const policy = policyFor(rules, owner.regionCode, input.earnedOn);
  const { countySchool } = await mayRegister(placed, input.earnedOn);
  assertPlacement(placed, input, input.earnedOn);
  const status = transitionCreditRecord(null, 'REGISTER', { actorRole: identity.role as ActorRole }, policy);
  // A county teacher school registers every kind of credit of its county's teachers.
  if (!countySchool) assertSourceForRole(identity.role as ActorRole, input.source);
  const creditsMilli = creditsForHours(
    {
      category: input.category,
      onlineHoursMilli: input.onlineHours ?? 0,
      offlineHoursMilli: input.offlineHours ?? 0,
      specialShare: input.specialTraining ?? null,
      declaredCreditsMilli: input.credits ?? null,
    },
    policy,
  );
  const record = newRecord({
    ...owner,
    schoolCategory: input.schoolCategory ?? null,
    source: input.source,
    category: input.category,
    onlineHoursMilli: input.onlineHours ?? 0,
    offlineHoursMilli: input.offlineHours ?? 0,
    creditsMilli,
    earnedOn: input.earnedOn,
    status,
    trainingProjectId: input.trainingProjectId ?? null,
    enrollmentId: null,
    policyId: policy.id,
    institutionId: identity.role === 'INSTITUTION' ? identity.institutionId! : null,
    specialTraining: input.specialTraining ?? null,
  });
  return once(
    dataSource,
    { keys: CreditIdempotencyKey, mutation: 'registerCredit', identity, key: idempotencyKey, payload: input },
    async (manager) => {
      await insertWithAudit(manager, record, identity, rules);
      return record.id;
    },
    (id) => dataSource.getRepository(CreditRecord).findOneByOrFail({ id }),
    // The teacher's summary row is refreshed in this transaction (summaries.ts: READ COMMITTED on MySQL).
    { readCommitted: true },
  );
}

/**
 * Is the calling institution the county teacher school (县教师进修学校) of `regionCode`, where the
 * policy lets that school act for the county? Training's record of the institution decides.
 */
async function isCountyTeacherSchool(access: GraphAccess | null, identity: Identity, regionCode: string, policy: CreditPolicyRules): Promise<boolean> {
  if (identity.role !== 'INSTITUTION' || dutiesOf(policy).institutionActsAs !== 'COUNTY_TEACHER_SCHOOL' || !access) return false;
  const institution = await access.institution(identity.institutionId!);
  return institution?.kind === 'COUNTY_TEACHER_SCHOOL' && institution.regionCode === regionCode;
}

/**
 * Where the registry placed the teacher on the day the credit was earned (任职经历): a credit is
 * filed there, whatever the teacher's school today. A day before the first placement is refused,
 * after `assertMayActToday` (when given) has checked the caller's scope on today's placement, so
 * that the refusal tells nothing of a teacher outside it.
 */
async function placementOnDay(
  access: GraphAccess,
  teacherId: string,
  on: string,
  field: string,
  assertMayActToday?: (today: TeacherPlacement) => Promise<unknown>,
): Promise<TeacherPlacement> {
  const answer = await access.placementOn(teacherId, on);
  if (!answer) throw notFound('Teacher', teacherId);
  if (!answer.placement) {
    const today = assertMayActToday && (await access.placementOn(teacherId, todayInChina()))?.placement;
    if (today) await assertMayActToday(today);
    throw badInput(
      `The registry has no placement of teacher ${teacherId} on ${on} (${field}): its placement history starts later, so the credit has no school or county to be filed under; nothing was stored. Check the date, or have the registry record the teacher's earlier school.`,
      { field, rule: 'NO_PLACEMENT_ON_DATE' },
    );
  }
  return answer.placement;
}

/** The input's school and county must be the registry's placement of the teacher on the day. */
function assertPlacement(placed: TeacherPlacement, input: { teacherId: string; schoolId: string; regionCode: string }, on: string): void {
  if (placed.schoolId !== input.schoolId || placed.regionCode !== input.regionCode) {
    const field = placed.schoolId !== input.schoolId ? 'schoolId' : 'regionCode';
    throw new DomainError(
      PLACEMENT_MISMATCH,
      `The registry places teacher ${input.teacherId} at school ${placed.schoolId} in ${placed.regionCode} on ${on}, not ${input.schoolId} in ${input.regionCode}: a credit is filed where the teacher was placed when it was earned; nothing was stored.`,
      { field, rule: PLACEMENT_MISMATCH },
    );
  }
}

/** An institution's credit needs the teacher's COMPLETED enrollment in the institution's own project named. */
async function assertOwnCompletedProject(access: GraphAccess, identity: Identity, teacherId: string, projectId: string | null | undefined): Promise<void> {
  if (!projectId) {
    throw badInput('An institution registers credits for its own training: name the trainingProjectId.', { field: 'trainingProjectId', rule: 'PROJECT_REQUIRED' });
  }
  const completed = await access.completedProjects(teacherId);
  if (!completed.some((c) => c.projectId === projectId && c.institutionId === identity.institutionId)) {
    throw outOfScope(`Teacher ${teacherId} has no completed enrollment in project ${projectId} of this institution, so it may not register their credits.`);
  }
}

export function newRecord(values: Omit<CreditRecord, 'id' | 'createdAt' | 'reason' | 'importKey'> & { importKey?: string | null }): CreditRecord {
  return Object.assign(new CreditRecord(), { id: randomUUID(), reason: null, importKey: null, ...values });
}

/**
 * The role a caller takes the 登记 step as under the province's policy data: the credits service
 * (the completion sync) registers for the platform, which policies name SYSTEM (imports and
 * automatic registrations), so a province that leaves SYSTEM out of its register roles gets no
 * automatic completion credits; the audit trail still names the service. Others act as their role.
 */
function registeringRole(identity: Identity): ActorRole {
  return identity.role === 'SERVICE' ? 'SYSTEM' : (identity.role as ActorRole);
}

/**
 * The credit of a completed enrollment, once: the unique index on `enrollment_id`
 * decides between concurrent calls, and every caller gets the one record. An institution's and
 * the credits service's (the completion sync's) claim is checked through the graph: training's
 * record of the enrollment (completed, that teacher, that project; an institution's own) and the
 * registry's placement of the teacher on the day it was completed. SYSTEM is believed.
 */
export async function registerCompletionCredits(
  dataSource: DataSource,
  identity: Identity,
  input: CompletionCreditsInput,
  graph: () => GraphAccess | null,
): Promise<CreditRecord> {
  assertRegionCode(input.regionCode);
  for (const field of ['enrollmentId', 'teacherId', 'schoolId', 'trainingProjectId'] as const) assertId(input[field], field);
  if (identity.role === 'INSTITUTION' || identity.role === 'SERVICE') {
    const access = requireGraphAccess(graph(), 'Completions');
    // Both asked at once; training's answer is judged first, so the refusal names the enrollment's fault before the placement's.
    const placement = placementOnDay(access, input.teacherId, input.completedOn, 'completedOn');
    placement.catch(() => undefined);
    assertCompletedEnrollment(await access.enrollment(input.enrollmentId), { ...input, institutionId: identity.role === 'INSTITUTION' ? identity.institutionId! : null });
    assertPlacement(await placement, input, input.completedOn);
  }
  const repository = dataSource.getRepository(CreditRecord);
  const existing = await repository.findOneBy({ enrollmentId: input.enrollmentId });
  if (existing) return sameCompletion(existing, input);

  const { rules } = await loadPolicySet(dataSource);
  const policy = policyFor(rules, input.regionCode, input.completedOn);
  const status = transitionCreditRecord(null, 'REGISTER', { actorRole: registeringRole(identity) }, policy);
  const category: CreditCategory = input.offlineHours === 0 && input.onlineHours > 0 ? 'ONLINE' : 'CONCENTRATED';
  const creditsMilli = creditsForHours(
    { category, onlineHoursMilli: input.onlineHours, offlineHoursMilli: input.offlineHours, declaredCreditsMilli: input.credits ?? null },
    policy,
  );
  const record = newRecord({
    teacherId: input.teacherId,
    schoolId: input.schoolId,
    regionCode: input.regionCode,
    schoolCategory: input.schoolCategory ?? null,
    source: 'TRAINING_COMPLETION',
    category,
    onlineHoursMilli: input.onlineHours,
    offlineHoursMilli: input.offlineHours,
    creditsMilli,
    earnedOn: input.completedOn,
    status,
    trainingProjectId: input.trainingProjectId,
    enrollmentId: input.enrollmentId,
    policyId: policy.id,
    institutionId: identity.role === 'INSTITUTION' ? identity.institutionId! : null,
    specialTraining: null,
  });
  try {
    await inTransaction(dataSource, (manager) => insertWithAudit(manager, record, identity, rules), { readCommitted: true });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent call registered this completion first: its record is the one.
    return sameCompletion(await repository.findOneByOrFail({ enrollmentId: input.enrollmentId }), input);
  }
  return repository.findOneByOrFail({ id: record.id });
}

function sameCompletion(existing: CreditRecord, input: CompletionCreditsInput): CreditRecord {
  if (existing.teacherId !== input.teacherId) {
    throw new DomainError(ErrorCode.Conflict, `Enrollment ${input.enrollmentId} is already credited to another teacher.`, {
      field: 'enrollmentId',
      rule: 'ENROLLMENT_ALREADY_CREDITED',
    });
  }
  return existing;
}

/**
 * May the caller act on this record at all: the offices that manage it, or an institution — the one
 * that registered it, or where the policy says so the county teacher school of the record's county.
 */
function assertMayAct(identity: Identity, record: CreditRecord, action: string, policy: CreditPolicyRules, countySchool: boolean): void {
  const own = manages(identity, { teacherId: record.teacherId, schoolId: record.schoolId, regionCode: record.regionCode });
  const institution =
    identity.role === 'INSTITUTION' &&
    (dutiesOf(policy).institutionActsAs === 'COUNTY_TEACHER_SCHOOL' ? countySchool : !!record.institutionId && record.institutionId === identity.institutionId);
  if (identity.role === 'TEACHER' || (!own && !institution)) {
    throw outOfScope(`A ${identity.role} caller may not ${action} credit record ${record.id}: it is outside their scope.`);
  }
}

/** The policy a record was filed under (the one in force where and when it was earned). */
async function policyOfRecord(manager: EntityManager, record: CreditRecord): Promise<CreditPolicyRules> {
  const stored = record.policyId ? await manager.getRepository(CreditPolicy).findOneBy({ id: record.policyId }) : null;
  return stored ? policyRulesOf(stored) : policyFor((await loadPolicySet(manager)).rules, record.regionCode, record.earnedOn);
}

/** The trail's order is its timestamps: a step never shares or precedes the previous one's millisecond. */
function stepTime(trail: readonly CreditAuditEntry[]): Date {
  const last = trail.at(-1);
  const at = new Date();
  return last && at.toISOString() <= last.at ? new Date(Date.parse(last.at) + 1) : at;
}

/** One workflow step on a record, with its audit entry, in one transaction. */
export async function transitionRecord(
  dataSource: DataSource,
  identity: Identity,
  id: string,
  action: CreditRecordAction,
  reason?: string | null,
  graph: () => GraphAccess | null = () => null,
): Promise<CreditRecord> {
  // Training's record of the calling institution, read before the transaction (no network call while rows are locked).
  const institution = identity.role === 'INSTITUTION' ? await graph()?.institution(identity.institutionId!) : null;
  return inTransaction(dataSource, async (manager) => {
    const record = await manager.getRepository(CreditRecord).findOne({ where: { id }, lock: writeLock(dataSource) });
    if (!record) throw notFound('Credit record', id);
    const policy = await policyOfRecord(manager, record);
    const countySchool = institution?.kind === 'COUNTY_TEACHER_SCHOOL' && institution.regionCode === record.regionCode;
    assertMayAct(identity, record, action.toLowerCase(), policy, countySchool);
    const from = record.status;
    const to = transitionCreditRecord(from, action, { actorRole: identity.role as ActorRole, reason }, policy);
    const trail = await manager.getRepository(CreditAuditEntry).find({ where: { recordId: id }, order: { at: 'ASC' } });
    assertSeparateDuties(action, actorIdOf(identity), trail.map(trailStep), dutiesOf(policy));
    record.status = to;
    if (action === 'REJECT' || action === 'REVOKE') record.reason = reason!.trim().slice(0, 500);
    // The county teacher school that takes a step on a school's record becomes its institution: it answers for it, and sees it.
    if (countySchool && !record.institutionId) record.institutionId = identity.institutionId!;
    await manager.getRepository(CreditRecord).update({ id }, { status: to, reason: record.reason, institutionId: record.institutionId });
    await manager.getRepository(CreditAuditEntry).insert(newAuditRow(record, identity, from, to, reason, stepTime(trail).toISOString()));
    await refreshSummaries(manager, [record.teacherId]);
    return record;
  }, { readCommitted: true });
}

function trailStep(entry: CreditAuditEntry): TrailStep {
  return { actorId: entry.actorId, actorRole: entry.actorRole, from: entry.fromStatus, to: entry.toStatus };
}

/** Most records one 上报 call reports. */
export const MAX_REPORTED_RECORDS = 100;

/**
 * 上报: a school reports APPROVED records of its teachers up to the level that verifies them (Jiangxi:
 * the county teacher school), where the policy each record was filed under has the step
 * (rules/duties.ts `reportedBy`; NO_REPORT_STEP otherwise). All or none, in one transaction; a
 * record already REPORTED stays as it is and is answered again, so a repeated report changes nothing.
 */
export async function reportCreditRecords(dataSource: DataSource, identity: Identity, ids: readonly string[]): Promise<CreditRecord[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0 || wanted.length > MAX_REPORTED_RECORDS) {
    throw badInput(`Report 1 to ${MAX_REPORTED_RECORDS} credit records at a time; ${wanted.length} were named.`, { field: 'ids', rule: 'IDS_COUNT' });
  }
  for (const id of wanted) assertId(id, 'ids');
  return inTransaction(dataSource, async (manager) => {
    // Locked in id order, so two reports sharing records wait for each other instead of deadlocking.
    const records = await manager.getRepository(CreditRecord).find({ where: { id: In(wanted) }, order: { id: 'ASC' }, lock: writeLock(dataSource) });
    const byId = new Map(records.map((r) => [r.id, r]));
    const missing = wanted.find((id) => !byId.has(id));
    if (missing) throw notFound('Credit record', missing);
    const trails = await manager.getRepository(CreditAuditEntry).find({ where: { recordId: In(wanted) }, order: { at: 'ASC' } });
    for (const record of records) {
      const policy = await policyOfRecord(manager, record);
      assertMayAct(identity, record, 'report', policy, false);
      if (record.status === 'REPORTED') continue;
      const to = transitionCreditRecord(record.status, 'REPORT', { actorRole: identity.role as ActorRole }, policy);
      const trail = trails.filter((e) => e.recordId === record.id);
      const from = record.status;
      record.status = to;
      await manager.getRepository(CreditRecord).update({ id: record.id }, { status: to });
      await manager.getRepository(CreditAuditEntry).insert(newAuditRow(record, identity, from, to, null, stepTime(trail).toISOString()));
    }
    await refreshSummaries(manager, [...new Set(records.map((r) => r.teacherId))]);
    return wanted.map((id) => byId.get(id)!);
  }, { readCommitted: true });
}
