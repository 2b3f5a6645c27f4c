import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Idempotency keys of training's creating mutations (kit/idempotency.ts): `declareProject(idempotencyKey:)`. */
export class IdempotencyKeys1765300000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'training_idempotency_key',
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
    await queryRunner.dropTable('training_idempotency_key');
  }
}
