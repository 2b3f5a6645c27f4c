import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** The initial migration's policy ids and the shipped policies that replace them. */
const REPLACED_POLICY_IDS: Record<string, string> = {
  'national-2011': 'national-360-per-5-years',
  'zhejiang-2011': 'zhejiang-360-per-cycle-24-per-year',
  'hunan-changsha-2013': 'changsha-2013',
};

/**
 * The shipped policies as this migration inserted them on 2026-11-24: the whole rule set of
 * each (region prefix, conversions, shares, caps, workflow roles, per-value sources), frozen
 * here rather than read from `rules/policies.ts`, so a database migrated today and one
 * migrated when this was written end the same. A later change of policy data is a new
 * migration, never an edit here (test/migrations.test.ts checks both).
 */
const POLICIES_AS_SHIPPED = [
  {
    id: 'national-360-per-5-years',
    provinceCode: '00',
    name: 'National fallback: ≥ 360 学时 per 5-year cycle',
    effectiveFrom: '2011-01-01',
    cycleYears: 5,
    cycleStartYear: 2021,
    requiredPerCycleMilli: 360000,
    requiredPerYearMilli: null,
    regionPrefix: null,
    requirementByGroup: {},
    conversions: { CONCENTRATED: { hours: 1, credits: 1 }, ONLINE: { hours: 1, credits: 1 }, SCHOOL_BASED: { hours: 1, credits: 1 }, IT_PRACTICE: { hours: 1, credits: 1 }, IT_ONLINE: { hours: 1, credits: 1 }, OTHER: { hours: 1, credits: 1 } },
    specialShares: {},
    categoryCaps: {},
    roles: { register: ['SCHOOL_ADMIN', 'INSTITUTION', 'SYSTEM'], review: ['SCHOOL_ADMIN', 'COUNTY_BUREAU'], verify: ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'] },
    sources: [
      { field: 'requiredPerCycleMilli', source: 'National rule: ≥ 360 学时 per 5-year cycle for teaching-qualification re-registration (public sources).', confirmed: true },
      { field: 'cycleYears', source: 'National rule: 5-year cycles, matching 教师资格定期注册 every 5 years (public sources).', confirmed: true },
      { field: 'cycleStartYear', source: "This product's assumption: cycles aligned with the national 十四五 cycle 2021–2025 (so also 2011–2015, 2016–2020).", confirmed: false },
      { field: 'effectiveFrom', source: "This product's assumption: the 2011 national opinion on teacher training is taken as the start of the 360-学时 rule; not verified here.", confirmed: false },
      { field: 'conversions', source: "This product's assumption: the national requirement is counted in 学时, so one 学时 of any kind counts as one unit.", confirmed: false },
      { field: 'roles', source: "This product's assumption, following the national teacher management system's review chain (school, then each level above).", confirmed: false },
    ],
  },
  {
    id: 'zhejiang-360-per-cycle-24-per-year',
    provinceCode: '33',
    name: 'Zhejiang: ≥ 360 credits per 5-year cycle, ≥ 24 every year',
    effectiveFrom: '2021-01-01',
    cycleYears: 5,
    cycleStartYear: 2021,
    requiredPerCycleMilli: 360000,
    requiredPerYearMilli: 24000,
    regionPrefix: null,
    requirementByGroup: {},
    conversions: { CONCENTRATED: null, ONLINE: null, SCHOOL_BASED: null, IT_PRACTICE: null, IT_ONLINE: null, OTHER: null },
    specialShares: { PRINCIPAL_TRAINING: 50, PROBATION_TRAINING: 0 },
    categoryCaps: {},
    roles: { register: ['SCHOOL_ADMIN', 'INSTITUTION', 'SYSTEM'], review: ['SCHOOL_ADMIN', 'COUNTY_BUREAU'], verify: ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'] },
    sources: [
      { field: 'requiredPerCycleMilli', source: 'Zhejiang: ≥ 360 credits per cycle (public sources).', confirmed: true },
      { field: 'requiredPerYearMilli', source: 'Zhejiang: ≥ 24 credits every year (public sources).', confirmed: true },
      { field: 'cycleYears', source: 'National 5-year cycle; Zhejiang sources name a cycle without its length here.', confirmed: false },
      { field: 'cycleStartYear', source: "This product's assumption: cycles aligned with the national 十四五 cycle 2021–2025 (so also 2011–2015, 2016–2020).", confirmed: false },
      { field: 'effectiveFrom', source: "This product's assumption: no start date known; applied from the assumed cycle start.", confirmed: false },
      { field: 'conversions', source: 'Zhejiang hours-to-credit formula: unconfirmed, so credits must be registered explicitly (training projects declare them).', confirmed: false },
      { field: 'specialShares.PRINCIPAL_TRAINING', source: 'Zhejiang: new principals need ≥ 300 credits (≥ 90 concentrated), 50 % counted toward the cycle (public sources).', confirmed: true },
      { field: 'specialShares.PROBATION_TRAINING', source: 'Zhejiang: new hires need ≥ 180 credits in probation (≥ 80 practical), not counted toward the cycle (public sources).', confirmed: true },
      { field: 'roles', source: "This product's assumption, following the national teacher management system's review chain (school, then each level above).", confirmed: false },
    ],
  },
  {
    id: 'changsha-2013',
    provinceCode: '43',
    name: 'Changsha 2013: ≥ 30 per year, ≥ 360 per cycle, backbone teachers ≥ 400',
    effectiveFrom: '2013-01-01',
    cycleYears: 5,
    cycleStartYear: 2021,
    requiredPerCycleMilli: 360000,
    requiredPerYearMilli: 30000,
    regionPrefix: '4301',
    requirementByGroup: { BACKBONE: 400000 },
    conversions: { CONCENTRATED: null, ONLINE: null, SCHOOL_BASED: null, IT_PRACTICE: null, IT_ONLINE: null, OTHER: null },
    specialShares: {},
    categoryCaps: {},
    roles: { register: ['SCHOOL_ADMIN', 'INSTITUTION', 'SYSTEM'], review: ['SCHOOL_ADMIN', 'COUNTY_BUREAU'], verify: ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'] },
    sources: [
      { field: 'requiredPerYearMilli', source: 'Changsha 2013 rules: ≥ 30 per year, registered yearly (public sources).', confirmed: true },
      { field: 'requiredPerCycleMilli', source: 'Changsha 2013 rules: ≥ 360 per cycle (public sources).', confirmed: true },
      { field: 'requiredPerCycleByGroupMilli.BACKBONE', source: 'Changsha 2013 rules: backbone teachers (骨干教师) ≥ 400 (public sources).', confirmed: true },
      { field: 'effectiveFrom', source: 'Changsha 2013 rules: the year is sourced, the day (1 January) is assumed.', confirmed: false },
      { field: 'cycleYears', source: 'Changsha checks per cycle; the 5-year length is the national one, assumed here.', confirmed: false },
      { field: 'cycleStartYear', source: "This product's assumption: cycles aligned with the national 十四五 cycle 2021–2025 (so also 2011–2015, 2016–2020).", confirmed: false },
      { field: 'conversions', source: 'No Changsha hours-to-credit formula known: credits must be registered explicitly.', confirmed: false },
      { field: 'roles', source: "This product's assumption, following the national teacher management system's review chain (school, then each level above).", confirmed: false },
    ],
  },
  {
    id: 'changsha-2019',
    provinceCode: '43',
    name: 'Changsha 2019 (numbers carried over from 2013, unconfirmed)',
    effectiveFrom: '2019-01-01',
    cycleYears: 5,
    cycleStartYear: 2021,
    requiredPerCycleMilli: 360000,
    requiredPerYearMilli: 30000,
    regionPrefix: '4301',
    requirementByGroup: { BACKBONE: 400000 },
    conversions: { CONCENTRATED: null, ONLINE: null, SCHOOL_BASED: null, IT_PRACTICE: null, IT_ONLINE: null, OTHER: null },
    specialShares: {},
    categoryCaps: {},
    roles: { register: ['SCHOOL_ADMIN', 'INSTITUTION', 'SYSTEM'], review: ['SCHOOL_ADMIN', 'COUNTY_BUREAU'], verify: ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'] },
    sources: [
      { field: 'effectiveFrom', source: 'Changsha 2019 rules replace earlier ones where they conflict; the day (1 January) is assumed.', confirmed: false },
      { field: 'requiredPerYearMilli', source: 'Copied from Changsha 2013 (≥ 30 per year); the 2019 value is unconfirmed.', confirmed: false },
      { field: 'requiredPerCycleMilli', source: 'Copied from Changsha 2013 (≥ 360 per cycle); the 2019 value is unconfirmed.', confirmed: false },
      { field: 'requiredPerCycleByGroupMilli.BACKBONE', source: 'Copied from Changsha 2013 (backbone ≥ 400); the 2019 value is unconfirmed.', confirmed: false },
      { field: 'cycleYears', source: 'The 5-year length is the national one, assumed here.', confirmed: false },
      { field: 'cycleStartYear', source: "This product's assumption: cycles aligned with the national 十四五 cycle 2021–2025 (so also 2011–2015, 2016–2020).", confirmed: false },
      { field: 'conversions', source: 'No Changsha hours-to-credit formula known: credits must be registered explicitly.', confirmed: false },
      { field: 'roles', source: "This product's assumption, following the national teacher management system's review chain (school, then each level above).", confirmed: false },
    ],
  },
  {
    id: 'jiangxi-county-practice',
    provinceCode: '36',
    name: 'Jiangxi (county practice): concentrated 10 学时 = 1 credit, online 20 学时 = 1 credit',
    effectiveFrom: '2021-01-01',
    cycleYears: 5,
    cycleStartYear: 2021,
    requiredPerCycleMilli: 360000,
    requiredPerYearMilli: null,
    regionPrefix: null,
    requirementByGroup: {},
    conversions: { CONCENTRATED: { hours: 10, credits: 1 }, ONLINE: { hours: 20, credits: 1 }, SCHOOL_BASED: null, IT_PRACTICE: null, IT_ONLINE: null, OTHER: null },
    specialShares: { PRINCIPAL_TRAINING: 50 },
    categoryCaps: {},
    roles: { register: ['INSTITUTION', 'SCHOOL_ADMIN', 'SYSTEM'], review: ['INSTITUTION', 'SCHOOL_ADMIN'], verify: ['INSTITUTION'] },
    sources: [
      { field: 'conversions.CONCENTRATED', source: 'Jiangxi county practice: concentrated training 10 学时 = 1 credit (public sources).', confirmed: true },
      { field: 'conversions.ONLINE', source: 'Jiangxi county practice: online training 20 学时 = 1 credit (public sources).', confirmed: true },
      { field: 'conversions', source: 'No ratio known for school-based, IT-practice or other training: such credits must be registered explicitly.', confirmed: false },
      { field: 'specialShares.PRINCIPAL_TRAINING', source: 'Jiangxi county practice: principal training counted at 50 % (public sources).', confirmed: true },
      { field: 'requiredPerCycleMilli', source: 'Unknown for Jiangxi: the national 360 per cycle is used.', confirmed: false },
      { field: 'cycleYears', source: 'Unknown for Jiangxi: the national 5-year cycle is used.', confirmed: false },
      { field: 'cycleStartYear', source: "This product's assumption: cycles aligned with the national 十四五 cycle 2021–2025 (so also 2011–2015, 2016–2020).", confirmed: false },
      { field: 'effectiveFrom', source: "This product's assumption: no start date known; applied from the assumed cycle start.", confirmed: false },
      { field: 'provinceCode', source: 'A county example applied to the whole province, since the county is not identified.', confirmed: false },
      { field: 'roles', source: 'Jiangxi county practice: the county teacher school registers → reviews → verifies; schools register and review their own school-run credits (public sources).', confirmed: true },
      { field: 'roles.register.SYSTEM', source: "This product's assumption: platform imports register credits as the system.", confirmed: false },
    ],
  },
];

/**
 * Policy as data: each policy's whole rule set in `credit_policy` (POLICIES_AS_SHIPPED).
 * The three hand-written rows of the initial migration are replaced by their shipped
 * equivalents (records pointing at them are moved over).
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
    for (const p of POLICIES_AS_SHIPPED) {
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
          p.regionPrefix,
          JSON.stringify(p.requirementByGroup),
          JSON.stringify(p.conversions),
          JSON.stringify(p.specialShares),
          JSON.stringify(p.categoryCaps),
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
