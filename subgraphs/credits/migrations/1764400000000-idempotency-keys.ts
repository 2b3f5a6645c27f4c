import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Idempotency keys of creating mutations (kit/idempotency.ts, entity `IdempotencyKey`): `registerCredit(idempotencyKey:)`. */
export class IdempotencyKeys1764400000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'credit_idempotency_key',
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
    await queryRunner.dropTable('credit_idempotency_key');
  }
}
