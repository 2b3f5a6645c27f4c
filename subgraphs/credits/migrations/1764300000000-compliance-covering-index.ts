import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * `Region.creditCompliance` reads every earned record of a region's cycle. With the old
 * index `(region_code, teacher_id, status)` MariaDB looked up each row in the table and
 * sorted millions of rows into a temporary table by teacher; a city took over a minute on the
 * Sichuan-sized bench database. This index holds every column the query reads, in the order
 * it groups by (county, then teacher), so the sums stream off the index alone (BENCHMARKS.md).
 */
export class ComplianceCoveringIndex1764300000000 implements MigrationInterface {
  name = 'ComplianceCoveringIndex1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'credit_record',
      new TableIndex({
        name: 'idx_credit_record_compliance_cover',
        columnNames: ['region_code', 'teacher_id', 'status', 'earned_on', 'category', 'credits_milli', 'school_category'],
      }),
    );
    await queryRunner.dropIndex('credit_record', 'IDX_credit_record_compliance');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'IDX_credit_record_compliance', columnNames: ['region_code', 'teacher_id', 'status'] }));
    await queryRunner.dropIndex('credit_record', 'idx_credit_record_compliance_cover');
  }
}
