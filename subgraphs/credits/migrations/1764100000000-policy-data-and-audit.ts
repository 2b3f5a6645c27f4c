import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { SHIPPED_POLICIES } from '../rules/policies';

/** The initial migration's policy ids and the shipped policies that replace them. */
const REPLACED_POLICY_IDS: Record<string, string> = {
  'national-2011': 'national-360-per-5-years',
  'zhejiang-2011': 'zhejiang-360-per-cycle-24-per-year',
  'hunan-changsha-2013': 'changsha-2013',
};

/**
 * Policy as data: the whole rule set of each policy (region prefix, conversions,
 * shares, caps, workflow roles, per-value sources) in `credit_policy`, seeded from
 * `rules/policies.ts` as it stands today. The three hand-written rows of the initial
 * migration are replaced by their shipped equivalents (records pointing at them are
 * moved over). A later change of policy data is a new migration, never an edit here.
 *
 * Records gain what the workflow and reporting need (school category, registering
 * institution, reason, import key); `credit_audit_entry` holds the audit trail.
 */
export class PolicyDataAndAudit1764100000000 implements MigrationInterface {
  name = 'PolicyDataAndAudit1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('credit_policy', [
      new TableColumn({ name: 'region_prefix', type: 'varchar', length: '6', isNullable: true }),
      new TableColumn({ name: 'requirement_by_group', type: 'text', isNullable: true }),
      new TableColumn({ name: 'conversions', type: 'text', isNullable: true }),
      new TableColumn({ name: 'special_shares', type: 'text', isNullable: true }),
      new TableColumn({ name: 'category_caps', type: 'text', isNullable: true }),
      new TableColumn({ name: 'roles', type: 'text', isNullable: true }),
      new TableColumn({ name: 'sources', type: 'text', isNullable: true }),
    ]);
    for (const p of SHIPPED_POLICIES) {
      await queryRunner.query(
        'INSERT INTO credit_policy (id, province_code, name, effective_from, cycle_years, cycle_start_year, required_per_cycle_milli, ' +
          'required_per_year_milli, source, region_prefix, requirement_by_group, conversions, special_shares, category_caps, roles, sources) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          p.id,
          p.provinceCode,
          p.name,
          p.effectiveFrom,
          p.cycleYears,
          p.cycleStartYear,
          p.requiredPerCycleMilli,
          p.requiredPerYearMilli,
          p.sources
            .map((s) => `${s.field}: ${s.source}${s.confirmed ? '' : ' (unconfirmed)'}`)
            .join(' | ')
            .slice(0, 500),
          p.regionPrefix ?? null,
          JSON.stringify(p.requiredPerCycleByGroupMilli),
          JSON.stringify(p.conversions),
          JSON.stringify(p.specialShares),
          JSON.stringify(p.categoryCapsMilli),
          JSON.stringify(p.roles),
          JSON.stringify(p.sources),
        ],
      );
    }
    for (const [oldId, newId] of Object.entries(REPLACED_POLICY_IDS)) {
      await queryRunner.query('UPDATE credit_record SET policy_id = ? WHERE policy_id = ?', [newId, oldId]);
      await queryRunner.query('DELETE FROM credit_policy WHERE id = ?', [oldId]);
    }

    await queryRunner.addColumns('credit_record', [
      new TableColumn({ name: 'school_category', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'institution_id', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'special_training', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'reason', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'import_key', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'UQ_credit_record_import_key', columnNames: ['import_key'], isUnique: true }));
    await queryRunner.createIndex('credit_record', new TableIndex({ name: 'IDX_credit_record_compliance', columnNames: ['region_code', 'teacher_id', 'status'] }));

    await queryRunner.createTable(
      new Table({
        name: 'credit_audit_entry',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'record_id', type: 'varchar', length: '36' },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'school_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'actor_id', type: 'varchar', length: '128' },
          { name: 'actor_role', type: 'varchar', length: '24' },
          { name: 'at', type: 'varchar', length: '24' },
          { name: 'from_status', type: 'varchar', length: '16', isNullable: true },
          { name: 'to_status', type: 'varchar', length: '16' },
          { name: 'reason', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [{ columnNames: ['record_id', 'at'] }, { columnNames: ['actor_id', 'at'] }, { columnNames: ['at', 'id'] }],
        foreignKeys: [{ columnNames: ['record_id'], referencedTableName: 'credit_record', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('credit_audit_entry');
    await queryRunner.dropIndex('credit_record', 'IDX_credit_record_compliance');
    await queryRunner.dropIndex('credit_record', 'UQ_credit_record_import_key');
    for (const column of ['school_category', 'institution_id', 'special_training', 'reason', 'import_key']) {
      await queryRunner.dropColumn('credit_record', column);
    }
    for (const column of ['region_prefix', 'requirement_by_group', 'conversions', 'special_shares', 'category_caps', 'roles', 'sources']) {
      await queryRunner.dropColumn('credit_policy', column);
    }
  }
}
