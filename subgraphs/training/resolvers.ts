import { DateScalar } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { notFound } from '../../kit/errors';
import { paginate } from '../../kit/pagination';
import type { InstitutionKind, Resolvers } from './__generated__/resolvers-types';
import { projectScope, SPOT_CHECK_READERS } from './access';
import { canSee } from '../../kit/access';
import {
  actOnEnrollment,
  actOnProject,
  assignTeachers,
  audienceOf,
  declareProject,
  projectState,
  publishClassSchedule,
  recordSpotCheck,
  selectClass,
} from './commands';
import type { Context } from './context';
import type { RegistryAccess } from './graph-access';
import { Institution, SpotCheck, TrainingPolicyChange, TrainingProject, type Enrollment } from './entities';
import { timetableOverdue } from './rules/schedule';
import { participationOf } from './rules/participation';
import type { StoredTrainingPolicy } from './policies-store';
import { reviseTrainingPolicy, trainingPolicyInForce } from './policy-commands';
import { trainingToday } from './clock';
import { provinceCodeOf } from '../../standards/region-code';
import { declarationQuotaFor } from './rules/declaration';
import { selectTrainingPolicy } from './rules/policies';
import { termCalendar, type TrainingPolicy } from './rules/policy';
import { enrolledMayWithdraw, reviewerLevelFor } from './rules/project-workflow';
import { needsSpecialAttention } from './rules/selection';
import { completedEnrollments, dispatchOutcomes, reviewQueue } from './queries';

function orFail<T>(value: T | null, what: string, key: string): T {
  if (value === null) throw notFound(what, key);
  return value;
}

/** The project of an enrollment's class, through the request's loaders (batched, no N+1). */
async function projectOf(enrollment: Enrollment, { loaders }: Context): Promise<TrainingProject> {
  const trainingClass = orFail(await loaders.classById.load(enrollment.classId), 'TrainingClass', enrollment.classId);
  return orFail(await loaders.projectById.load(trainingClass.projectId), 'TrainingProject', trainingClass.projectId);
}

/** The policy in force today for the institution's province, or null when none is configured. */
async function policyOfInstitution(institutionId: string, { loaders }: Context): Promise<StoredTrainingPolicy | null> {
  const institution = orFail(await loaders.institutionById.load(institutionId), 'Institution', institutionId);
  const province = provinceCodeOf(institution.regionCode);
  const policies = (await loaders.trainingPolicies()).filter((p) => p.provinceCode === province && p.effectiveFrom <= trainingToday());
  return policies.length === 0 ? null : selectTrainingPolicy(policies, province, trainingToday());
}

