import { type DataSource, In } from 'typeorm';
import { compositeLoader, groupLoader, rowLoader } from '../../kit/loaders';
import type { EnrollmentStatus } from './__generated__/resolvers-types';
import { Enrollment, EnrollmentNotice, Institution, ProjectTrainer, TrainingClass, TrainingProject } from './entities';
import { loadTrainingPolicies } from './policies-store';
import { QUOTA_COUNTED_STATUSES } from './rules/declaration';
import { AWAITING_SCHOOL_REVIEW } from './rules/enrollment';

/** Enrollments waiting for the institution's re-check (确认). */
const AWAITING_INSTITUTION_RECHECK: EnrollmentStatus = 'SCHOOL_APPROVED';

interface EnrollmentsOf {
  ownerId: string;
  status: EnrollmentStatus | null;
}

/**
 * Enrollments of many teachers (or classes) in one query per distinct status filter
 * in the batch, newest first.
 */
function enrollmentsLoader(dataSource: DataSource, column: 'teacherId' | 'classId') {
  return compositeLoader<EnrollmentsOf, Enrollment[]>(async (keys) => {
    const byKey = new Map<string, Enrollment[]>(keys.map((k) => [JSON.stringify(k), []]));
    const statuses = [...new Set(keys.map((k) => k.status))];
    for (const status of statuses) {
      const owners = keys.filter((k) => k.status === status).map((k) => k.ownerId);
      const rows = await dataSource.getRepository(Enrollment).find({
        where: { [column]: In(owners), ...(status ? { status } : {}) },
        order: { selectedOn: 'DESC', id: 'ASC' },
      });
      for (const row of rows) byKey.get(JSON.stringify({ ownerId: row[column], status }))?.push(row);
    }
    return keys.map((k) => byKey.get(JSON.stringify(k)) ?? []);
  });
}

interface DeclarationsOf {
  institutionId: string;
  term: string;
  /** Levels counted against the quota (rules/declaration `countsAgainstQuota`). */
  levels: readonly string[];
}

/** Declarations counted against each (institution, term) quota: one grouped query per batch. */
async function countDeclarations(dataSource: DataSource, keys: readonly DeclarationsOf[]): Promise<number[]> {
  const rows: { institutionId: string; term: string; level: string; declared: string | number }[] = await dataSource
    .getRepository(TrainingProject)
    .createQueryBuilder('project')
    .select('project.institution_id', 'institutionId')
    .addSelect('project.term', 'term')
    .addSelect('project.level', 'level')
    .addSelect('COUNT(*)', 'declared')
    .where('project.institution_id IN (:...institutionIds)', { institutionIds: [...new Set(keys.map((k) => k.institutionId))] })
    .andWhere('project.term IN (:...terms)', { terms: [...new Set(keys.map((k) => k.term))] })
    .andWhere('project.status IN (:...statuses)', { statuses: QUOTA_COUNTED_STATUSES })
    .groupBy('project.institution_id')
    .addGroupBy('project.term')
    .addGroupBy('project.level')
    .getRawMany();
  return keys.map((k) =>
    rows
      .filter((r) => r.institutionId === k.institutionId && r.term === k.term && k.levels.includes(r.level))
      .reduce((sum, r) => sum + Number(r.declared), 0),
  );
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}

export function createLoaders(dataSource: DataSource) {
  const institutions = dataSource.getRepository(Institution);
  const projects = dataSource.getRepository(TrainingProject);
  const classes = dataSource.getRepository(TrainingClass);
  const enrollments = dataSource.getRepository(Enrollment);
  return {
    institutionById: rowLoader((ids: readonly string[]) => institutions.findBy({ id: In([...ids]) }), (i) => i.id),
    projectById: rowLoader((ids: readonly string[]) => projects.findBy({ id: In([...ids]) }), (p) => p.id),
    projectsByInstitution: groupLoader(
      (ids: readonly string[]) => projects.find({ where: { institutionId: In([...ids]) }, order: { code: 'ASC' } }),
      (p) => p.institutionId,
    ),
    classById: rowLoader((ids: readonly string[]) => classes.findBy({ id: In([...ids]) }), (c) => c.id),
    classesByProject: groupLoader(
      (ids: readonly string[]) => classes.find({ where: { projectId: In([...ids]) }, order: { startsOn: 'ASC', id: 'ASC' } }),
      (c) => c.projectId,
    ),
    enrollmentById: rowLoader((ids: readonly string[]) => enrollments.findBy({ id: In([...ids]) }), (e) => e.id),
    enrollmentsByTeacher: enrollmentsLoader(dataSource, 'teacherId'),
    enrollmentsByClass: enrollmentsLoader(dataSource, 'classId'),
    pendingReviewsBySchool: groupLoader(
      (ids: readonly string[]) =>
        enrollments.find({
          where: { schoolId: In([...ids]), status: AWAITING_SCHOOL_REVIEW },
          order: { selectedOn: 'ASC', id: 'ASC' },
        }),
      (e) => e.schoolId,
    ),
    pendingRechecksByInstitution: groupLoader(
      (ids: readonly string[]) =>
        enrollments.find({
          where: { institutionId: In([...ids]), status: AWAITING_INSTITUTION_RECHECK },
          order: { selectedOn: 'ASC', id: 'ASC' },
        }),
      (e) => e.institutionId,
    ),
    trainersByProject: groupLoader(
      (ids: readonly string[]) => dataSource.getRepository(ProjectTrainer).find({ where: { projectId: In([...ids]) }, order: { name: 'ASC', id: 'ASC' } }),
      (t) => t.projectId,
    ),
    noticesByEnrollment: groupLoader(
      (ids: readonly string[]) => dataSource.getRepository(EnrollmentNotice).find({ where: { enrollmentId: In([...ids]) }, order: { sentOn: 'ASC', id: 'ASC' } }),
      (n) => n.enrollmentId,
    ),
    declarationsInTerm: compositeLoader<DeclarationsOf, number>((keys) => countDeclarations(dataSource, keys)),
    /** Every training policy, read once per request (a few rows per province). */
    trainingPolicies: once(() => loadTrainingPolicies(dataSource)),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;
