import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * 任职经历: a teacher's placements (school and county, from and to). The registry kept only the
 * current school until now, and credits were filed there whatever their date; so each existing
 * teacher gets one open placement at the current school from the hire date, which files earlier
 * credits as before. The teacher's own id serves as that placement's id (one per teacher, and
 * SQL on both stores has no common UUID function).
 */
export class TeacherPlacements1765300000000 implements MigrationInterface {
  name = 'TeacherPlacements1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'teacher_placement',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'from_date', type: 'date' },
          { name: 'to_date', type: 'date', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('teacher_placement', new TableIndex({ name: 'idx_teacher_placement_teacher_from', columnNames: ['teacher_id', 'from_date'] }));
    await queryRunner.query(
      'INSERT INTO teacher_placement (id, teacher_id, school_id, region_code, from_date, to_date) SELECT id, id, school_id, region_code, hire_date, NULL FROM teacher',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('teacher_placement', 'idx_teacher_placement_teacher_from');
    await queryRunner.dropTable('teacher_placement');
  }
}
