import { type DataSource, In } from 'typeorm';
import DataLoader from 'dataloader';
import { groupLoader, rowLoader } from '../shared/loaders';
import { Region, School, Teacher } from './entities';
import { descendantPrefix } from './rules/regions';
import type { SchoolCategory } from './rules/schools';

export interface TeacherCounts {
  kindergarten: number;
  primaryAndSecondary: number;
  vocational: number;
  specialEducation: number;
  total: number;
}

const COUNT_FIELD: Record<SchoolCategory, keyof Omit<TeacherCounts, 'total'>> = {
  KINDERGARTEN: 'kindergarten',
  PRIMARY_AND_SECONDARY: 'primaryAndSecondary',
  VOCATIONAL: 'vocational',
  SPECIAL_EDUCATION: 'specialEducation',
};

/**
 * Head counts for many regions at once: one GROUP BY per region level in the batch
 * (at most three queries), counted by the database, never by loading teachers.
 */
async function countTeachers(dataSource: DataSource, codes: readonly string[]): Promise<TeacherCounts[]> {
  const prefixes = codes.map(descendantPrefix);
  const counts = new Map<string, TeacherCounts>(
    prefixes.map((p) => [p, { kindergarten: 0, primaryAndSecondary: 0, vocational: 0, specialEducation: 0, total: 0 }]),
  );
  for (const length of new Set(prefixes.map((p) => p.length))) {
    const sameLevel = [...new Set(prefixes.filter((p) => p.length === length))];
    const query = dataSource
      .createQueryBuilder()
      .select(`SUBSTR(school.region_code, 1, ${length})`, 'prefix')
      .addSelect('school.category', 'category')
      .addSelect('COUNT(*)', 'teachers')
      .from(Teacher, 'teacher')
      .innerJoin(School, 'school', 'school.id = teacher.school_id');
    query.where(
      sameLevel.map((_, i) => `school.region_code LIKE :prefix${i}`).join(' OR '),
      Object.fromEntries(sameLevel.map((p, i) => [`prefix${i}`, `${p}%`])),
    );
    const rows: { prefix: string; category: SchoolCategory; teachers: string | number }[] = await query
      .groupBy(`SUBSTR(school.region_code, 1, ${length})`)
      .addGroupBy('school.category')
      .getRawMany();
    for (const row of rows) {
      const target = counts.get(row.prefix);
      if (!target) continue;
      const n = Number(row.teachers);
      target[COUNT_FIELD[row.category]] += n;
      target.total += n;
    }
  }
  return prefixes.map((p) => counts.get(p)!);
}

export function createLoaders(dataSource: DataSource) {
  const regions = dataSource.getRepository(Region);
  const schools = dataSource.getRepository(School);
  const teachers = dataSource.getRepository(Teacher);
  return {
    regionByCode: rowLoader((codes: readonly string[]) => regions.findBy({ code: In([...codes]) }), (r) => r.code),
    regionChildren: groupLoader(
      (codes: readonly string[]) => regions.find({ where: { parentCode: In([...codes]) }, order: { code: 'ASC' } }),
      (r) => r.parentCode!,
    ),
    schoolById: rowLoader((ids: readonly string[]) => schools.findBy({ id: In([...ids]) }), (s) => s.id),
    teacherById: rowLoader((ids: readonly string[]) => teachers.findBy({ id: In([...ids]) }), (t) => t.id),
    teacherByIdNumber: rowLoader((numbers: readonly string[]) => teachers.findBy({ idNumber: In([...numbers]) }), (t) => t.idNumber),
    teacherCounts: new DataLoader<string, TeacherCounts>((codes) => countTeachers(dataSource, codes)),
  };
}

export type TeacherLoaders = ReturnType<typeof createLoaders>;
