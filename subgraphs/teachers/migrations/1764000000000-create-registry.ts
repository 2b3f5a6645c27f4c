import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** Regions, schools and teachers. Written with TypeORM's table API so it runs on MySQL and SQLite alike. */
export class CreateRegistry1764000000000 implements MigrationInterface {
  name = 'CreateRegistry1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'region',
        columns: [
          { name: 'code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'level', type: 'varchar', length: '8' },
          { name: 'parent_code', type: 'varchar', length: '6', isNullable: true },
          { name: 'code_version', type: 'varchar', length: '16' },
        ],
        indices: [{ columnNames: ['parent_code'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'school',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'type', type: 'varchar', length: '24' },
          { name: 'category', type: 'varchar', length: '24' },
          { name: 'ownership', type: 'varchar', length: '8' },
          { name: 'rural', type: 'boolean' },
          { name: 'region_code', type: 'varchar', length: '6' },
        ],
        indices: [
          { columnNames: ['region_code', 'category'] },
          { columnNames: ['name', 'id'] },
        ],
      }),
    );
    await queryRunner.createForeignKey(
      'school',
      new TableForeignKey({ columnNames: ['region_code'], referencedTableName: 'region', referencedColumnNames: ['code'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'teacher',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'id_number', type: 'varchar', length: '18', isUnique: true },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'sex', type: 'varchar', length: '6' },
          { name: 'birth_date', type: 'date' },
          { name: 'phone', type: 'varchar', length: '20', isNullable: true },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'stage', type: 'varchar', length: '24' },
          { name: 'subject', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '24' },
          { name: 'hire_date', type: 'date' },
          { name: 'retirement_date', type: 'date' },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
          { name: 'updated_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
    await queryRunner.createIndices('teacher', [
      new TableIndex({ columnNames: ['school_id', 'name', 'id'] }),
      new TableIndex({ columnNames: ['region_code', 'name', 'id'] }),
      new TableIndex({ columnNames: ['name', 'id'] }),
      new TableIndex({ columnNames: ['hire_date', 'id'] }),
      new TableIndex({ columnNames: ['birth_date', 'id'] }),
      new TableIndex({ columnNames: ['retirement_date', 'id'] }),
    ]);
    await queryRunner.createForeignKey(
      'teacher',
      new TableForeignKey({ columnNames: ['school_id'], referencedTableName: 'school', referencedColumnNames: ['id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('teacher');
    await queryRunner.dropTable('school');
    await queryRunner.dropTable('region');
  }
}
