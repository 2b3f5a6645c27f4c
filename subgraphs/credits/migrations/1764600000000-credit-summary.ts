import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The credit summary (学分汇总, summaries.ts): one row per teacher and cycle, which
 * `Region.creditCompliance` reads instead of every record (a province took 6.9 s over 6.9 M
 * records; BENCHMARKS.md). The primary key orders rows as the count reads them (cycle, then
 * region code); the teacher index serves the writes. `credit_summary_lock` holds fixed rows
 * that writers lock, by a hash of the teacher, so that changes to one teacher's summary
 * follow each other. Existing records are summarised after the migrations by the credits
 * subgraph's `afterMigrations` (the rebuild `npm run rebuild:credit-summaries` runs), which
 * is live code: a migration is history and imports none.
 */
/** The lock rows of summaries.ts's SUMMARY_LOCK_BUCKETS when this migration was written. */
const SUMMARY_LOCK_BUCKETS = 1024;

export class CreditSummary1764600000000 implements MigrationInterface {
  name = 'CreditSummary1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const milli = (name: string) => ({ name, type: 'int', default: 0 });
    await queryRunner.createTable(
      new Table({
        name: 'credit_summary',
        columns: [
          { name: 'cycle_start_year', type: 'int', isPrimary: true },
          { name: 'cycle_years', type: 'int', isPrimary: true },
          { name: 'region_code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'teacher_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'school_category', type: 'varchar', length: '24', isNullable: true },
          // Earned per credit category, then per year of the cycle (summary-columns.ts).
          ...['concentrated', 'online', 'school_based', 'it_practice', 'it_online', 'other'].map((category) => milli(`${category}_milli`)),
          ...Array.from({ length: 10 }, (_, i) => milli(`year${i + 1}_milli`)),
          milli('pending_milli'),
          { name: 'earned_records', type: 'int', default: 0 },
        ],
        indices: [{ name: 'idx_credit_summary_teacher', columnNames: ['teacher_id'] }],
      }),
    );
    await queryRunner.createTable(new Table({ name: 'credit_summary_lock', columns: [{ name: 'bucket', type: 'int', isPrimary: true }] }));
    const buckets = Array.from({ length: SUMMARY_LOCK_BUCKETS }, (_, i) => i);
    await queryRunner.query(`INSERT INTO credit_summary_lock (bucket) VALUES ${buckets.map(() => '(?)').join(', ')}`, buckets);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('credit_summary_lock');
    await queryRunner.dropTable('credit_summary');
  }
}
