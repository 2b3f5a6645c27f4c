import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Lost-certificate explanations stamped county → city → province (issue 16, Sichuan notice). */
export class LostCertificateExplanations1765300000000 implements MigrationInterface {
  name = 'LostCertificateExplanations1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'lost_certificate_explanation',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'certificate_number', type: 'varchar', length: '32' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'statement', type: 'varchar', length: '1000' },
          { name: 'stamps', type: 'text' },
        ],
        indices: [{ columnNames: ['certificate_number'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('lost_certificate_explanation');
  }
}
