import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';
import { dropCertificateIndex } from './drop-index';

/**
 * The IT capability programme (pre-assessments, city-office reviews), number series counters,
 * partner-programme pass lists with their audit trail, coverage targets; and on `certificate`
 * the holder's name (printed, and checked on public verification), school category at issue
 * (coverage statistics), development-assessment level and the reason of a revocation or reissue.
 */
export class CertificationProgramme1764100000000 implements MigrationInterface {
  name = 'CertificationProgramme1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('certificate', [
      new TableColumn({ name: 'holder_name', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'school_category', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'level', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'status_reason', type: 'varchar', length: '255', isNullable: true }),
    ]);
    await queryRunner.query('CREATE INDEX idx_certificate_coverage ON certificate (kind, status, region_code, school_category)');
    await queryRunner.createTable(
      new Table({
        name: 'certificate_series',
        columns: [
          { name: 'prefix', type: 'varchar', length: '16', isPrimary: true },
          { name: 'last_sequence', type: 'int' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'it_pre_assessment',
        columns: [
          { name: 'teacher_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'programme_id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'assessed_on', type: 'date' },
          { name: 'recorded_by', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'it_completion_review',
        columns: [
          { name: 'teacher_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'programme_id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'holder_name', type: 'varchar', length: '64' },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'school_category', type: 'varchar', length: '32' },
          { name: 'online_hours_milli', type: 'bigint' },
          { name: 'practice_hours_milli', type: 'bigint' },
          { name: 'pre_assessment_done', type: 'boolean' },
          { name: 'retirement_date', type: 'date', isNullable: true },
          { name: 'reviewed_on', type: 'date' },
          { name: 'reviewed_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'reviewer_region', type: 'varchar', length: '6' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'partner_pass_list',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'programme', type: 'varchar', length: '128' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'partner_pass_entry',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'list_id', type: 'varchar', length: '36' },
          { name: 'position', type: 'int' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'id_number', type: 'varchar', length: '18' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'partner_certificate_number', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'teacher_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'school_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'school_category', type: 'varchar', length: '32', isNullable: true },
          { name: 'certificate_number', type: 'varchar', length: '32', isNullable: true },
        ],
        uniques: [{ columnNames: ['list_id', 'position'] }],
        indices: [{ columnNames: ['list_id', 'region_code'] }],
        foreignKeys: [{ columnNames: ['list_id'], referencedTableName: 'partner_pass_list', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'partner_pass_audit',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'list_id', type: 'varchar', length: '36' },
          { name: 'entry_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'action', type: 'varchar', length: '32' },
          { name: 'actor_role', type: 'varchar', length: '24' },
          { name: 'actor', type: 'varchar', length: '64', isNullable: true },
          { name: 'actor_region', type: 'varchar', length: '6', isNullable: true },
          { name: 'at', type: 'varchar', length: '32' },
          { name: 'before_status', type: 'varchar', length: '24', isNullable: true },
          { name: 'after_status', type: 'varchar', length: '24', isNullable: true },
        ],
        indices: [{ columnNames: ['list_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'it_programme_target',
        columns: [
          { name: 'region_code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'year', type: 'int', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '8' },
          // RATE: basis points; COUNT: teachers.
          { name: 'value', type: 'int' },
          { name: 'aim', type: 'int', isNullable: true },
          { name: 'source', type: 'varchar', length: '255' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['it_programme_target', 'partner_pass_audit', 'partner_pass_entry', 'partner_pass_list', 'it_completion_review', 'it_pre_assessment', 'certificate_series']) {
      await queryRunner.dropTable(table);
    }
    await queryRunner.query(dropCertificateIndex(queryRunner, 'idx_certificate_coverage'));
    for (const column of ['status_reason', 'level', 'school_category', 'holder_name']) await queryRunner.dropColumn('certificate', column);
  }
}
