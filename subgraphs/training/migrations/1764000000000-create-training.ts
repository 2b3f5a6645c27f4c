import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';

/** Institutions, projects, classes and enrollments, with TypeORM's portable table API. */
export class CreateTraining1764000000000 implements MigrationInterface {
  name = 'CreateTraining1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'institution',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'accredited_since', type: 'date' },
        ],
        indices: [{ columnNames: ['name', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'training_project',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code', type: 'varchar', length: '32', isUnique: true },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'level', type: 'varchar', length: '16' },
          { name: 'mode', type: 'varchar', length: '8' },
          { name: 'total_credits_milli', type: 'int' },
          { name: 'online_credits_milli', type: 'int' },
          { name: 'term', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'leader_name', type: 'varchar', length: '64' },
          { name: 'leader_title', type: 'varchar', length: '32' },
          { name: 'fee_training_milli', type: 'int' },
          { name: 'fee_accommodation_milli', type: 'int' },
          { name: 'fee_meals_milli', type: 'int' },
          { name: 'institution_id', type: 'varchar', length: '36' },
        ],
        indices: [{ columnNames: ['institution_id', 'code'] }, { columnNames: ['status', 'code'] }],
        foreignKeys: [{ columnNames: ['institution_id'], referencedTableName: 'institution', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'training_class',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'project_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'starts_on', type: 'date' },
          { name: 'ends_on', type: 'date' },
          { name: 'capacity', type: 'int' },
          { name: 'schedule_published_on', type: 'date', isNullable: true },
        ],
        indices: [{ columnNames: ['project_id', 'starts_on'] }],
        foreignKeys: [{ columnNames: ['project_id'], referencedTableName: 'training_project', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'enrollment',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'institution_id', type: 'varchar', length: '36' },
          { name: 'class_id', type: 'varchar', length: '36' },
          { name: 'round', type: 'int' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'selected_on', type: 'date' },
          { name: 'hours_attended_milli', type: 'int', isNullable: true },
          { name: 'online_hours_milli', type: 'int', isNullable: true },
          { name: 'completed_on', type: 'date', isNullable: true },
        ],
        indices: [
          { columnNames: ['teacher_id', 'class_id'], isUnique: true },
          { columnNames: ['class_id', 'status'] },
          { columnNames: ['school_id', 'status'] },
          { columnNames: ['region_code'] },
          { columnNames: ['institution_id', 'status'] },
        ],
      }),
    );
    await queryRunner.createForeignKey(
      'enrollment',
      new TableForeignKey({ columnNames: ['class_id'], referencedTableName: 'training_class', referencedColumnNames: ['id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('enrollment');
    await queryRunner.dropTable('training_class');
    await queryRunner.dropTable('training_project');
    await queryRunner.dropTable('institution');
  }
}
