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

/** Where the Jiangxi duties come from, appended to that policy's per-value sources. */
const JIANGXI_DUTIES_SOURCE = {
  field: 'duties',
  source:
    'Jiangxi county practice (seed): 县教师进修学校…负责全县教师培训学分的登记、审核与验证; 各中小学…负责本校教师培训学分的登记、审核、上报. ' +
    "That registrar, reviewer and verifier are different people, and that only verified credits count, are this product's reading.",
  confirmed: false,
};

export class CreditDuties1764500000000 implements MigrationInterface {
  name = 'CreditDuties1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('credit_policy', new TableColumn({ name: 'duties', type: 'text', isNullable: true }));
    const [jiangxi] = await queryRunner.query('SELECT sources FROM credit_policy WHERE id = ?', ['jiangxi-county-practice']);
    if (!jiangxi) return;
    const sources = [...JSON.parse(jiangxi.sources), JIANGXI_DUTIES_SOURCE];
    await queryRunner.query('UPDATE credit_policy SET duties = ?, sources = ? WHERE id = ?', [JSON.stringify(JIANGXI_DUTIES), JSON.stringify(sources), 'jiangxi-county-practice']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('credit_policy', 'duties');
  }
}
