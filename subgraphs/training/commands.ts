import { randomBytes, randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { outOfScope } from '../../kit/access';
import { insertRows, isUniqueViolation, writeLock, inTransaction } from '../../kit/data-source';
import { once } from '../../kit/idempotency';
import { badInput, DomainError, notFound } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { isRegionCode, isRegionPrefix } from '../../standards/region-code';
import {
  TeachingStage,
  type AssignTeacherInput,
  type AudienceInput,
  type DeclareProjectInput,
  type EnrollmentStatus,
  type SpotCheckInput,
  type TrainingLevel,
} from './__generated__/resolvers-types';
import { assertInScope, bureauLevelOf, enrollmentOwner, projectOwner } from './access';
import { recordedAt, trainingToday } from './clock';
import { Enrollment, EnrollmentNotice, Institution, ProjectTrainer, SpotCheck, TrainingClass, TrainingIdempotencyKey, TrainingProject } from './entities';
import { chooseTrainingPolicy, trainingPolicyFor } from './policies-store';
import { checkCompletion } from './rules/completion';
import { checkDeclaration, countsAgainstQuota, QUOTA_COUNTED_STATUSES, type Audience, type Declaration, type FeeLine } from './rules/declaration';
import { ENDED_WITHOUT_PLACE, releasesSeat, SEAT_HOLDING_STATUSES, transitionEnrollment, type EnrollmentAction } from './rules/enrollment';
import { TITLE_NAMES, termCalendar, type TrainingPolicy } from './rules/policy';
import { enrolledMayWithdraw, reviewerLevelFor, transitionProject, type ProjectAction, type ProjectState } from './rules/project-workflow';
import { checkClassPlan, checkSchedulePublication } from './rules/schedule';
import { checkReservedGroup, reservedPlacesViolation, seatLimit } from './rules/reserved-places';
import { checkSelection, openSelectionRound, type SelectionRound } from './rules/selection';
import { releaseSeat, selectionContext, takeSeat, type HeldSeats } from './seats';
import { requireRegistry, type RegistryAccess } from './graph-access';

/**
 * The training subgraph's writes: each runs the pure rules of rules/ on the rows it reads,
 * inside one transaction with the rows it changes, and leaves authorization to access.ts.
 */

const LEVEL_CODES: Readonly<Record<TrainingLevel, string>> = { NATIONAL: 'GP', PROVINCIAL: 'SP', CITY: 'CP', COUNTY: 'XP', SCHOOL: 'XB' };

// --- reading rows ------------------------------------------------------------------------

async function findOrFail<T extends { id: string }>(
  manager: EntityManager,
  entity: new () => T,
  id: string,
  what: string,
  lock?: { mode: 'pessimistic_write' },
): Promise<T> {
  const row = await manager.getRepository(entity).findOne({ where: { id } as never, lock });
  if (!row) throw notFound(what, id);
  return row;
}

function split(list: string): string[] {
  return list === '' ? [] : list.split(',');
}

const TEACHING_STAGES: readonly string[] = Object.values(TeachingStage);

function isTeachingStage(code: string): code is TeachingStage {
  return TEACHING_STAGES.includes(code);
}

export function audienceOf(project: TrainingProject): Audience {
  return {
    stages: split(project.audienceStages).filter(isTeachingStage),
    subjects: split(project.audienceSubjects),
    regionPrefixes: split(project.audienceRegions),
  };
}

export function projectState(project: TrainingProject): ProjectState {
  return {
    status: project.status,
    changePending: !!project.changePending,
    changeApprovedOn: project.changeApprovedOn,
    rejectionReason: project.rejectionReason,
  };
}

function feesOf(project: TrainingProject): FeeLine[] {
  return [
    { item: 'TRAINING', amountMilli: project.feeTrainingMilli },
    { item: 'ACCOMMODATION', amountMilli: project.feeAccommodationMilli },
    { item: 'MEALS', amountMilli: project.feeMealsMilli },
  ];
}

// --- projects ------------------------------------------------------------------------------

function required(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(`${field} must not be empty.`, { field, rule: 'REQUIRED' });
  return trimmed;
}

function audienceInput(input: AudienceInput): Audience {
  const regionPrefixes = (input.regionPrefixes ?? []).map((p) => p.trim());
  for (const prefix of regionPrefixes) {
    if (!isRegionPrefix(prefix)) {
      throw badInput(`${prefix} is not a GB/T 2260 prefix (2, 4 or 6 digits).`, { field: 'audience.regionPrefixes', rule: 'REGION_PREFIX_FORMAT' });
    }
  }
  const subjects = (input.subjects ?? []).map((s) => required(s, 'audience.subjects'));
  if (subjects.some((s) => s.includes(','))) throw badInput('A subject may not contain a comma.', { field: 'audience.subjects', rule: 'SUBJECT_FORMAT' });
  return { stages: [...new Set(input.stages)], subjects: [...new Set(subjects)], regionPrefixes: [...new Set(regionPrefixes)] };
}

/** What the declaration rules count: the leader's classes and the institution's declarations in the term. */
async function declarationCounts(
  manager: EntityManager,
  declaration: Declaration,
  leaderStaffId: string,
  institutionId: string,
  excludeProjectId: string | null,
  policy: TrainingPolicy,
): Promise<{ leaderClassesInTerm: number; institutionDeclarationsInTerm: number }> {
  const others = excludeProjectId ? { id: Not(excludeProjectId) } : {};
  // Only projects inside the quota's scope (Zhejiang: 面向全省) use up its places.
  const institutionDeclarationsInTerm = countsAgainstQuota(declaration.level, policy)
    ? await manager.getRepository(TrainingProject).countBy({
        institutionId,
        term: declaration.term,
        status: In(QUOTA_COUNTED_STATUSES),
        level: In(policy.declarationQuota!.levels),
        ...others,
      })
    : 0;
  const leaderQuery = manager
    .getRepository(TrainingClass)
    .createQueryBuilder('class')
    .innerJoin(TrainingProject, 'project', 'project.id = class.project_id')
    .where('project.term = :term', { term: declaration.term })
    .andWhere('project.institution_id = :leaderInstitution', { leaderInstitution: declaration.leader.institutionId })
    .andWhere('project.leader_staff_id = :staffId', { staffId: leaderStaffId })
    .andWhere('project.status IN (:...counted)', { counted: QUOTA_COUNTED_STATUSES });
  if (excludeProjectId) leaderQuery.andWhere('project.id <> :exclude', { exclude: excludeProjectId });
  return { leaderClassesInTerm: await leaderQuery.getCount(), institutionDeclarationsInTerm };
}

async function checkDeclarationRules(
  manager: EntityManager,
  declaration: Declaration,
  leaderStaffId: string,
  institution: Institution,
  excludeProjectId: string | null,
  resubmission: boolean,
  policy: TrainingPolicy,
): Promise<void> {
  const counts = await declarationCounts(manager, declaration, leaderStaffId, institution.id, excludeProjectId, policy);
  checkDeclaration(
    declaration,
    {
      institution,
      calendar: termCalendar(policy, declaration.term),
      on: trainingToday(),
      resubmission,
      ...counts,
    },
    policy,
  );
}

/**
 * 项目申报: stores a DRAFT project with its classes after every declaration rule passed
 * (they run again at submission, when the counts may have changed).
 */
export async function declareProject(
  dataSource: DataSource,
  identity: Identity,
  input: DeclareProjectInput,
  idempotencyKey?: string | null,
): Promise<TrainingProject> {
  const institutionId = identity.role === 'INSTITUTION' ? identity.institutionId! : input.institutionId;
  if (identity.role === 'INSTITUTION' && input.institutionId && input.institutionId !== identity.institutionId) {
    throw outOfScope('An institution declares projects only for itself.');
  }
  if (!institutionId) throw badInput('Name the declaring institution.', { field: 'institutionId', rule: 'REQUIRED' });
  const title = required(input.title, 'title');
  const leaderName = required(input.leader.name, 'leader.name');
  const leaderStaffId = required(input.leader.staffId, 'leader.staffId');
  const declaration: Declaration = {
    term: input.term,
    level: input.level,
    mode: input.mode,
    totalCreditsMilli: input.totalCredits,
    onlineCreditsMilli: input.onlineCredits,
    leader: { name: leaderName, title: input.leader.title, institutionId: input.leader.institutionId ?? institutionId },
    classCount: input.classes.length,
    fees: input.fees.map((fee) => ({ item: fee.item.trim().toUpperCase(), amountMilli: fee.amount })),
    audience: audienceInput(input.audience),
    trainerCount: (input.trainers ?? []).length,
  };
  const trainers = (input.trainers ?? []).map((t) => ({
    name: required(t.name, 'trainers.name'),
    title: required(t.title, 'trainers.title'),
    organisation: required(t.organisation, 'trainers.organisation'),
    topic: t.topic?.trim() || null,
  }));
  return once(
    dataSource,
    { keys: TrainingIdempotencyKey, mutation: 'declareProject', identity, key: idempotencyKey, payload: input },
    async (manager) => {
    // Locks the institution: declarations of one institution are counted against its quota one at a time.
    const institution = await findOrFail(manager, Institution, institutionId, 'Institution', writeLock(dataSource));
    assertInScope(identity, { institutionId: institution.id }, 'declare projects');
    // The policy of the institution's province, in force today: never another province's rules.
    const policy = await trainingPolicyFor(manager, institution.regionCode, trainingToday());
    const calendar = termCalendar(policy, input.term);
    for (const plan of input.classes) checkClassPlan(plan, calendar);
    await checkDeclarationRules(manager, declaration, leaderStaffId, institution, null, false, policy);
    const fee = (item: string) => declaration.fees.find((f) => f.item === item)?.amountMilli ?? 0;
    const project = manager.getRepository(TrainingProject).create({
      id: randomUUID(),
      code: `${LEVEL_CODES[input.level]}-${input.term}-${randomBytes(4).toString('hex').toUpperCase()}`,
      title,
      level: input.level,
      mode: input.mode,
      totalCreditsMilli: input.totalCredits,
      onlineCreditsMilli: input.onlineCredits,
      term: input.term,
      status: 'DRAFT',
      leaderName,
      leaderTitle: TITLE_NAMES[input.leader.title],
      leaderTitleLevel: input.leader.title,
      leaderStaffId,
      feeTrainingMilli: fee('TRAINING'),
      feeAccommodationMilli: fee('ACCOMMODATION'),
      feeMealsMilli: fee('MEALS'),
      institutionId: institution.id,
      audienceStages: declaration.audience.stages.join(','),
      audienceSubjects: declaration.audience.subjects.join(','),
      audienceRegions: declaration.audience.regionPrefixes.join(','),
      rejectionReason: null,
      changePending: false,
      changeDescription: null,
      changeApprovedOn: null,
    });
    await manager.getRepository(TrainingProject).insert(project);
    await manager.getRepository(TrainingClass).insert(
      input.classes.map((plan) => ({
        id: randomUUID(),
        projectId: project.id,
        name: required(plan.name, 'classes.name'),
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        capacity: plan.capacity,
        schedulePublishedOn: null,
        seatsTaken: 0,
        schedule: null,
      })),
    );
    if (trainers.length > 0) {
      await manager.getRepository(ProjectTrainer).insert(trainers.map((t) => ({ id: randomUUID(), projectId: project.id, ...t })));
    }
    return project.id;
    },
    (id) => dataSource.getRepository(TrainingProject).findOneByOrFail({ id }),
  );
}

const ACTION_PHRASES: Readonly<Record<ProjectAction, string>> = {
  submit: 'submit projects',
  approve: 'approve projects',
  reject: 'reject projects',
  publish: 'publish projects',
  requestChange: 'request changes to projects',
  approveChange: 'approve changes to projects',
  rejectChange: 'reject changes to projects',
  close: 'close projects',
};

/**
 * One step of the project workflow (rules/project-workflow `transitionProject`) by a caller
 * allowed to take it (access.ts `writes`), on the locked project row.
 */
export async function actOnProject(
  dataSource: DataSource,
  identity: Identity,
  id: string,
  action: ProjectAction,
  options: { reason?: string | null; description?: string | null } = {},
): Promise<TrainingProject> {
  return inTransaction(dataSource, async (manager) => {
    const project = await findOrFail(manager, TrainingProject, id, 'TrainingProject', writeLock(dataSource));
    // Submission counts the institution's declarations: lock it as declareProject does.
    const institution = await findOrFail(manager, Institution, project.institutionId, 'Institution', action === 'submit' ? writeLock(dataSource) : undefined);
    assertInScope(identity, projectOwner(project, institution), ACTION_PHRASES[action]);
    const { level } = project;
    const from = projectState(project);
    const description = action === 'requestChange' ? required(options.description ?? '', 'description') : null;
    const policy = await trainingPolicyFor(manager, institution.regionCode, trainingToday());
    const next = transitionProject(from, action, {
      level,
      calendar: termCalendar(policy, project.term),
      on: trainingToday(),
      bureau: bureauLevelOf(identity, reviewerLevelFor(level)),
      reason: options.reason ?? undefined,
    });
    if (action === 'submit') {
      const classCount = await manager.getRepository(TrainingClass).countBy({ projectId: project.id });
      const declaration: Declaration = {
        term: project.term,
        level,
        mode: project.mode,
        totalCreditsMilli: project.totalCreditsMilli,
        onlineCreditsMilli: project.onlineCreditsMilli,
        leader: { name: project.leaderName, title: project.leaderTitleLevel ?? 'NONE', institutionId: project.institutionId },
        classCount,
        fees: feesOf(project),
        audience: audienceOf(project),
        trainerCount: await manager.getRepository(ProjectTrainer).countBy({ projectId: project.id }),
      };
      await checkDeclarationRules(manager, declaration, project.leaderStaffId ?? project.leaderName, institution, project.id, from.status === 'REJECTED', policy);
    }
    project.status = next.status;
    project.changePending = next.changePending;
    project.changeApprovedOn = next.changeApprovedOn;
    project.rejectionReason = next.rejectionReason;
    if (description !== null) project.changeDescription = description;
    await manager.getRepository(TrainingProject).save(project);
    if (action === 'approveChange') await noticeEnrolledTeachers(manager, project, trainingToday());
    return project;
  });
}

/**
 * 变更通知: once the bureau approves a change, every teacher holding a place in the project is
 * told of the change and that they may now withdraw (Zhejiang 2020 notice).
 */
async function noticeEnrolledTeachers(manager: EntityManager, project: TrainingProject, on: string): Promise<void> {
  const enrolled = await manager
    .getRepository(Enrollment)
    .createQueryBuilder('enrollment')
    .innerJoin(TrainingClass, 'class', 'class.id = enrollment.class_id')
    .where('class.project_id = :projectId', { projectId: project.id })
    .andWhere('enrollment.status IN (:...holding)', { holding: SEAT_HOLDING_STATUSES.filter((s) => s !== 'COMPLETED' && s !== 'FAILED') })
    .getMany();
  if (enrolled.length === 0) return;
  const message = `项目 ${project.title} (${project.code}) 的变更已获批准：${project.changeDescription ?? ''}。您可以退出该项目。`.slice(0, 600);
  await manager
    .getRepository(EnrollmentNotice)
    .insert(enrolled.map((e) => ({ id: randomUUID(), enrollmentId: e.id, teacherId: e.teacherId, kind: 'CHANGE_APPROVED', message, sentOn: on })));
}

/** 抽查: a bureau records a quality spot check of an institution in its region. */
export async function recordSpotCheck(dataSource: DataSource, identity: Identity, input: SpotCheckInput, idempotencyKey?: string | null): Promise<SpotCheck> {
  const findings = required(input.findings, 'findings');
  const call = { keys: TrainingIdempotencyKey, mutation: 'recordSpotCheck', identity, key: idempotencyKey, payload: input };
  return once(dataSource, call, async (manager) => {
    const institution = await findOrFail(manager, Institution, input.institutionId, 'Institution');
    assertInScope(identity, { regionCode: institution.regionCode }, 'record spot checks');
    if (input.projectId) {
      const project = await findOrFail(manager, TrainingProject, input.projectId, 'TrainingProject');
      if (project.institutionId !== institution.id) {
        throw badInput(`Project ${project.code} is not a project of ${institution.name}.`, { field: 'projectId', rule: 'PROJECT_OF_OTHER_INSTITUTION' });
      }
    }
    const check = manager.getRepository(SpotCheck).create({
      id: randomUUID(),
      institutionId: institution.id,
      projectId: input.projectId ?? null,
      checkedOn: trainingToday(),
      result: input.result,
      findings,
      checkedBy: `${identity.role}:${identity.subject}`,
    });
    await manager.getRepository(SpotCheck).insert(check);
    return check.id;
  }, (id) => dataSource.getRepository(SpotCheck).findOneByOrFail({ id }));
}

/** 课表发布: the timetable of a class of an approved or published project, at least 5 days before it starts. */
export async function publishClassSchedule(dataSource: DataSource, identity: Identity, classId: string, schedule: string): Promise<TrainingClass> {
  return inTransaction(dataSource, async (manager) => {
    const trainingClass = await findOrFail(manager, TrainingClass, classId, 'TrainingClass', writeLock(dataSource));
    const project = await findOrFail(manager, TrainingProject, trainingClass.projectId, 'TrainingProject');
    const institution = await findOrFail(manager, Institution, project.institutionId, 'Institution');
    assertInScope(identity, projectOwner(project, institution), 'publish class schedules');
    if (project.status !== 'APPROVED' && project.status !== 'PUBLISHED') {
      throw new DomainError('PROJECT_NOT_APPROVED', `Timetables are published for approved or published projects; project ${project.code} is ${project.status}.`, {
        rule: 'PROJECT_NOT_APPROVED',
        status: project.status,
      });
    }
    const on = trainingToday();
    checkSchedulePublication(on, trainingClass.startsOn, await trainingPolicyFor(manager, institution.regionCode, on));
    trainingClass.schedule = required(schedule, 'schedule');
    trainingClass.schedulePublishedOn = on;
    await manager.getRepository(TrainingClass).save(trainingClass);
    return trainingClass;
  });
}

// --- enrollments ---------------------------------------------------------------------------

/**
 * Where an enrollment is filed: the teacher's school and its county, and what the teacher teaches
 * (judged against the project's audience), all of it the registry's today, asked through the graph
 * (graph-access.ts), for an assignment and a teacher's own selection alike: never the caller's claims.
 */
interface Placement {
  teacherId: string;
  schoolId: string;
  regionCode: string;
  stage: TeachingStage;
  subject: string;
}

function assertOpenForSelection(project: TrainingProject): void {
  if (project.status !== 'PUBLISHED') {
    throw new DomainError('PROJECT_NOT_PUBLISHED', `Project ${project.code} is ${project.status}; only published projects take selections.`, {
      rule: 'PROJECT_NOT_PUBLISHED',
      status: project.status,
    });
  }
}

async function selectedInRoundOne(manager: EntityManager, teacherId: string, term: string): Promise<boolean> {
  const count = await manager
    .getRepository(Enrollment)
    .createQueryBuilder('enrollment')
    .innerJoin(TrainingClass, 'class', 'class.id = enrollment.class_id')
    .innerJoin(TrainingProject, 'project', 'project.id = class.project_id')
    .where('enrollment.teacher_id = :teacherId', { teacherId })
    .andWhere('enrollment.round = 1')
    .andWhere('project.term = :term', { term })
    .getCount();
  return count > 0;
}

function alreadySelected(className: string): DomainError {
  return new DomainError('ALREADY_SELECTED', `You have already selected class ${className}.`, { rule: 'ALREADY_SELECTED' });
}

/** One teacher and one class: what placing the teacher is judged and written on. */
interface PlacementCase {
  who: Placement;
  trainingClass: TrainingClass;
  project: TrainingProject;
  round: SelectionRound;
  /** The teacher's enrollment in the class, or null when there is none. */
  existing: Enrollment | null;
  /** The policy of the province of the institution running the class. */
  policy: TrainingPolicy;
  /** 名额预留: the group with reserved places the assigner vouches the teacher belongs to; null for a teacher's own selection. */
  reservedGroup: string | null;
}

/** The selection rules for one teacher and class, on what was read of them. */
async function checkPlacement(manager: EntityManager, { who, trainingClass, project, round, existing, policy, reservedGroup }: PlacementCase): Promise<void> {
  checkSelection({
    round,
    on: trainingToday(),
    calendar: termCalendar(policy, project.term),
    teacherSelectedInRound1: round === 2 ? await selectedInRoundOne(manager, who.teacherId, project.term) : true,
    audience: audienceOf(project),
    teacher: { stage: who.stage, subject: who.subject, regionCode: who.regionCode, ...(round === 0 ? { assignedId: who.teacherId } : {}) },
    alreadyEnrolledInClass: existing !== null && !ENDED_WITHOUT_PLACE.includes(existing.status),
    trainingClass: { name: trainingClass.name, capacity: trainingClass.capacity, seatsTaken: trainingClass.seatsTaken },
  });
  const held = reservedPlacesViolation(policy, trainingClass, reservedGroup);
  if (held) throw held;
}

/** The seats a placement may not fill (名额预留), or null when the policy holds none for it. */
function heldSeats({ policy, trainingClass, reservedGroup }: PlacementCase): HeldSeats | null {
  const limit = seatLimit(policy.reservedPlaces, trainingClass.capacity, reservedGroup);
  if (limit >= trainingClass.capacity) return null;
  return { limit, refusal: (row) => reservedPlacesViolation(policy, row, reservedGroup)! };
}

/** Who dispatched a teacher (选派): kept for accountability (`dispatchOutcomes`). */
interface Assigner {
  role: string;
  subject: string | null;
}

/**
 * Takes the seat (conditional UPDATE, see seats.ts) and writes the enrollment, in the caller's
 * transaction. One row per teacher and class (unique index): an enrollment that ended without
 * a place is taken up again.
 */
async function writePlacement(
  manager: EntityManager,
  placement: PlacementCase,
  status: EnrollmentStatus,
  assigner: Assigner | null,
): Promise<Enrollment> {
  const { who, trainingClass, project, round, existing } = placement;
  const repository = manager.getRepository(Enrollment);
  await takeSeat(manager, trainingClass, heldSeats(placement));
  const fields = {
    schoolId: who.schoolId,
    regionCode: who.regionCode,
    institutionId: project.institutionId,
    round,
    status,
    selectedOn: trainingToday(),
    hoursAttendedMilli: null,
    onlineHoursMilli: null,
    completedOn: null,
    completedAt: null,
    decisionReason: null,
    assignedBy: assigner?.role ?? null,
    assignedBySubject: assigner?.subject ?? null,
  };
  if (existing) {
    // Taken up again, guarded on the ended status the rule saw: a concurrent take-up of the
    // same row matches nothing here and rolls back (with its seat).
    const updated = await repository.update({ id: existing.id, status: existing.status }, fields);
    if (!updated.affected) throw alreadySelected(trainingClass.name);
    return { ...existing, ...fields };
  }
  const enrollment = repository.create({ id: randomUUID(), teacherId: who.teacherId, classId: trainingClass.id, ...fields });
  try {
    await insertRows(manager, Enrollment, [enrollment]);
  } catch (error) {
    // The same teacher raced into the same class: the unique index decides, the seat rolls back.
    if (isUniqueViolation(error)) throw alreadySelected(trainingClass.name);
    throw error;
  }
  return enrollment;
}

/** Places one teacher in a class inside the caller's transaction: read, rules, seat, enrollment. */
async function place(manager: EntityManager, known: Omit<PlacementCase, 'existing'>, status: EnrollmentStatus, assigner: Assigner | null): Promise<Enrollment> {
  const existing = await manager.getRepository(Enrollment).findOneBy({ teacherId: known.who.teacherId, classId: known.trainingClass.id });
  const placement = { ...known, existing };
  await checkPlacement(manager, placement);
  return writePlacement(manager, placement, status, assigner);
}

/** The policy of the project's province (its institution's), in force today. */
async function policyOfProject(manager: EntityManager, project: TrainingProject): Promise<TrainingPolicy> {
  const institution = await findOrFail(manager, Institution, project.institutionId, 'Institution');
  return trainingPolicyFor(manager, institution.regionCode, trainingToday());
}

async function classAndProject(manager: EntityManager, classId: string): Promise<{ trainingClass: TrainingClass; project: TrainingProject }> {
  const trainingClass = await findOrFail(manager, TrainingClass, classId, 'TrainingClass');
  const project = await findOrFail(manager, TrainingProject, trainingClass.projectId, 'TrainingProject');
  return { trainingClass, project };
}

/**
 * 选课: a teacher selects a class in the open round; the selection takes a seat. The teacher's
 * school, county, stage and subject are the registry's (the claims in the identity name only who
 * the teacher is), asked through the graph while the class, its project, its province's policy
 * dates and the teacher's enrollment in it are read in one statement; concurrent selections share a registry request
 * (graph-access.ts `placement`). Every rule is checked on them before any transaction, so a
 * refusal (a full class, a closed window, a second selection, a teacher outside the audience)
 * costs one read and no transaction. The transaction then holds only the seat UPDATE (the
 * authority on seats, see seats.ts) and the enrollment write. What the read saw can change
 * before the transaction: a seat taken meanwhile is caught by the conditional UPDATE, an
 * enrollment written meanwhile by the unique index or the guarded take-up, and a project closed
 * in that moment is taken as closed just after the selection.
 */
export async function selectClass(dataSource: DataSource, identity: Identity, classId: string, registry: () => RegistryAccess | null): Promise<Enrollment> {
  const teacherId = identity.teacherId ?? '';
  assertInScope(identity, { teacherId }, 'select classes');
  const access = requireRegistry(registry(), 'Selections (选课)');
  const [fact, { trainingClass, project, existing, institutionRegionCode, policyVersions }] = await Promise.all([
    access.placement(teacherId),
    selectionContext(dataSource, classId, teacherId),
  ]);
  if (!fact) throw new DomainError('NOT_FOUND', `The registry has no teacher ${teacherId}; nothing was selected.`, { rule: UNKNOWN_TEACHER });
  const who: Placement = { teacherId, ...fact };
  assertOpenForSelection(project);
  const policy = await chooseTrainingPolicy(dataSource, policyVersions, institutionRegionCode, trainingToday());
  const round = openSelectionRound(termCalendar(policy, project.term), trainingToday());
  const placement = { who, trainingClass, project, round, existing, policy, reservedGroup: null };
  await checkPlacement(dataSource.manager, placement);
  return inTransaction(dataSource, (manager) => writePlacement(manager, placement, 'SELECTED', null));
}

/** The rule an assignment naming a school or county other than the registry's breaks (as credits' registerCredit). */
export const PLACEMENT_MISMATCH = 'PLACEMENT_MISMATCH';
/** The rule an assignment or selection naming a teacher the registry does not have breaks. */
export const UNKNOWN_TEACHER = 'UNKNOWN_TEACHER';

/**
 * Each assigned teacher where the registry places them today, never the caller's word: the caller's
 * scope is checked on that placement (a school its own teachers, a bureau its region's), and an
 * input that still names a school or county (deprecated) must name the registry's. The stage and
 * subject they teach come in the same request, for the project's audience (`NOT_IN_AUDIENCE`).
 */
async function registryPlacements(identity: Identity, teachers: AssignTeacherInput[], registry: RegistryAccess): Promise<Placement[]> {
  for (const t of teachers) {
    required(t.teacherId, 'teachers.teacherId');
    if (t.regionCode && !isRegionCode(t.regionCode)) throw badInput(`${t.regionCode} is not a six-digit region code.`, { field: 'teachers.regionCode', rule: 'REGION_CODE_FORMAT' });
  }
  const placed = await registry.placements(teachers.map((t) => t.teacherId));
  return teachers.map((t) => {
    const fact = placed.get(t.teacherId);
    if (!fact) {
      throw new DomainError('NOT_FOUND', `The registry has no teacher ${t.teacherId}; nobody was assigned.`, { field: 'teachers.teacherId', rule: UNKNOWN_TEACHER });
    }
    assertInScope(identity, { schoolId: fact.schoolId, regionCode: fact.regionCode }, 'assign teachers');
    const stated = { schoolId: t.schoolId ?? fact.schoolId, regionCode: t.regionCode ?? fact.regionCode };
    if (stated.schoolId !== fact.schoolId || stated.regionCode !== fact.regionCode) {
      throw new DomainError(
        PLACEMENT_MISMATCH,
        `The registry places teacher ${t.teacherId} at school ${fact.schoolId} in ${fact.regionCode}, not ${stated.schoolId} in ${stated.regionCode}: an assignment is filed where the registry places the teacher (leave schoolId and regionCode out); nobody was assigned.`,
        { field: stated.schoolId !== fact.schoolId ? 'teachers.schoolId' : 'teachers.regionCode', rule: PLACEMENT_MISMATCH },
      );
    }
    return { teacherId: t.teacherId, ...fact };
  });
}

/**
 * 选派 (direct assignment, round 0): a school or bureau names teachers for a class, outside the
 * selection rounds. Every teacher's school and county come from the registry, asked once for the
 * whole call (graph-access.ts). The assigner's decision stands for the school's review, so the
 * enrollments start SCHOOL_APPROVED and wait for the institution's re-check. All or none, in one
 * transaction.
 */
export async function assignTeachers(
  dataSource: DataSource,
  identity: Identity,
  classId: string,
  teachers: AssignTeacherInput[],
  registry: () => RegistryAccess | null,
): Promise<Enrollment[]> {
  if (teachers.length === 0) throw badInput('Name at least one teacher to assign.', { field: 'teachers', rule: 'REQUIRED' });
  const placed = await registryPlacements(identity, teachers, requireRegistry(registry(), 'Assignments (选派)'));
  const placements = placed.map((placement, i) => ({ placement, reservedGroup: teachers[i].reservedGroup?.trim().toUpperCase() || null }));
  return inTransaction(dataSource, async (manager) => {
    const { trainingClass, project } = await classAndProject(manager, classId);
    assertOpenForSelection(project);
    const policy = await policyOfProject(manager, project);
    const status = transitionEnrollment('SELECTED', 'schoolApprove');
    const assigned: Enrollment[] = [];
    for (const { placement, reservedGroup } of placements) {
      const known = { who: placement, trainingClass, project, round: 0 as const, policy, reservedGroup: checkReservedGroup(policy, reservedGroup) };
      assigned.push(await place(manager, known, status, { role: identity.role, subject: identity.subject }));
    }
    return assigned;
  });
}

const ENROLLMENT_PHRASES: Readonly<Record<EnrollmentAction, string>> = {
  schoolApprove: 'review enrollments',
  schoolReject: 'review enrollments',
  confirm: 're-check enrollments',
  decline: 're-check enrollments',
  complete: 'record completions',
  fail: 'record completions',
  withdraw: 'withdraw enrollments',
};

/**
 * One step of an enrollment (rules/enrollment `transitionEnrollment`) by a caller allowed to
 * take it (access.ts `writes`), on the locked row; a step that gives the seat back
 * decrements the class's counter in the same transaction.
 */
export async function actOnEnrollment(
  dataSource: DataSource,
  identity: Identity,
  id: string,
  action: EnrollmentAction,
  options: { reason?: string | null; completion?: { hoursAttended: number; onlineHours: number } } = {},
): Promise<Enrollment> {
  return inTransaction(dataSource, async (manager) => {
    const enrollment = await findOrFail(manager, Enrollment, id, 'Enrollment', writeLock(dataSource));
    assertInScope(identity, enrollmentOwner(enrollment), ENROLLMENT_PHRASES[action]);
    const { trainingClass, project } = await classAndProject(manager, enrollment.classId);
    const from = enrollment.status;
    const next = transitionEnrollment(from, action, { projectChangeApproved: enrolledMayWithdraw(projectState(project)) });
    if (action === 'complete' || action === 'fail') {
      const on = trainingToday();
      const hours = options.completion!;
      checkCompletion({
        hoursAttendedMilli: hours.hoursAttended,
        onlineHoursMilli: hours.onlineHours,
        result: action === 'complete' ? 'COMPLETED' : 'FAILED',
        on,
        classStartsOn: trainingClass.startsOn,
      });
      enrollment.hoursAttendedMilli = hours.hoursAttended;
      enrollment.onlineHoursMilli = hours.onlineHours;
      enrollment.completedOn = on;
      enrollment.completedAt = recordedAt();
    }
    if (action === 'schoolReject' || action === 'decline' || action === 'withdraw') {
      enrollment.decisionReason = options.reason?.trim() || null;
    }
    if (releasesSeat(from, next)) await releaseSeat(manager, trainingClass.id);
    enrollment.status = next;
    await manager.getRepository(Enrollment).save(enrollment);
    return enrollment;
  });
}
