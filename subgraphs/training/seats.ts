import type { DataSource, EntityManager } from 'typeorm';
import { TrainingClass } from './entities';
import { SEAT_HOLDING_STATUSES, seatViolation, type EnrollmentStatus } from './rules/enrollment';

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
export async function takeSeat(manager: EntityManager, trainingClass: TrainingClass): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(TrainingClass)
    .set({ seatsTaken: () => 'seats_taken + 1' })
    .where('id = :id AND seats_taken < capacity', { id: trainingClass.id })
    .execute();
  if (!result.affected) throw seatViolation(trainingClass.capacity, trainingClass.capacity, trainingClass.name)!;
  // Keep the caller's copy in step with the row, so a batch placing several teachers needs no re-read.
  trainingClass.seatsTaken += 1;
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

/**
 * Advisory, before any transaction: a class with every seat taken, selected by a teacher who
 * holds none of them, is refused at once with CLASS_FULL. In a selection burst most refusals
 * are these, and each would otherwise open a transaction and wait for the class row's lock
 * only to roll back. `takeSeat` stays the authority: a seat given back after this read is
 * found by the next attempt. One statement; a teacher already holding a seat goes on to the
 * transaction, which answers ALREADY_SELECTED.
 */
export async function refuseWhenVisiblyFull(dataSource: DataSource, classId: string, teacherId: string): Promise<void> {
  const [row]: { name: string; capacity: number | string; seats_taken: number | string; status: EnrollmentStatus | null }[] = await dataSource.query(
    `SELECT c.name AS name, c.capacity AS capacity, c.seats_taken AS seats_taken, e.status AS status
       FROM training_class c LEFT JOIN enrollment e ON e.class_id = c.id AND e.teacher_id = ?
      WHERE c.id = ?`,
    [teacherId, classId],
  );
  if (!row || (row.status && SEAT_HOLDING_STATUSES.includes(row.status))) return;
  const capacity = Number(row.capacity);
  if (Number(row.seats_taken) >= capacity) throw seatViolation(capacity, capacity, row.name)!;
}
