import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Certificates, with TypeORM's portable table API. */
export class CreateCertificates1764000000000 implements MigrationInterface {
  name = 'CreateCertificates1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'certificate',
        columns: [
          { name: 'number', type: 'varchar', length: '32', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'issuer', type: 'varchar', length: '128' },
          { name: 'issued_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '16' },
          // One replacement per certificate: a second reissue of the same number fails.
          { name: 'replaces_number', type: 'varchar', length: '32', isNullable: true, isUnique: true },
        ],
        indices: [{ columnNames: ['teacher_id', 'issued_on'] }, { columnNames: ['kind', 'status'] }],
        foreignKeys: [{ columnNames: ['replaces_number'], referencedTableName: 'certificate', referencedColumnNames: ['number'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('certificate');
  }
}
