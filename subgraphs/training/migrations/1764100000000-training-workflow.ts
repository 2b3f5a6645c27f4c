import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * The project and course-selection workflow (issue 4): declaration fields (audience, leader's
 * staff id and title level), review and change state, the seat counter of each class, and
 * what the completion feed orders by. Portable (MySQL/MariaDB and SQLite) through the Table API;
 * every new NOT NULL column has a default, so existing rows and the seed keep working.
 */
export class TrainingWorkflow1764100000000 implements MigrationInterface {
  name = 'TrainingWorkflow1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.addColumns('training_project', [
      // Comma-separated codes; empty = any (seeded projects predate the audience rule).
      new TableColumn({ name: 'audience_stages', type: 'varchar', length: '128', default: "''" }),
      new TableColumn({ name: 'audience_subjects', type: 'varchar', length: '512', default: "''" }),
      new TableColumn({ name: 'audience_regions', type: 'varchar', length: '256', default: "''" }),
      new TableColumn({ name: 'leader_staff_id', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'leader_title_level', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'rejection_reason', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'change_pending', type: 'boolean', default: '0' }),
      new TableColumn({ name: 'change_description', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'change_approved_on', type: 'date', isNullable: true }),
    ]);
    await queryRunner.createIndex('training_project', new TableIndex({ columnNames: ['term', 'institution_id'] }));
    await queryRunner.createIndex('training_project', new TableIndex({ columnNames: ['term', 'leader_staff_id'] }));

    await queryRunner.addColumns('training_class', [
      // Seats held (see rules/enrollment SEAT_HOLDING_STATUSES), kept by conditional updates.
      new TableColumn({ name: 'seats_taken', type: 'int', default: '0' }),
      new TableColumn({ name: 'schedule', type: 'text', isNullable: true }),
    ]);
    await queryRunner.query(
      `UPDATE training_class SET seats_taken = (SELECT COUNT(*) FROM enrollment e WHERE e.class_id = training_class.id
         AND e.status IN ('SELECTED', 'SCHOOL_APPROVED', 'CONFIRMED', 'COMPLETED', 'FAILED'))`,
    );
    // The backfill counts truthfully. Before this migration a SELECTED enrollment held no seat,
    // so an old database may now show a class above capacity: it then shows 0 seats left and
    // takes no selection (the conditional update in seats.ts) until it is below capacity again.
    // For that reason there is no CHECK (seats_taken <= capacity) here: it would fail such data.

    await queryRunner.addColumns('enrollment', [
      // When the completion was recorded (ISO 8601 UTC, ms): the completion feed's order.
      new TableColumn({ name: 'completed_at', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'decision_reason', type: 'varchar', length: '500', isNullable: true }),
      // Who assigned a round-0 enrollment (选派): SCHOOL_ADMIN or a bureau role.
      new TableColumn({ name: 'assigned_by', type: 'varchar', length: '16', isNullable: true }),
    ]);
    await queryRunner.query(
      mysql
        ? `UPDATE enrollment SET completed_at = CONCAT(completed_on, 'T00:00:00.000Z') WHERE status = 'COMPLETED' AND completed_on IS NOT NULL`
        : `UPDATE enrollment SET completed_at = completed_on || 'T00:00:00.000Z' WHERE status = 'COMPLETED' AND completed_on IS NOT NULL`,
    );
    await queryRunner.createIndex('enrollment', new TableIndex({ columnNames: ['status', 'completed_at', 'id'] }));
    await queryRunner.createIndex('enrollment', new TableIndex({ columnNames: ['teacher_id', 'round'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['completed_at', 'decision_reason', 'assigned_by']) await queryRunner.dropColumn('enrollment', name);
    for (const name of ['seats_taken', 'schedule']) await queryRunner.dropColumn('training_class', name);
    for (const name of [
      'audience_stages',
      'audience_subjects',
      'audience_regions',
      'leader_staff_id',
      'leader_title_level',
      'rejection_reason',
      'change_pending',
      'change_description',
      'change_approved_on',
    ]) {
      await queryRunner.dropColumn('training_project', name);
    }
  }
}
