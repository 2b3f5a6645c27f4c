import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Statistics tables filed by bureaus (issue 16): stored only when clean or with their discrepancies accepted. */
export class StatisticsIntake1765100000000 implements MigrationInterface {
  name = 'StatisticsIntake1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'statistics_table',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'year', type: 'int' },
          { name: 'submitted_by', type: 'varchar', length: '160' },
          { name: 'submitted_at', type: 'varchar', length: '24' },
          { name: 'accepted_discrepancies', type: 'int' },
          { name: 'content', type: 'text' },
        ],
        indices: [{ columnNames: ['region_code'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('statistics_table');
  }
}
