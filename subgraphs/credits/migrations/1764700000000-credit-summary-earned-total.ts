import type { MigrationInterface, QueryRunner } from 'typeorm';

const EARNED_TOTAL = 'concentrated_milli + online_milli + school_based_milli + it_practice_milli + it_online_milli + other_milli';

/**
 * Each summary row's earned total (before caps), indexed within its cycle: a teacher whose total
 * is below the smallest requirement's due share can neither meet the requirement nor be on track
 * (caps only lower what counts), so `Region.creditCompliance` judges only the rows at or above it
 * instead of scanning every teacher of the province. A virtual column the database computes from
 * the category columns, so no writer (nor the summary migration's backfill) has to know of it.
 */
export class CreditSummaryEarnedTotal1764700000000 implements MigrationInterface {
  name = 'CreditSummaryEarnedTotal1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Written by hand: TypeORM's column builder appends NULL to a generated column, which MariaDB refuses,
    // and its table reader then wants a typeorm_metadata table this project does not keep.
    const generated = queryRunner.connection.options.type === 'mysql' ? 'int AS' : 'INTEGER GENERATED ALWAYS AS';
    await queryRunner.query(`ALTER TABLE credit_summary ADD COLUMN earned_milli ${generated} (${EARNED_TOTAL}) VIRTUAL`);
    await queryRunner.query('CREATE INDEX idx_credit_summary_earned ON credit_summary (cycle_start_year, cycle_years, earned_milli)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const on = queryRunner.connection.options.type === 'mysql' ? ' ON credit_summary' : '';
    await queryRunner.query(`DROP INDEX idx_credit_summary_earned${on}`);
    await queryRunner.query('ALTER TABLE credit_summary DROP COLUMN earned_milli');
  }
}
