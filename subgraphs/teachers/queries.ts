import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { scopeCondition } from '../../kit/access';
import { badInput } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { todayInChina } from '../../kit/date';
import { paginate, type Connection, type KeysetOrder } from '../../kit/pagination';
import type { QuerySchoolsArgs, QueryTeachersArgs, TeacherFilter, TeacherOrderField } from './__generated__/resolvers-types';
import { TEACHER_SCOPE } from './access';
import { School, Teacher } from './entities';
import { regionPrefix } from '../../standards/region-code';
import { nearRetirementCutoff } from './rules/retirement';

/**
 * `LIKE` pattern for "starts with", the wildcards in user text escaped with `!`
 * (a backslash means different things to MySQL and SQLite string literals).
 */
function startsWith(text: string): string {
  return `${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

const TEACHER_ORDER: Record<TeacherOrderField, { column: string; property: keyof Teacher & string }> = {
  NAME: { column: 'teacher.name', property: 'name' },
  HIRE_DATE: { column: 'teacher.hire_date', property: 'hireDate' },
  BIRTH_DATE: { column: 'teacher.birth_date', property: 'birthDate' },
  RETIREMENT_DATE: { column: 'teacher.retirement_date', property: 'retirementDate' },
};

/** Most ids one `TeacherFilter.ids` may name: a page's worth. */
export const MAX_FILTER_IDS = 100;

function applyTeacherFilter(query: SelectQueryBuilder<Teacher>, filter: TeacherFilter): void {
  if (filter.ids) {
    if (filter.ids.length > MAX_FILTER_IDS) {
      throw badInput(`filter.ids names ${filter.ids.length} teachers; ask for at most ${MAX_FILTER_IDS} at a time.`, { field: 'filter.ids', rule: 'TOO_MANY_IDS' });
    }
    // An empty list matches no teacher, as `IN ()` would if SQL allowed it.
    if (filter.ids.length === 0) query.andWhere('1 = 0');
    else query.andWhere('teacher.id IN (:...filterIds)', { filterIds: [...filter.ids] });
  }
  if (filter.schoolType || filter.schoolCategory) query.innerJoin(School, 'school', 'school.id = teacher.school_id');
  if (filter.regionCode) {
    query.andWhere(`teacher.region_code LIKE :regionPrefix`, { regionPrefix: `${regionPrefix(filter.regionCode)}%` });
  }
  if (filter.schoolType) query.andWhere('school.type = :schoolType', { schoolType: filter.schoolType });
  if (filter.schoolCategory) query.andWhere('school.category = :schoolCategory', { schoolCategory: filter.schoolCategory });
  if (filter.schoolId) query.andWhere('teacher.school_id = :schoolId', { schoolId: filter.schoolId });
  if (filter.title) query.andWhere('teacher.title = :title', { title: filter.title });
  if (filter.stage) query.andWhere('teacher.stage = :stage', { stage: filter.stage });
  if (filter.nearRetirement !== null && filter.nearRetirement !== undefined) {
    // As isNearRetirement: serving today and retiring by the cutoff; retired teachers are not near.
    const near = 'teacher.retirement_date > :today AND teacher.retirement_date <= :cutoff';
    const today = todayInChina();
    query.andWhere(filter.nearRetirement ? `(${near})` : `NOT (${near})`, { today, cutoff: nearRetirementCutoff(today) });
  }
  if (filter.namePrefix) query.andWhere(`teacher.name LIKE :namePrefix ESCAPE '!'`, { namePrefix: startsWith(filter.namePrefix) });
}

/** Teachers the caller may see, filtered, sorted and paged. */
export function listTeachers(dataSource: DataSource, identity: Identity, args: QueryTeachersArgs): Promise<Connection<Teacher>> {
  const query = dataSource.getRepository(Teacher).createQueryBuilder('teacher');
  const scope = scopeCondition(identity, TEACHER_SCOPE);
  if (scope) query.andWhere(scope.sql, scope.params);
  applyTeacherFilter(query, args.filter ?? {});
  const keyset: KeysetOrder<Teacher> = {
    ...TEACHER_ORDER[args.orderBy?.field ?? 'NAME'],
    direction: args.orderBy?.direction ?? 'ASC',
    idColumn: 'teacher.id',
    idProperty: 'id',
  };
  return paginate(query, args, keyset);
}

export function listSchools(dataSource: DataSource, args: QuerySchoolsArgs): Promise<Connection<School>> {
  const filter = args.filter ?? {};
  const query = dataSource.getRepository(School).createQueryBuilder('school');
  if (filter.regionCode) {
    query.andWhere('school.region_code LIKE :regionPrefix', { regionPrefix: `${regionPrefix(filter.regionCode)}%` });
  }
  if (filter.type) query.andWhere('school.type = :type', { type: filter.type });
  if (filter.category) query.andWhere('school.category = :category', { category: filter.category });
  if (filter.ownership) query.andWhere('school.ownership = :ownership', { ownership: filter.ownership });
  if (filter.namePrefix) query.andWhere(`school.name LIKE :namePrefix ESCAPE '!'`, { namePrefix: startsWith(filter.namePrefix) });
  return paginate(query, args, {
    column: 'school.name',
    property: 'name',
    direction: args.orderBy?.direction ?? 'ASC',
    idColumn: 'school.id',
    idProperty: 'id',
  });
}
