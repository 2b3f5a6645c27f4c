import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Idempotency keys of certification's creating mutations (kit/idempotency.ts): the certificates
 * issued and reissued, lost-certificate explanations and pass-list imports (`idempotencyKey:`).
 */
export class IdempotencyKeys1765452000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765452000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'certification_idempotency_key',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'payload_hash', type: 'varchar', length: '64' },
          { name: 'result_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('certification_idempotency_key');
  }
}
