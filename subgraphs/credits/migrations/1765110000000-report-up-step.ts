import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 上报 as a step of its own (rules/duties.ts `reportedBy`): Jiangxi's schools report the credits
 * they reviewed up to the county teacher school, which verifies only reported records. Frozen here
 * as shipped on this date; other policies keep no such step.
 */
const JIANGXI_REPORTED_BY = ['SCHOOL_ADMIN'];

const JIANGXI_REPORT_SOURCE = {
  field: 'duties.reportedBy',
  source:
    'Jiangxi county practice (seed): 各中小学…负责本校教师培训学分的登记、审核、上报 — a school reports (上报) the credits it reviewed to the county teacher school. ' +
    "That the county teacher school verifies only reported records is this product's reading.",
  confirmed: false,
};

export class ReportUpStep1765110000000 implements MigrationInterface {
  name = 'ReportUpStep1765110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [jiangxi] = await queryRunner.query('SELECT duties, sources FROM credit_policy WHERE id = ?', ['jiangxi-county-practice']);
    if (!jiangxi?.duties) return;
    const duties = { ...JSON.parse(jiangxi.duties), reportedBy: JIANGXI_REPORTED_BY };
    const sources = [...JSON.parse(jiangxi.sources), JIANGXI_REPORT_SOURCE];
    await queryRunner.query('UPDATE credit_policy SET duties = ?, sources = ? WHERE id = ?', [JSON.stringify(duties), JSON.stringify(sources), 'jiangxi-county-practice']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [jiangxi] = await queryRunner.query('SELECT duties, sources FROM credit_policy WHERE id = ?', ['jiangxi-county-practice']);
    if (!jiangxi?.duties) return;
    const { reportedBy: _reportedBy, ...duties } = JSON.parse(jiangxi.duties);
    const sources = (JSON.parse(jiangxi.sources) as { field: string }[]).filter((s) => s.field !== JIANGXI_REPORT_SOURCE.field);
    await queryRunner.query('UPDATE credit_policy SET duties = ?, sources = ? WHERE id = ?', [JSON.stringify(duties), JSON.stringify(sources), 'jiangxi-county-practice']);
  }
}
