import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * `Region.creditCompliance` reads the credit summary now, not the records, so the seven-column
 * covering index built for it (`1764300000000`) serves no query and only costs every record
 * write: an import updated it for each of its rows. Region-scoped record lists use
 * `(region_code, earned_on)`.
 */
export class DropComplianceCoveringIndex1764800000000 implements MigrationInterface {
  name = 'DropComplianceCoveringIndex1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('credit_record', 'idx_credit_record_compliance_cover');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'credit_record',
      new TableIndex({
        name: 'idx_credit_record_compliance_cover',
        columnNames: ['region_code', 'teacher_id', 'status', 'earned_on', 'category', 'credits_milli', 'school_category'],
      }),
    );
  }
}
