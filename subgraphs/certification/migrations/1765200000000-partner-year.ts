import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** 年度 of a partner pass list (issue 16): the summary sheet (附表) and feedback sheet are per year. */
export class PartnerYear1765200000000 implements MigrationInterface {
  name = 'PartnerYear1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('partner_pass_list', new TableColumn({ name: 'year', type: 'int', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('partner_pass_list', 'year');
  }
}
