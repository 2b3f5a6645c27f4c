import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { TRAINING_POLICIES_AS_SHIPPED } from './1765100000000-training-policies.data';

/**
 * Training rules per province and date (issue 16): one row per policy version, stored whole as
 * JSON, and an audit of every change made through the graph. Ships Zhejiang's 2020 notice and
 * Sichuan's (whose notice gives no declaration rule, so its rules are "not configured").
 */
export class TrainingPolicies1765100000000 implements MigrationInterface {
  name = 'TrainingPolicies1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'training_policy',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'province_code', type: 'varchar', length: '2' },
          { name: 'effective_from', type: 'date' },
          { name: 'rules', type: 'text' },
          { name: 'recorded_by', type: 'varchar', length: '160' },
          { name: 'recorded_at', type: 'varchar', length: '24' },
          { name: 'replaces_id', type: 'varchar', length: '64', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex('training_policy', new TableIndex({ columnNames: ['province_code', 'effective_from'] }));
    await queryRunner.createTable(
      new Table({
        name: 'training_policy_change',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'policy_id', type: 'varchar', length: '64' },
          { name: 'province_code', type: 'varchar', length: '2' },
          { name: 'actor', type: 'varchar', length: '160' },
          { name: 'recorded_at', type: 'varchar', length: '24' },
          { name: 'before_rules', type: 'text', isNullable: true },
          { name: 'after_rules', type: 'text' },
          { name: 'changed_fields', type: 'varchar', length: '500' },
        ],
      }),
    );
    await queryRunner.createIndex('training_policy_change', new TableIndex({ columnNames: ['province_code', 'recorded_at'] }));
    for (const policy of TRAINING_POLICIES_AS_SHIPPED) {
      await queryRunner.query(
        'INSERT INTO training_policy (id, province_code, effective_from, rules, recorded_by, recorded_at, replaces_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [policy.id, policy.provinceCode, policy.effectiveFrom, JSON.stringify(policy), 'MIGRATION', '2026-12-01T00:00:00.000Z', null],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('training_policy_change');
    await queryRunner.dropTable('training_policy');
  }
}
