import type { FindOptionsWhere } from 'typeorm';
import { DateScalar, todayInChina } from '../../kit/date';
import { badInput, notFound } from '../../kit/errors';
import { normalizeIdNumber } from '../../standards/id-number';
import type { Resolvers } from './__generated__/resolvers-types';
import { correctPlacement, registerTeacher, transferTeacher, updateTeacher } from './commands';
import { submitStatisticsTable } from './statistics-intake';
import { Region } from './entities';
import { listSchools, listTeachers, MAX_FILTER_IDS } from './queries';
import { assertRegionCode } from './rules/regions';
import { isNearRetirement } from './rules/retirement';
import { placementOn, type PlacedPeriod } from './rules/placements';

export const resolvers: Resolvers = {
  Date: DateScalar,

  Query: {
    region: (_, { code }, { loaders }) => loaders.regionByCode.load(assertRegionCode(code)),
    regions: async (_, args, { dataSource }) => {
      const where: FindOptionsWhere<Region> = {};
      if (args.parentCode) where.parentCode = assertRegionCode(args.parentCode);
      if (args.level) where.level = args.level;
      if (!args.parentCode && !args.level) where.level = 'PROVINCE';
      return dataSource.getRepository(Region).find({ where, order: { code: 'ASC' } });
    },
    school: (_, { id }, { loaders }) => loaders.schoolById.load(id),
    schools: (_, args, { dataSource }) => listSchools(dataSource, args),
    teacher: (_, { id }, { loaders }) => loaders.teacherById.load(id),
    teachers: (_, args, { dataSource, identity }) => {
      if (args.filter?.regionCode) assertRegionCode(args.filter.regionCode);
      return listTeachers(dataSource, identity, args);
    },
    me: (_, __, { identity }) => identity,
    // One match per number, by position: the numbers stay with the caller (access.ts limits who asks, row scope whom they find).
    teachersByIdNumber: async (_, { idNumbers }, { loaders }) => {
      if (idNumbers.length > MAX_FILTER_IDS) {
        throw badInput(`idNumbers names ${idNumbers.length} numbers; ask for at most ${MAX_FILTER_IDS} at a time.`, { field: 'idNumbers', rule: 'TOO_MANY_ID_NUMBERS' });
      }
      const teachers = await Promise.all(idNumbers.map((number) => loaders.teacherByIdNumber.load(normalizeIdNumber(number))));
      return teachers.map((teacher, index) => ({ index, teacher }));
    },
  },

  // The caller's own rows, read as any other read of them (access.ts applies on every path).
  Viewer: {
    role: (viewer) => viewer.role,
    teacher: (viewer, _, { loaders }) => (viewer.role === 'TEACHER' && viewer.teacherId ? loaders.teacherById.load(viewer.teacherId) : null),
    school: (viewer, _, { loaders }) => (viewer.schoolId ? loaders.schoolById.load(viewer.schoolId) : null),
    region: (viewer, _, { loaders }) => (viewer.regionCode ? loaders.regionByCode.load(viewer.regionCode) : null),
    institution: (viewer) => (viewer.role === 'INSTITUTION' && viewer.institutionId ? { id: viewer.institutionId } : null),
  },

  Mutation: {
    registerTeacher: (_, { input, idempotencyKey }, { dataSource, identity }) => registerTeacher(dataSource, identity, input, idempotencyKey),
    updateTeacher: (_, { id, input }, { dataSource, identity }) => updateTeacher(dataSource, identity, id, input),
    transferTeacher: (_, args, { dataSource, identity }) => transferTeacher(dataSource, identity, args.id, args.schoolId, args.stage),
    submitStatisticsTable: (_, { input, idempotencyKey }, { dataSource, identity }) => submitStatisticsTable(dataSource, identity, input, idempotencyKey),
    correctPlacement: (_, { teacherId, input, idempotencyKey }, { dataSource, identity }) => correctPlacement(dataSource, identity, teacherId, input, idempotencyKey),
  },

  Region: {
    __resolveReference: (ref, { loaders }) => loaders.regionByCode.load(ref.code),
    parent: (region, _, { loaders }) => (region.parentCode ? loaders.regionByCode.load(region.parentCode) : null),
    children: (region, _, { loaders }) => loaders.regionChildren.load(region.code),
    teacherCounts: (region, _, { loaders }) => loaders.teacherCounts.load(region.code),
  },

  School: {
    __resolveReference: (ref, { loaders }) => loaders.schoolById.load(ref.id),
    region: async (school, _, { loaders }) =>
      (await loaders.regionByCode.load(school.regionCode)) ?? Promise.reject(notFound('Region', school.regionCode)),
  },

  Teacher: {
    __resolveReference: (ref, { loaders }) =>
      'id' in ref ? loaders.teacherById.load(ref.id) : loaders.teacherByIdNumber.load(ref.idNumber),
    // Masked for callers who do not manage the teacher: see access.ts.
    idCardNumber: (teacher) => teacher.idNumber,
    school: async (teacher, _, { loaders }) =>
      (await loaders.schoolById.load(teacher.schoolId)) ?? Promise.reject(notFound('School', teacher.schoolId)),
    nearRetirement: (teacher, { asOf }) => isNearRetirement(teacher.retirementDate, asOf ?? todayInChina()),
    placements: (teacher, _, { loaders }) => loaders.placementsByTeacher.load(teacher.id),
    placementOn: async (teacher, { date }, { loaders }) => placementOn(await loaders.placementsByTeacher.load(teacher.id), date),
    placementCorrections: (teacher, _, { loaders }) => loaders.placementCorrectionsByTeacher.load(teacher.id),
  },

  PlacementCorrection: {
    school: async (change, _, { loaders }) => (await loaders.schoolById.load(change.schoolId)) ?? Promise.reject(notFound('School', change.schoolId)),
    before: (change) => JSON.parse(change.before) as PlacedPeriod[],
  },

  Placement: {
    school: async (placement, _, { loaders }) =>
      (await loaders.schoolById.load(placement.schoolId)) ?? Promise.reject(notFound('School', placement.schoolId)),
  },
};
