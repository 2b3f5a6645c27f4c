import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * 教师信息 `jx_jsxx` goes: the platform now asks the registry (through the graph) for a teacher's
 * 身份证号 and placement, so its own copy of the roster, which went stale, is no longer read.
 * Down brings the table back empty (its rows were a copy of the registry's).
 */
export class DropRoster1765700000000 implements MigrationInterface {
  name = 'DropRoster1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('jx_jsxx');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'jx_jsxx',
        columns: [
          { name: 'sfzh', type: 'varchar', length: '18', isPrimary: true },
          { name: 'jsbh', type: 'varchar', length: '36', isUnique: true },
          { name: 'xm', type: 'varchar', length: '64' },
        ],
      }),
    );
  }
}
