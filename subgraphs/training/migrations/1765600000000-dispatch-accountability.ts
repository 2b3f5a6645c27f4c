import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * 选派问责: who dispatched a teacher (the assigning user, beside the role kept already), and an
 * index for counting a region's dispatches (round 0) per school over a period.
 */
export class DispatchAccountability1765600000000 implements MigrationInterface {
  name = 'DispatchAccountability1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('enrollment', new TableColumn({ name: 'assigned_by_subject', type: 'varchar', length: '128', isNullable: true }));
    await queryRunner.createIndex('enrollment', new TableIndex({ name: 'idx_enrollment_dispatch', columnNames: ['round', 'region_code', 'selected_on'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('enrollment', 'idx_enrollment_dispatch');
    await queryRunner.dropColumn('enrollment', 'assigned_by_subject');
  }
}
