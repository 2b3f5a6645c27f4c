import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Completion proofs of the IT programme (issue 16, Ningde notice: two 合格证明 and the submitted 应用实践成果). */
export class ItCompletionProofs1765220000000 implements MigrationInterface {
  name = 'ItCompletionProofs1765220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'it_completion_proof',
        columns: [
          { name: 'teacher_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'programme_id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '24', isPrimary: true },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'proven_on', type: 'date' },
          { name: 'reference', type: 'varchar', length: '128' },
          { name: 'recorded_by', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('it_completion_proof');
  }
}
