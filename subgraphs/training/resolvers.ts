import { DateScalar } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { notFound } from '../../kit/errors';
import { paginate, type PageArgs } from '../../kit/pagination';
import type { SubgraphContext } from '../../kit/subgraph';
import { projectScope } from './access';
import {
  actOnEnrollment,
  actOnProject,
  assignTeachers,
  audienceOf,
  declareProject,
  projectState,
  publishClassSchedule,
  selectClass,
  type AssignedTeacher,
  type DeclareProjectInput,
} from './commands';
import { Enrollment, Institution, TrainingClass, TrainingProject } from './entities';
import type { TrainingLoaders } from './loaders';
import { TRAINING_POLICY } from './policy-data';
import { declarationQuotaFor } from './rules/declaration';
import type { EnrollmentStatus } from './rules/enrollment';
import { termCalendar, type InstitutionKind, type TrainingLevel } from './rules/policy';
import { enrolledMayWithdraw, reviewerLevelFor } from './rules/project-workflow';
import { needsSpecialAttention } from './rules/selection';
import { completedEnrollments, reviewQueue } from './queries';

type Context = SubgraphContext<TrainingLoaders>;

interface ProjectFilter {
  status?: string | null;
  level?: string | null;
  term?: string | null;
  institutionId?: string | null;
}

function orFail<T>(value: T | null, what: string, key: string): T {
  if (value === null) throw notFound(what, key);
  return value;
}

/** The project of an enrollment's class, through the request's loaders (batched, no N+1). */
async function projectOf(enrollment: Enrollment, { loaders }: Context): Promise<TrainingProject> {
  const trainingClass = orFail(await loaders.classById.load(enrollment.classId), 'TrainingClass', enrollment.classId);
  return orFail(await loaders.projectById.load(trainingClass.projectId), 'TrainingProject', trainingClass.projectId);
}

