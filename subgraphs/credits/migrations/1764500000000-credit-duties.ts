import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Separation of duties as policy data (rules/duties.ts): `credit_policy.duties`, null meaning the
 * defaults (registrar ≠ reviewer ≠ verifier, an institution acts on its own projects, APPROVED and
 * VERIFIED count). Jiangxi as shipped: its county teacher school acts for the county and only
 * VERIFIED counts. Frozen here as shipped on this date.
 */
const JIANGXI_DUTIES = {
  registrarMayNotReview: true,
  reviewerMayNotVerify: true,
  institutionActsAs: 'COUNTY_TEACHER_SCHOOL',
  earnedStatuses: ['VERIFIED'],
};

export class CreditDuties1764500000000 implements MigrationInterface {
  name = 'CreditDuties1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('credit_policy', new TableColumn({ name: 'duties', type: 'text', isNullable: true }));
    await queryRunner.query('UPDATE credit_policy SET duties = ? WHERE id = ?', [JSON.stringify(JIANGXI_DUTIES), 'jiangxi-county-practice']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('credit_policy', 'duties');
  }
}
