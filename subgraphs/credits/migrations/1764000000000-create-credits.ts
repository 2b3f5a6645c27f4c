import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * Credit records and policies, with TypeORM's portable table API, plus the
 * policies domain.md names. Values come from public sources (see `source`).
 */
export class CreateCredits1764000000000 implements MigrationInterface {
  name = 'CreateCredits1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'credit_policy',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'province_code', type: 'varchar', length: '2' },
          { name: 'name', type: 'varchar', length: '128' },
          { name: 'effective_from', type: 'date' },
          { name: 'cycle_years', type: 'int' },
          { name: 'cycle_start_year', type: 'int' },
          { name: 'required_per_cycle_milli', type: 'int' },
          { name: 'required_per_year_milli', type: 'int', isNullable: true },
          { name: 'source', type: 'varchar', length: '500' },
        ],
        indices: [{ columnNames: ['province_code', 'effective_from'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'credit_record',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'source', type: 'varchar', length: '24' },
          { name: 'category', type: 'varchar', length: '16' },
          { name: 'online_hours_milli', type: 'int' },
          { name: 'offline_hours_milli', type: 'int' },
          { name: 'credits_milli', type: 'int' },
          { name: 'earned_on', type: 'date' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'training_project_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'enrollment_id', type: 'varchar', length: '36', isNullable: true, isUnique: true },
          { name: 'policy_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'datetime', default: 'CURRENT_TIMESTAMP' },
        ],
        indices: [
          { columnNames: ['teacher_id', 'earned_on', 'status'] },
          { columnNames: ['training_project_id', 'status'] },
          { columnNames: ['earned_on', 'id'] },
          { columnNames: ['region_code', 'earned_on'] },
        ],
        foreignKeys: [{ columnNames: ['policy_id'], referencedTableName: 'credit_policy', referencedColumnNames: ['id'] }],
      }),
    );
    const policies: [string, string, string, string, number, number, number, number | null, string][] = [
      ['national-2011', '00', 'National requirement (国家)', '2011-01-01', 5, 2021, 360_000, null,
        'Public sources: ≥ 360 学时 per 5-year cycle for 教师资格定期注册. Hours counted as credits 1:1 here; provinces convert.'],
      ['zhejiang-2011', '33', 'Zhejiang (浙江省)', '2011-01-01', 5, 2021, 360_000, 24_000,
        'Public sources: ≥ 360 credits per cycle and ≥ 24 every year. Hours-to-credit formula unconfirmed. Cycle start year unconfirmed.'],
      ['hunan-changsha-2013', '43', 'Changsha, Hunan (长沙, 2013 rules)', '2013-01-01', 5, 2021, 360_000, 30_000,
        'Public sources: ≥ 30 per year, ≥ 360 per cycle (2013 rules; the 2019 rules replace them where they conflict, 2019 numbers unconfirmed). Cycle start year unconfirmed.'],
    ];
    for (const row of policies) {
      await queryRunner.query(
        'INSERT INTO credit_policy (id, province_code, name, effective_from, cycle_years, cycle_start_year, required_per_cycle_milli, required_per_year_milli, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        row,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('credit_record');
    await queryRunner.dropTable('credit_policy');
  }
}
