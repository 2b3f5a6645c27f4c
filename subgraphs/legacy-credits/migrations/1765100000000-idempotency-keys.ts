import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The platform's idempotency keys (kit/idempotency.ts): `registerCredit(idempotencyKey:)` as the contract asks. */
export class IdempotencyKeys1765100000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'jx_idempotency_key',
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
    await queryRunner.dropTable('jx_idempotency_key');
  }
}
