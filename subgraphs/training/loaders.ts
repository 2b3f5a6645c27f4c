import { type DataSource, In } from 'typeorm';
import DataLoader from 'dataloader';
import { compositeLoader, groupLoader, rowLoader } from '../shared/loaders';
import { Enrollment, Institution, TrainingClass, TrainingProject } from './entities';
import { AWAITING_SCHOOL_REVIEW, SEAT_HOLDING_STATUSES, type EnrollmentStatus } from './rules/enrollment';

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

/** Seats held per class, counted by the database. */
async function countSeatsTaken(dataSource: DataSource, classIds: readonly string[]): Promise<number[]> {
  const rows: { classId: string; seats: string | number }[] = await dataSource
    .getRepository(Enrollment)
    .createQueryBuilder('enrollment')
    .select('enrollment.class_id', 'classId')
    .addSelect('COUNT(*)', 'seats')
    .where('enrollment.class_id IN (:...classIds)', { classIds })
    .andWhere('enrollment.status IN (:...statuses)', { statuses: SEAT_HOLDING_STATUSES })
    .groupBy('enrollment.class_id')
    .getRawMany();
  const seats = new Map(rows.map((r) => [r.classId, Number(r.seats)]));
  return classIds.map((id) => seats.get(id) ?? 0);
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
    seatsTaken: new DataLoader<string, number>((ids) => countSeatsTaken(dataSource, ids)),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;
