import type { FindOptionsWhere } from 'typeorm';
import { DateScalar, todayInChina, type IsoDate } from '../../kit/date';
import { notFound } from '../../kit/errors';
import type { PageArgs } from '../../kit/pagination';
import type { Resolvers, SubgraphContext } from '../../kit/subgraph';
import { registerTeacher, transferTeacher, updateTeacher, type RegisterTeacherInput, type UpdateTeacherInput } from './commands';
import { Region, type School, type Teacher } from './entities';
import type { TeacherLoaders } from './loaders';
import { listSchools, listTeachers, type Order, type SchoolFilter, type TeacherFilter } from './queries';
import { assertRegionCode } from './rules/regions';
import { isNearRetirement } from './rules/retirement';
import type { RegionLevel } from '../../standards/region-code';
import type { TeachingStage } from './rules/schools';

type Context = SubgraphContext<TeacherLoaders>;

export const resolvers: Resolvers<TeacherLoaders> = {
  Date: DateScalar,

  Query: {
    region: (_: unknown, { code }: { code: string }, { loaders }: Context) => loaders.regionByCode.load(assertRegionCode(code)),
    regions: async (_: unknown, args: { level?: RegionLevel | null; parentCode?: string | null }, { dataSource }: Context) => {
      const where: FindOptionsWhere<Region> = {};
      if (args.parentCode) where.parentCode = assertRegionCode(args.parentCode);
      if (args.level) where.level = args.level;
      if (!args.parentCode && !args.level) where.level = 'PROVINCE';
      return dataSource.getRepository(Region).find({ where, order: { code: 'ASC' } });
    },
    school: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.schoolById.load(id),
    schools: (_: unknown, args: PageArgs & { filter?: SchoolFilter; orderBy?: Order<string> }, { dataSource }: Context) =>
      listSchools(dataSource, args),
    teacher: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.teacherById.load(id),
    teachers: (_: unknown, args: PageArgs & { filter?: TeacherFilter; orderBy?: Order<string> }, { dataSource, identity }: Context) => {
      if (args.filter?.regionCode) assertRegionCode(args.filter.regionCode);
      return listTeachers(dataSource, identity, args);
    },
  },

  Mutation: {
    registerTeacher: (_: unknown, { input }: { input: RegisterTeacherInput }, { dataSource, identity }: Context) =>
      registerTeacher(dataSource, identity, input),
    updateTeacher: (_: unknown, { id, input }: { id: string; input: UpdateTeacherInput }, { dataSource, identity }: Context) =>
      updateTeacher(dataSource, identity, id, input),
    transferTeacher: (_: unknown, args: { id: string; schoolId: string; stage?: TeachingStage | null }, { dataSource, identity }: Context) =>
      transferTeacher(dataSource, identity, args.id, args.schoolId, args.stage),
  },

  Region: {
    __resolveReference: (ref: { code: string }, { loaders }: Context) => loaders.regionByCode.load(ref.code),
    parent: (region: Region, _: unknown, { loaders }: Context) => (region.parentCode ? loaders.regionByCode.load(region.parentCode) : null),
    children: (region: Region, _: unknown, { loaders }: Context) => loaders.regionChildren.load(region.code),
    teacherCounts: (region: Region, _: unknown, { loaders }: Context) => loaders.teacherCounts.load(region.code),
  },

  School: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.schoolById.load(ref.id),
    region: async (school: School, _: unknown, { loaders }: Context) =>
      (await loaders.regionByCode.load(school.regionCode)) ?? Promise.reject(notFound('Region', school.regionCode)),
  },

  Teacher: {
    __resolveReference: (ref: { id?: string; idNumber?: string }, { loaders }: Context) =>
      ref.id ? loaders.teacherById.load(ref.id) : loaders.teacherByIdNumber.load(ref.idNumber ?? ''),
    // Masked for callers who do not manage the teacher: see access.ts.
    idCardNumber: (teacher: Teacher) => teacher.idNumber,
    school: async (teacher: Teacher, _: unknown, { loaders }: Context) =>
      (await loaders.schoolById.load(teacher.schoolId)) ?? Promise.reject(notFound('School', teacher.schoolId)),
    nearRetirement: (teacher: Teacher, { asOf }: { asOf?: IsoDate | null }) =>
      isNearRetirement(teacher.retirementDate, asOf ?? todayInChina()),
  },
};