export const resolvers = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    institution: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.institutionById.load(id),
    institutions: (_: unknown, args: PageArgs, { dataSource }: Context) =>
      paginate(dataSource.getRepository(Institution).createQueryBuilder('institution'), args, {
        column: 'institution.name',
        property: 'name',
        direction: 'ASC',
        idColumn: 'institution.id',
        idProperty: 'id',
      }),
    trainingProject: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.projectById.load(id),
    trainingProjects: (_: unknown, args: PageArgs & { filter?: ProjectFilter | null }, { dataSource, identity }: Context) => {
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
    trainingClass: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.classById.load(id),
    enrollment: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.enrollmentById.load(id),
    reviewQueue: (_: unknown, args: PageArgs, { dataSource, identity }: Context) => reviewQueue(dataSource, identity, args),
    completedEnrollments: (_: unknown, args: PageArgs, { dataSource, identity }: Context) => completedEnrollments(dataSource, identity, args),
  },

  Mutation: {
    declareProject: (_: unknown, { input }: { input: DeclareProjectInput }, { dataSource, identity }: Context) =>
      declareProject(dataSource, identity, input),
    submitProject: (_: unknown, { id }: { id: string }, { dataSource, identity }: Context) => actOnProject(dataSource, identity, id, 'submit'),
    reviewProject: (_: unknown, args: { id: string; decision: 'APPROVE' | 'REJECT'; reason?: string | null }, { dataSource, identity }: Context) =>
      actOnProject(dataSource, identity, args.id, args.decision === 'APPROVE' ? 'approve' : 'reject', { reason: args.reason }),
    publishProject: (_: unknown, { id }: { id: string }, { dataSource, identity }: Context) => actOnProject(dataSource, identity, id, 'publish'),
    requestProjectChange: (_: unknown, args: { id: string; description: string }, { dataSource, identity }: Context) =>
      actOnProject(dataSource, identity, args.id, 'requestChange', { description: args.description }),
    approveProjectChange: (_: unknown, args: { id: string; approve?: boolean | null; reason?: string | null }, { dataSource, identity }: Context) =>
      actOnProject(dataSource, identity, args.id, args.approve === false ? 'rejectChange' : 'approveChange', { reason: args.reason }),
    closeProject: (_: unknown, { id }: { id: string }, { dataSource, identity }: Context) => actOnProject(dataSource, identity, id, 'close'),
    publishClassSchedule: (_: unknown, args: { classId: string; schedule: string }, { dataSource, identity }: Context) =>
      publishClassSchedule(dataSource, identity, args.classId, args.schedule),
    selectClass: (_: unknown, { classId }: { classId: string }, { dataSource, identity }: Context) => selectClass(dataSource, identity, classId),
    assignTeacher: (_: unknown, args: { classId: string; teachers: AssignedTeacher[] }, { dataSource, identity }: Context) =>
      assignTeachers(dataSource, identity, args.classId, args.teachers),
    reviewEnrollment: (_: unknown, args: { id: string; approve: boolean; reason?: string | null }, { dataSource, identity }: Context) =>
      actOnEnrollment(dataSource, identity, args.id, args.approve ? 'schoolApprove' : 'schoolReject', { reason: args.reason }),
    recheckEnrollment: (_: unknown, args: { id: string; confirm: boolean; reason?: string | null }, { dataSource, identity }: Context) =>
      actOnEnrollment(dataSource, identity, args.id, args.confirm ? 'confirm' : 'decline', { reason: args.reason }),
    recordCompletion: (
      _: unknown,
      args: { id: string; input: { hoursAttended: number; onlineHours?: number | null; result: 'COMPLETED' | 'FAILED' } },
      { dataSource, identity }: Context,
    ) =>
      actOnEnrollment(dataSource, identity, args.id, args.input.result === 'COMPLETED' ? 'complete' : 'fail', {
        completion: { hoursAttended: args.input.hoursAttended, onlineHours: args.input.onlineHours ?? 0 },
      }),
    withdrawEnrollment: (_: unknown, args: { id: string; reason?: string | null }, { dataSource, identity }: Context) =>
      actOnEnrollment(dataSource, identity, args.id, 'withdraw', { reason: args.reason }),
  },

  Institution: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.institutionById.load(ref.id),
    region: (institution: Institution) => ({ __typename: 'Region', code: institution.regionCode }),
    projects: async (institution: Institution, args: { term?: string | null; status?: string | null }, { loaders }: Context) =>
      (await loaders.projectsByInstitution.load(institution.id)).filter(
        (p) => (!args.term || p.term === args.term) && (!args.status || p.status === args.status),
      ),
    declarationQuota: async (institution: Institution, { term }: { term: string }, { loaders }: Context) => {
      const quota = declarationQuotaFor(
        { id: institution.id, name: institution.name, kind: institution.kind as InstitutionKind, accreditedSince: institution.accreditedSince },
        termCalendar(TRAINING_POLICY, term),
        TRAINING_POLICY,
      );
      const declared = await loaders.declarationsInTerm.load({ institutionId: institution.id, term });
      return {
        term,
        quota: quota?.quota ?? null,
        basis: quota?.basis ?? null,
        declared,
        remaining: quota ? Math.max(0, quota.quota - declared) : null,
      };
    },
    pendingRechecks: (institution: Institution, _: unknown, { loaders }: Context) => loaders.pendingRechecksByInstitution.load(institution.id),
  },

  TrainingProject: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.projectById.load(ref.id),
    totalCredits: (project: TrainingProject) => project.totalCreditsMilli,
    onlineCredits: (project: TrainingProject) => project.onlineCreditsMilli,
    leader: (project: TrainingProject) => ({
      name: project.leaderName,
      title: project.leaderTitle,
      titleLevel: project.leaderTitleLevel,
      staffId: project.leaderStaffId,
    }),
    audience: (project: TrainingProject) => audienceOf(project),
    reviewedBy: (project: TrainingProject) => reviewerLevelFor(project.level as TrainingLevel),
    changePending: (project: TrainingProject) => !!project.changePending,
    enrolledMayWithdraw: (project: TrainingProject) => enrolledMayWithdraw(projectState(project)),
    fees: (project: TrainingProject) => ({
      training: project.feeTrainingMilli,
      accommodation: project.feeAccommodationMilli,
      meals: project.feeMealsMilli,
      total: project.feeTrainingMilli + project.feeAccommodationMilli + project.feeMealsMilli,
    }),
    institution: async (project: TrainingProject, _: unknown, { loaders }: Context) =>
      orFail(await loaders.institutionById.load(project.institutionId), 'Institution', project.institutionId),
    classes: (project: TrainingProject, _: unknown, { loaders }: Context) => loaders.classesByProject.load(project.id),
  },

  TrainingClass: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.classById.load(ref.id),
    project: async (trainingClass: TrainingClass, _: unknown, { loaders }: Context) =>
      orFail(await loaders.projectById.load(trainingClass.projectId), 'TrainingProject', trainingClass.projectId),
    // The counter kept by seats.ts: a column read, no count query.
    seatsLeft: (trainingClass: TrainingClass) => Math.max(0, trainingClass.capacity - trainingClass.seatsTaken),
    enrollments: (trainingClass: TrainingClass, { status }: { status?: EnrollmentStatus | null }, { loaders }: Context) =>
      loaders.enrollmentsByClass.load({ ownerId: trainingClass.id, status: status ?? null }),
  },

  Enrollment: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.enrollmentById.load(ref.id),
    teacher: (enrollment: Enrollment) => ({ __typename: 'Teacher', id: enrollment.teacherId }),
    trainingClass: async (enrollment: Enrollment, _: unknown, { loaders }: Context) =>
      orFail(await loaders.classById.load(enrollment.classId), 'TrainingClass', enrollment.classId),
    hoursAttended: (enrollment: Enrollment) => enrollment.hoursAttendedMilli,
    onlineHours: (enrollment: Enrollment) => enrollment.onlineHoursMilli,
    needsSpecialAttention: async (enrollment: Enrollment, _: unknown, context: Context) =>
      needsSpecialAttention((await projectOf(enrollment, context)).totalCreditsMilli, TRAINING_POLICY),
  },

  /** A Completion is a COMPLETED enrollment row, seen as the credits side needs it. */
  Completion: {
    enrollment: (enrollment: Enrollment) => enrollment,
    teacherId: (enrollment: Enrollment) => enrollment.teacherId,
    teacher: (enrollment: Enrollment) => ({ __typename: 'Teacher', id: enrollment.teacherId }),
    trainingClass: async (enrollment: Enrollment, _: unknown, { loaders }: Context) =>
      orFail(await loaders.classById.load(enrollment.classId), 'TrainingClass', enrollment.classId),
    projectId: async (enrollment: Enrollment, _: unknown, context: Context) => (await projectOf(enrollment, context)).id,
    totalCredits: async (enrollment: Enrollment, _: unknown, context: Context) => (await projectOf(enrollment, context)).totalCreditsMilli,
    onlineCredits: async (enrollment: Enrollment, _: unknown, context: Context) => (await projectOf(enrollment, context)).onlineCreditsMilli,
    hoursAttended: (enrollment: Enrollment) => enrollment.hoursAttendedMilli ?? 0,
    onlineHours: (enrollment: Enrollment) => enrollment.onlineHoursMilli ?? 0,
    recordedAt: (enrollment: Enrollment) => enrollment.completedAt,
  },

  Teacher: {
    enrollments: ({ id }: { id: string }, { status }: { status?: EnrollmentStatus | null }, { loaders }: Context) =>
      loaders.enrollmentsByTeacher.load({ ownerId: id, status: status ?? null }),
  },

  School: {
    pendingReviews: ({ id }: { id: string }, _: unknown, { loaders }: Context) => loaders.pendingReviewsBySchool.load(id),
  },
};

