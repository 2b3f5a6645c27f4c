import { type DataSource, In } from 'typeorm';
import DataLoader from 'dataloader';
import { groupLoader, rowLoader, tracedBatch } from '../../kit/loaders';
import type { SchoolCategory, TeacherCounts } from './__generated__/resolvers-types';
import { Region, School, Teacher, TeacherPlacement, TeacherPlacementChange } from './entities';
import { regionPrefix, regionRanges } from '../../standards/region-code';

const COUNT_FIELD: Record<SchoolCategory, Exclude<keyof TeacherCounts, 'total' | '__typename'>> = {
  KINDERGARTEN: 'kindergarten',
  PRIMARY_AND_SECONDARY: 'primaryAndSecondary',
  VOCATIONAL: 'vocational',
  SPECIAL_EDUCATION: 'specialEducation',
};

/**
 * Head counts for many regions at once: one statement per batch counts teachers per county
 * and school category over the (region_code, school_category) index (no join: both are
 * copied onto the teacher), and the counties are added up for each region asked for.
 */
async function countTeachers(dataSource: DataSource, codes: readonly string[]): Promise<TeacherCounts[]> {
  const prefixes = codes.map(regionPrefix);
  const covering = regionRanges(prefixes);
  const rows: { county: string; category: SchoolCategory; teachers: string | number }[] = await dataSource
    .createQueryBuilder()
    .select('teacher.region_code', 'county')
    .addSelect('teacher.school_category', 'category')
    .addSelect('COUNT(*)', 'teachers')
    .from(Teacher, 'teacher')
    .where(covering.map((_, i) => `teacher.region_code LIKE :prefix${i}`).join(' OR '), Object.fromEntries(covering.map((p, i) => [`prefix${i}`, `${p}%`])))
    .groupBy('teacher.region_code')
    .addGroupBy('teacher.school_category')
    .getRawMany();
  return prefixes.map((prefix) => {
    const counts: TeacherCounts = { kindergarten: 0, primaryAndSecondary: 0, vocational: 0, specialEducation: 0, total: 0 };
    for (const row of rows) {
      if (!row.county.startsWith(prefix)) continue;
      const n = Number(row.teachers);
      counts[COUNT_FIELD[row.category]] += n;
      counts.total += n;
    }
    return counts;
  });
}

export function createLoaders(dataSource: DataSource) {
  const regions = dataSource.getRepository(Region);
  const schools = dataSource.getRepository(School);
  const teachers = dataSource.getRepository(Teacher);
  const placements = dataSource.getRepository(TeacherPlacement);
  return {
    regionByCode: rowLoader((codes: readonly string[]) => regions.findBy({ code: In([...codes]) }), (r) => r.code),
    regionChildren: groupLoader(
      (codes: readonly string[]) => regions.find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } }),
      (r) => r.parentCode!,
    ),
    schoolById: rowLoader((ids: readonly string[]) => schools.findBy({ id: In([...ids]) }), (s) => s.id),
    teacherById: rowLoader((ids: readonly string[]) => teachers.findBy({ id: In([...ids]) }), (t) => t.id),
    teacherByIdNumber: rowLoader((numbers: readonly string[]) => teachers.findBy({ idNumber: In([...numbers]) }), (t) => t.idNumber),
    /** 任职经历, oldest first (the id breaks a tie of two placements from one day). */
    placementsByTeacher: groupLoader(
      (ids: readonly string[]) => placements.find({ where: { teacherId: In([...ids]) }, order: { from: 'ASC', id: 'ASC' } }),
      (p) => p.teacherId,
    ),
    /** 任职经历更正, oldest first. */
    placementCorrectionsByTeacher: groupLoader(
      (ids: readonly string[]) => dataSource.getRepository(TeacherPlacementChange).find({ where: { teacherId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (c) => c.teacherId,
    ),
    teacherCounts: new DataLoader<string, TeacherCounts>(tracedBatch('teacherCounts', (codes) => countTeachers(dataSource, codes))),
  };
}

export type TeacherLoaders = ReturnType<typeof createLoaders>;
