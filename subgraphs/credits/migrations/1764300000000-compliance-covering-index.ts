import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const COVERING_COLUMNS = ['region_code', 'teacher_id', 'status', 'earned_on', 'category', 'credits_milli', 'school_category'];
const TEACHER_COLUMNS = ['teacher_id', 'earned_on', 'status'];

/**
 * `Region.creditCompliance` reads every earned record of a region's cycle. With the old
 * index `(region_code, teacher_id, status)` MariaDB looked up each row in the table and
 * sorted millions of rows into a temporary table by teacher; a city took over a minute on
 * the Sichuan-sized bench database. The covering index holds every column the query reads,
 * in the order it groups by (county, then teacher), so the sums stream off the index alone.
 *
 * The teacher index gains `region_code`, so finding the records a region's teachers filed
 * elsewhere (teachers who moved) filters on the index and reads only those rows. It still
 * serves the per-teacher account reads it was made for.
 */
export class ComplianceCoveringIndex1764300000000 implements MigrationInterface {
  name = 'ComplianceCoveringIndex1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'idx_credit_record_compliance_cover', columnNames: COVERING_COLUMNS }));
    await queryRunner.dropIndex('credit_record', 'IDX_credit_record_compliance');
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'idx_credit_record_teacher_region', columnNames: [...TEACHER_COLUMNS, 'region_code'] }));
    await dropIndexOn(queryRunner, TEACHER_COLUMNS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('credit_record', new TableIndex({ columnNames: TEACHER_COLUMNS }));
    await queryRunner.dropIndex('credit_record', 'idx_credit_record_teacher_region');
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'IDX_credit_record_compliance', columnNames: ['region_code', 'teacher_id', 'status'] }));
    await queryRunner.dropIndex('credit_record', 'idx_credit_record_compliance_cover');
  }
}

/** The initial migration let TypeORM name its indexes, so this one is found by its columns. */
async function dropIndexOn(queryRunner: QueryRunner, columnNames: string[]): Promise<void> {
  const table = await queryRunner.getTable('credit_record');
  const index = table?.indices.find((i) => i.columnNames.join() === columnNames.join());
  if (!index) throw new Error(`credit_record has no index on (${columnNames.join(', ')})`);
  await queryRunner.dropIndex(table!, index);
}
