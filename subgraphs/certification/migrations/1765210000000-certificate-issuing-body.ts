import type { MigrationInterface, QueryRunner } from 'typeorm';

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
    // Plain ALTER TABLE: TypeORM rebuilds a SQLite table to add a column, from a cached copy that
    // lacks the coverage index made in plain SQL (1764200000000), and would drop that index.
    await queryRunner.query('ALTER TABLE certificate ADD COLUMN issuing_body_kind varchar(16) NULL');
    await queryRunner.query('ALTER TABLE certificate ADD COLUMN issuing_body_id varchar(36) NULL');
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
    await queryRunner.query('ALTER TABLE certificate DROP COLUMN issuing_body_id');
    await queryRunner.query('ALTER TABLE certificate DROP COLUMN issuing_body_kind');
  }
}
