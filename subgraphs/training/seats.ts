import type { DataSource, EntityManager } from 'typeorm';
import { hydrate, selectColumns } from '../../kit/data-source';
import { type DomainError, notFound } from '../../kit/errors';
import { Enrollment, TrainingClass, TrainingPolicyRecord, TrainingProject } from './entities';
import { seatViolation } from './rules/enrollment';

/**
 * The seat mechanism: a counter on the class row, changed only by conditional UPDATEs inside
 * the transaction that also writes the enrollment.
 *
 *   UPDATE training_class SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity
 *
 * The database evaluates the condition and the increment atomically on the row (InnoDB takes
 * the row's exclusive lock and re-reads the latest committed value; SQLite serialises writers),
 * so concurrent selections cannot both see the last seat: exactly one matches, the others match
 * 0 rows and get CLASS_FULL. The lock is held until the enrollment insert commits, and if that
 * insert fails (a duplicate) the increment rolls back with it. Chosen over COUNT(*) + row lock
 * because it is one statement, works the same on MySQL/MariaDB and SQLite, and makes
 * `seatsTaken` a column read instead of a count. (No CHECK constraint besides: databases
 * from before the migration may hold legacy over-full classes, see the migration.)
 *
 * Which statuses hold a seat is the rule's `SEAT_HOLDING_STATUSES` (a selection takes one).
 */
export async function takeSeat(manager: EntityManager, trainingClass: TrainingClass, held: HeldSeats | null = null): Promise<void> {
  // Hand-written: this is the hot path of a selection burst, where the query builder cost more CPU than the statement.
  const result = held
    ? await manager.queryRunner!.query('UPDATE training_class SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity AND seats_taken < ?', [trainingClass.id, held.limit], true)
    : await manager.queryRunner!.query('UPDATE training_class SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < capacity', [trainingClass.id], true);
  if (!result.affected) {
    if (!held) throw seatViolation(trainingClass.capacity, trainingClass.capacity, trainingClass.name)!;
    // Which condition failed: the class is full, or only the held seats are free.
    const [row] = (await manager.queryRunner!.query('SELECT seats_taken AS taken FROM training_class WHERE id = ?', [trainingClass.id])) as { taken: number | string }[];
    const taken = Number(row?.taken ?? trainingClass.capacity);
    throw seatViolation(taken, trainingClass.capacity, trainingClass.name) ?? held.refusal({ name: trainingClass.name, capacity: trainingClass.capacity, seatsTaken: taken });
  }
  // Keep the caller's copy in step with the row, so a batch placing several teachers needs no re-read.
  trainingClass.seatsTaken += 1;
}

/**
 * Seats a placement may not fill (名额预留, rules/reserved-places): it may take a seat only while
 * fewer than `limit` are taken; `refusal` says why when only held seats are free.
 */
export interface HeldSeats {
  limit: number;
  refusal: (trainingClass: { name: string; capacity: number; seatsTaken: number }) => DomainError;
}

/** Gives a seat back (rejection, decline, withdrawal), in the transaction that changes the enrollment. */
export async function releaseSeat(manager: EntityManager, classId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(TrainingClass)
    .set({ seatsTaken: () => 'seats_taken - 1' })
    .where('id = :id AND seats_taken > 0', { id: classId })
    .execute();
}

/** What a selection is judged on (see `selectionContext`). */
export interface SelectionContext {
  trainingClass: TrainingClass;
  project: TrainingProject;
  /** The teacher's enrollment in the class, or null when there is none. */
  existing: Enrollment | null;
  /** The county of the institution running the class: its province's policy applies. */
  institutionRegionCode: string;
  /** The dates of that province's policy versions, to choose the one in force (policies-store `chooseTrainingPolicy`). */
  policyVersions: TrainingPolicyRecord[];
}

/**
 * What a selection is judged on, in one statement and outside any transaction: the class, its
 * project, the institution's county, the dates of its province's policy versions (one row per
 * version) and the teacher's enrollment in the class. The seat count read here is advisory (a
 * full class is refused without a transaction); `takeSeat` decides. Hand-written rather than
 * built, and one statement rather than four: the selection burst's profile showed TypeORM's query
 * building and the round trips above the statements themselves.
 */
export async function selectionContext(dataSource: DataSource, classId: string, teacherId: string): Promise<SelectionContext> {
  const rows: Record<string, unknown>[] = await dataSource.query(
    `SELECT ${selectColumns(dataSource, TrainingClass, 'c', 'c_')}, ${selectColumns(dataSource, TrainingProject, 'p', 'p_')}, ${selectColumns(dataSource, Enrollment, 'e', 'e_')},
            i.region_code AS i_region_code, v.id AS v_id, v.province_code AS v_province_code, v.effective_from AS v_effective_from, v.recorded_at AS v_recorded_at
     FROM training_class c
     JOIN training_project p ON p.id = c.project_id
     JOIN institution i ON i.id = p.institution_id
     LEFT JOIN training_policy v ON v.province_code = SUBSTR(i.region_code, 1, 2)
     LEFT JOIN enrollment e ON e.class_id = c.id AND e.teacher_id = ?
     WHERE c.id = ?`,
    [teacherId, classId],
  );
  if (rows.length === 0) throw notFound('TrainingClass', classId);
  return {
    trainingClass: hydrate(dataSource, TrainingClass, rows[0], 'c_')!,
    project: hydrate(dataSource, TrainingProject, rows[0], 'p_')!,
    existing: hydrate(dataSource, Enrollment, rows[0], 'e_'),
    institutionRegionCode: String(rows[0].i_region_code),
    policyVersions: rows.map((row) => hydrate(dataSource, TrainingPolicyRecord, row, 'v_')).filter((v): v is TrainingPolicyRecord => v !== null),
  };
}
