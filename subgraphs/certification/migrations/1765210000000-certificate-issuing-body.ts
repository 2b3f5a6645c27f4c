import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * 发证机构 on every certificate (issue 16, Sichuan notice 省执行办 2017 第01号: the issuing
 * institution reissues a lost certificate). Backfilled where the printed issuer says which body it
 * is, as this platform prints them: 教育部 (MINISTRY), or a province's 省教育厅 / 省级教育行政部门 (xx) (BUREAU, the province of the
 * holder's region, `510000`). Other names (institutions, centres) stay null: the name does not say
 * which institution on the platform it is, and only the explanation route is open for them.
 */
export class CertificateIssuingBody1765210000000 implements MigrationInterface {
  name = 'CertificateIssuingBody1765210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('certificate', [
      new TableColumn({ name: 'issuing_body_kind', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'issuing_body_id', type: 'varchar', length: '36', isNullable: true }),
    ]);
    await queryRunner.query(`UPDATE certificate SET issuing_body_kind = 'MINISTRY' WHERE issuer = '教育部'`);
    const provincial = `(issuer LIKE '%省教育厅' OR issuer LIKE '省级教育行政部门 (%')`;
    const provinces: { province: string }[] = await queryRunner.query(`SELECT DISTINCT SUBSTR(region_code, 1, 2) AS province FROM certificate WHERE ${provincial}`);
    for (const { province } of provinces) {
      await queryRunner.query(`UPDATE certificate SET issuing_body_kind = 'BUREAU', issuing_body_id = ? WHERE ${provincial} AND region_code LIKE ?`, [
        `${province}0000`,
        `${province}%`,
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('certificate', 'issuing_body_id');
    await queryRunner.dropColumn('certificate', 'issuing_body_kind');
  }
}
