import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** 任职经历更正: the audit of corrections to teachers' placement histories (`correctPlacement`). */
export class PlacementChanges1765451000000 implements MigrationInterface {
  name = 'PlacementChanges1765451000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'teacher_placement_change',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'actor_id', type: 'varchar', length: '128' },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'at', type: 'varchar', length: '24' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'from_date', type: 'date' },
          { name: 'to_date', type: 'date' },
          { name: 'history_before', type: 'text' },
          { name: 'history_after', type: 'text' },
        ],
      }),
    );
    await queryRunner.createIndex('teacher_placement_change', new TableIndex({ name: 'idx_teacher_placement_change_teacher', columnNames: ['teacher_id', 'at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('teacher_placement_change', 'idx_teacher_placement_change_teacher');
    await queryRunner.dropTable('teacher_placement_change');
  }
}
