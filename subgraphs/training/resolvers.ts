import { DateScalar } from '../shared/date';
import { DecimalScalar } from '../shared/decimal';
import { notFound } from '../shared/errors';
import { paginate, type PageArgs } from '../shared/pagination';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import { projectScope } from './access';
import { Enrollment, Institution, TrainingClass, TrainingProject } from './entities';
import type { TrainingLoaders } from './loaders';
import type { EnrollmentStatus } from './rules/enrollment';

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

export const resolvers: Resolvers<TrainingLoaders> = {
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
  },

  Institution: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.institutionById.load(ref.id),
    region: (institution: Institution) => ({ __typename: 'Region', code: institution.regionCode }),
    projects: async (institution: Institution, args: { term?: string | null; status?: string | null }, { loaders }: Context) =>
      (await loaders.projectsByInstitution.load(institution.id)).filter(
        (p) => (!args.term || p.term === args.term) && (!args.status || p.status === args.status),
      ),
  },

  TrainingProject: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.projectById.load(ref.id),
    totalCredits: (project: TrainingProject) => project.totalCreditsMilli,
    onlineCredits: (project: TrainingProject) => project.onlineCreditsMilli,
    leader: (project: TrainingProject) => ({ name: project.leaderName, title: project.leaderTitle }),
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
    seatsTaken: (trainingClass: TrainingClass, _: unknown, { loaders }: Context) => loaders.seatsTaken.load(trainingClass.id),
    seatsLeft: async (trainingClass: TrainingClass, _: unknown, { loaders }: Context) =>
      Math.max(0, trainingClass.capacity - (await loaders.seatsTaken.load(trainingClass.id))),
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
  },

  Teacher: {
    enrollments: ({ id }: { id: string }, { status }: { status?: EnrollmentStatus | null }, { loaders }: Context) =>
      loaders.enrollmentsByTeacher.load({ ownerId: id, status: status ?? null }),
  },

  School: {
    pendingReviews: ({ id }: { id: string }, _: unknown, { loaders }: Context) => loaders.pendingReviewsBySchool.load(id),
  },
};

