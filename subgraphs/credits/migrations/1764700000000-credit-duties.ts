import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Separation of duties as policy data (rules/duties.ts), kept in the policy's `roles` JSON beside
 * the step roles as `duties`; a policy without it gets the defaults (registrar ≠ reviewer ≠
 * verifier, an institution acts on its own projects, APPROVED and VERIFIED count). Jiangxi as
 * shipped: its county teacher school acts for the county and only VERIFIED counts. Frozen here.
 */
const JIANGXI = 'jiangxi-county-practice';
const JIANGXI_DUTIES = {
  registrarMayNotReview: true,
  reviewerMayNotVerify: true,
  institutionActsAs: 'COUNTY_TEACHER_SCHOOL',
  earnedStatuses: ['VERIFIED'],
};

const JIANGXI_DUTIES_SOURCE = {
  field: 'duties',
  source:
    'Jiangxi county practice (seed): 县教师进修学校…负责全县教师培训学分的登记、审核与验证; 各中小学…负责本校教师培训学分的登记、审核、上报. ' +
    "That registrar, reviewer and verifier are different people, and that only verified credits count, are this product's reading.",
  confirmed: false,
};

async function setDuties(queryRunner: QueryRunner, duties: object | undefined): Promise<void> {
  const rows: { roles: string | null; sources: string | null }[] = await queryRunner.query('SELECT roles, sources FROM credit_policy WHERE id = ?', [JIANGXI]);
  if (rows.length === 0 || !rows[0].roles) return;
  const roles = JSON.parse(rows[0].roles) as Record<string, unknown>;
  const sources = (JSON.parse(rows[0].sources ?? '[]') as { field: string }[]).filter((s) => s.field !== 'duties');
  if (duties) {
    roles.duties = duties;
    sources.push(JIANGXI_DUTIES_SOURCE);
  } else delete roles.duties;
  await queryRunner.query('UPDATE credit_policy SET roles = ?, sources = ? WHERE id = ?', [JSON.stringify(roles), JSON.stringify(sources), JIANGXI]);
}

export class CreditDuties1764700000000 implements MigrationInterface {
  name = 'CreditDuties1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await setDuties(queryRunner, JIANGXI_DUTIES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await setDuties(queryRunner, undefined);
  }
}