const resolvers: Resolvers = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    institution: (_, { id }, { loaders }) => loaders.institutionById.load(id),
    institutions: (_, args, { dataSource }) =>
      paginate(dataSource.getRepository(Institution).createQueryBuilder('institution'), args, {
        column: 'institution.name',
        property: 'name',
        direction: 'ASC',
        idColumn: 'institution.id',
        idProperty: 'id',
      }),
    trainingProject: (_, { id }, { loaders }) => loaders.projectById.load(id),
    trainingProjects: (_, args, { dataSource, identity }) => {
      const query = dataSource.getRepository(TrainingProject).createQueryBuilder('project');
      const scope = projectScope(identity);
      if (scope) query.andWhere(scope.sql, scope.params);
      const filter = args.filter ?? {};
      if (filter.status) query.andWhere('project.status = :status', { status: filter.status });
      if (filter.level) query.andWhere('project.level = :level', { level: filter.level });
      if (filter.term) query.andWhere('project.term = :term', { term: filter.term });
      if (filter.institutionId) query.andWhere('project.institution_id = :institutionId', { institutionId: filter.institutionId });
      return paginate(query, args, { column: 'project.code', property: 'code', direction: 'ASC', idColumn: 'project.id', idProperty: 'id' });
    },
    trainingClass: (_, { id }, { loaders }) => loaders.classById.load(id),
    enrollment: (_, { id }, { loaders }) => loaders.enrollmentById.load(id),
    reviewQueue: (_, args, { dataSource, identity }) => reviewQueue(dataSource, identity, args),
    completedEnrollments: (_, args, { dataSource, identity }) => completedEnrollments(dataSource, identity, args),
    dispatchOutcomes: (_, args, { dataSource, identity }) => dispatchOutcomes(dataSource, identity, args),
    trainingPolicy: async (_, { provinceCode, on }, { loaders }) => trainingPolicyInForce(await loaders.trainingPolicies(), provinceCode, on),
    trainingPolicies: async (_, { provinceCode }, { loaders }) => (await loaders.trainingPolicies()).filter((p) => p.provinceCode === provinceCode.trim()),
  },

  Mutation: {
    declareProject: (_, { input, idempotencyKey }, { dataSource, identity }) => declareProject(dataSource, identity, input, idempotencyKey),
    submitProject: (_, { id }, { dataSource, identity }) => actOnProject(dataSource, identity, id, 'submit'),
    reviewProject: (_, args, { dataSource, identity }) =>
      actOnProject(dataSource, identity, args.id, args.decision === 'APPROVE' ? 'approve' : 'reject', { reason: args.reason }),
    publishProject: (_, { id }, { dataSource, identity }) => actOnProject(dataSource, identity, id, 'publish'),
    requestProjectChange: (_, args, { dataSource, identity }) =>
      actOnProject(dataSource, identity, args.id, 'requestChange', { description: args.description }),
    approveProjectChange: (_, args, { dataSource, identity }) =>
      actOnProject(dataSource, identity, args.id, args.approve === false ? 'rejectChange' : 'approveChange', { reason: args.reason }),
    closeProject: (_, { id }, { dataSource, identity }) => actOnProject(dataSource, identity, id, 'close'),
    recordSpotCheck: (_, { input, idempotencyKey }, { dataSource, identity }) => recordSpotCheck(dataSource, identity, input, idempotencyKey),
    publishClassSchedule: (_, args, { dataSource, identity }) => publishClassSchedule(dataSource, identity, args.classId, args.schedule),
    reviewEnrollment: (_, args, { dataSource, identity }) =>
      actOnEnrollment(dataSource, identity, args.id, args.approve ? 'schoolApprove' : 'schoolReject', { reason: args.reason }),
    recheckEnrollment: (_, args, { dataSource, identity }) =>
      actOnEnrollment(dataSource, identity, args.id, args.confirm ? 'confirm' : 'decline', { reason: args.reason }),
    recordCompletion: (_, { id, input }, { dataSource, identity }) =>
      actOnEnrollment(dataSource, identity, id, input.result === 'COMPLETED' ? 'complete' : 'fail', {
        completion: { hoursAttended: input.hoursAttended, onlineHours: input.onlineHours ?? 0 },
      }),
    withdrawEnrollment: (_, args, { dataSource, identity }) =>
      actOnEnrollment(dataSource, identity, args.id, 'withdraw', { reason: args.reason }),
    reviseTrainingPolicy: (_, { input, idempotencyKey }, { dataSource, identity }) => reviseTrainingPolicy(dataSource, identity, input, idempotencyKey),
  },

  TermCalendar: {
    selectionRound1: (calendar) => calendar.selection.round1,
    selectionRound2: (calendar) => calendar.selection.round2,
  },

  TrainingPolicy: {
    declarationQuota: (policy) =>
      policy.declarationQuota && {
        levels: [...policy.declarationQuota.levels],
        perKind: (Object.entries(policy.declarationQuota.perTermByKind) as [InstitutionKind, number][]).map(([kind, quota]) => ({ kind, quota })),
        newlyAccreditedYears: policy.declarationQuota.newlyAccredited?.accreditedForLessThanYears ?? null,
        newlyAccreditedQuota: policy.declarationQuota.newlyAccredited?.quota ?? null,
      },
    fullCourseOnlineCap: (policy) =>
      policy.hybridOnlineCaps.fullCourse && {
        levels: [...policy.hybridOnlineCaps.fullCourse.levels],
        minTotalCredits: policy.hybridOnlineCaps.fullCourse.minTotalCreditsMilli,
        cap: policy.hybridOnlineCaps.fullCourse.cap,
      },
    hybridOnlineCap: (policy) => policy.hybridOnlineCaps.other,
    allowedFeeItems: (policy) => (policy.allowedFeeItems ? [...policy.allowedFeeItems] : null),
    specialAttentionCredits: (policy) => policy.specialAttentionCreditsMilli,
    provinceWideLevels: (policy) => [...policy.provinceWideLevels],
    reservedPlaces: (policy) => policy.reservedPlaces && { groups: [...policy.reservedPlaces.groups], sharePercent: policy.reservedPlaces.sharePercent },
    terms: (policy) => Object.values(policy.terms).sort((a, b) => a.term.localeCompare(b.term)),
    sources: (policy) => [...policy.sources],
    changes: async (policy, _, { dataSource }) =>
      (await dataSource.getRepository(TrainingPolicyChange).find({ where: { policyId: policy.id }, order: { recordedAt: 'ASC' } })).map((c) => ({
        policyId: c.policyId,
        actor: c.actor,
        recordedAt: c.recordedAt,
        beforePolicyId: c.beforeRules ? (JSON.parse(c.beforeRules) as TrainingPolicy).id : null,
        changedFields: c.changedFields === '' ? [] : c.changedFields.split(','),
      })),
  },

  Institution: {
    __resolveReference: (ref, { loaders }) => loaders.institutionById.load(ref.id),
    region: (institution) => ({ __typename: 'Region', code: institution.regionCode }),
    projects: async (institution, args, { loaders }) =>
      (await loaders.projectsByInstitution.load(institution.id)).filter(
        (p) => (!args.term || p.term === args.term) && (!args.status || p.status === args.status),
      ),
    declarationQuota: async (institution, { term }, { loaders }) => {
      // The institution's own province's policy: a province with none answers TRAINING_POLICY_NOT_CONFIGURED.
      const policy = selectTrainingPolicy(await loaders.trainingPolicies(), provinceCodeOf(institution.regionCode), trainingToday());
      const quota = declarationQuotaFor(institution, termCalendar(policy, term), policy);
      const declared = await loaders.declarationsInTerm.load({ institutionId: institution.id, term, levels: policy.declarationQuota?.levels ?? [] });
      return {
        term,
        quota: quota?.quota ?? null,
        basis: quota?.basis ?? null,
        declared,
        remaining: quota ? Math.max(0, quota.quota - declared) : null,
      };
    },
    pendingRechecks: (institution, _, { loaders }) => loaders.pendingRechecksByInstitution.load(institution.id),
    spotChecks: async (institution, _, { dataSource, identity }) => {
      const mayRead =
        SPOT_CHECK_READERS.includes(identity.role) &&
        (identity.role === 'INSTITUTION' ? identity.institutionId === institution.id : canSee(identity, { regionCode: institution.regionCode }));
      if (!mayRead) return [];
      return dataSource.getRepository(SpotCheck).find({ where: { institutionId: institution.id }, order: { checkedOn: 'DESC', id: 'ASC' } });
    },
  },

  TrainingProject: {
    __resolveReference: (ref, { loaders }) => loaders.projectById.load(ref.id),
    totalCredits: (project) => project.totalCreditsMilli,
    onlineCredits: (project) => project.onlineCreditsMilli,
    leader: (project) => ({
      name: project.leaderName,
      title: project.leaderTitle,
      titleLevel: project.leaderTitleLevel,
      staffId: project.leaderStaffId,
    }),
    audience: (project) => audienceOf(project),
    reviewedBy: (project) => reviewerLevelFor(project.level),
    changePending: (project) => !!project.changePending,
    enrolledMayWithdraw: (project) => enrolledMayWithdraw(projectState(project)),
    fees: (project) => ({
      training: project.feeTrainingMilli,
      accommodation: project.feeAccommodationMilli,
      meals: project.feeMealsMilli,
      total: project.feeTrainingMilli + project.feeAccommodationMilli + project.feeMealsMilli,
    }),
    institution: async (project, _, { loaders }) =>
      orFail(await loaders.institutionById.load(project.institutionId), 'Institution', project.institutionId),
    classes: (project, _, { loaders }) => loaders.classesByProject.load(project.id),
    trainers: (project, _, { loaders }) => loaders.trainersByProject.load(project.id),
  },

  SpotCheck: {
    project: (check, _, { loaders }) => (check.projectId ? loaders.projectById.load(check.projectId) : null),
    result: (check) => (check.result === 'FAILED' ? 'FAILED' : 'PASSED'),
  },

  TrainingClass: {
    __resolveReference: (ref, { loaders }) => loaders.classById.load(ref.id),
    project: async (trainingClass, _, { loaders }) =>
      orFail(await loaders.projectById.load(trainingClass.projectId), 'TrainingProject', trainingClass.projectId),
    // The counter kept by seats.ts: a column read, no count query.
    seatsLeft: (trainingClass) => Math.max(0, trainingClass.capacity - trainingClass.seatsTaken),
    timetableOverdue: async (trainingClass, _, context) => {
      if (trainingClass.schedulePublishedOn !== null) return false;
      const project = orFail(await context.loaders.projectById.load(trainingClass.projectId), 'TrainingProject', trainingClass.projectId);
      const policy = await policyOfInstitution(project.institutionId, context);
      return policy !== null && timetableOverdue(trainingClass, trainingToday(), policy);
    },
    enrollments: (trainingClass, { status }, { loaders }) => loaders.enrollmentsByClass.load({ ownerId: trainingClass.id, status: status ?? null }),
  },

  Enrollment: {
    __resolveReference: (ref, { loaders }) => loaders.enrollmentById.load(ref.id),
    teacher: (enrollment) => ({ __typename: 'Teacher', id: enrollment.teacherId }),
    trainingClass: async (enrollment, _, { loaders }) =>
      orFail(await loaders.classById.load(enrollment.classId), 'TrainingClass', enrollment.classId),
    hoursAttended: (enrollment) => enrollment.hoursAttendedMilli,
    onlineHours: (enrollment) => enrollment.onlineHoursMilli,
    needsSpecialAttention: async (enrollment, _, context) => {
      const project = await projectOf(enrollment, context);
      const policy = await policyOfInstitution(project.institutionId, context);
      // A province with no policy has no special-attention rule.
      return policy !== null && needsSpecialAttention(project.totalCreditsMilli, policy);
    },
    notices: (enrollment, _, { loaders }) => loaders.noticesByEnrollment.load(enrollment.id),
  },

  /** A Completion is a COMPLETED enrollment row, seen as the credits side needs it. */
  Completion: {
    enrollment: (enrollment) => enrollment,
    teacherId: (enrollment) => enrollment.teacherId,
    teacher: (enrollment) => ({ __typename: 'Teacher', id: enrollment.teacherId }),
    trainingClass: async (enrollment, _, { loaders }) =>
      orFail(await loaders.classById.load(enrollment.classId), 'TrainingClass', enrollment.classId),
    projectId: async (enrollment, _, context) => (await projectOf(enrollment, context)).id,
    totalCredits: async (enrollment, _, context) => (await projectOf(enrollment, context)).totalCreditsMilli,
    onlineCredits: async (enrollment, _, context) => (await projectOf(enrollment, context)).onlineCreditsMilli,
    hoursAttended: (enrollment) => enrollment.hoursAttendedMilli ?? 0,
    onlineHours: (enrollment) => enrollment.onlineHoursMilli ?? 0,
    // Both set whenever a completion is recorded; the feed selects no row without them (queries.ts).
    completedOn: (enrollment) => enrollment.completedOn!,
    recordedAt: (enrollment) => enrollment.completedAt!,
  },

  Teacher: {
    enrollments: ({ id }, { status }, { loaders }) => loaders.enrollmentsByTeacher.load({ ownerId: id, status: status ?? null }),
    trainingParticipation: async ({ id }, { fromYear, toYear }, context) => {
      const enrollments = await context.loaders.enrollmentsByTeacher.load({ ownerId: id, status: null });
      const finished = await Promise.all(
        enrollments
          .filter((e) => e.status === 'COMPLETED' || e.status === 'FAILED')
          .map(async (e) => {
            const trainingClass = orFail(await context.loaders.classById.load(e.classId), 'TrainingClass', e.classId);
            const project = await projectOf(e, context);
            return { status: e.status, level: project.level, year: Number(trainingClass.startsOn.slice(0, 4)) };
          }),
      );
      return participationOf(finished, fromYear, toYear);
    },
  },

  School: {
    pendingReviews: ({ id }, _, { loaders }) => loaders.pendingReviewsBySchool.load(id),
  },
};

export interface TrainingResolversConfig {
  /** The registry as the graph shows it (selections and assignments are filed and checked on it); read per call so configuration can arrive late. */
  registry: () => RegistryAccess | null;
}

/** The resolvers, with the registry access that the writes checked against another slice's facts use. */
export function createResolvers({ registry }: TrainingResolversConfig): Resolvers {
  return {
    ...resolvers,
    Mutation: {
      ...resolvers.Mutation,
      selectClass: (_, { classId }, { dataSource, identity }) => selectClass(dataSource, identity, classId, registry),
      assignTeacher: (_, args, { dataSource, identity }) => assignTeachers(dataSource, identity, args.classId, args.teachers, registry),
    },
  };
}
