import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * The rest of Zhejiang's training rules (issue 16): trainers (专家) entered at declaration,
 * bureaus' quality spot checks (抽查) of institutions, and notices to enrolled teachers when an
 * approved change lets them withdraw.
 */
export class ProvinceTrainingRules1765200000000 implements MigrationInterface {
  name = 'ProvinceTrainingRules1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'project_trainer',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'project_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '64' },
          { name: 'title', type: 'varchar', length: '32' },
          { name: 'organisation', type: 'varchar', length: '128' },
          { name: 'topic', type: 'varchar', length: '128', isNullable: true },
        ],
        indices: [{ columnNames: ['project_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'spot_check',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'institution_id', type: 'varchar', length: '36' },
          { name: 'project_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'checked_on', type: 'date' },
          { name: 'result', type: 'varchar', length: '8' },
          { name: 'findings', type: 'varchar', length: '1000' },
          { name: 'checked_by', type: 'varchar', length: '160' },
        ],
        indices: [{ columnNames: ['institution_id', 'checked_on'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'enrollment_notice',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enrollment_id', type: 'varchar', length: '36' },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'message', type: 'varchar', length: '600' },
          { name: 'sent_on', type: 'date' },
        ],
        indices: [{ columnNames: ['enrollment_id'] }, { columnNames: ['teacher_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('enrollment_notice');
    await queryRunner.dropTable('spot_check');
    await queryRunner.dropTable('project_trainer');
  }
}
