import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Targets counted on the measure their notice names (issue 16), and the two published targets
 * served as data: Changsha's 40,000 现代教育技术能手 by 2020, counted on the 发展测评合格证书
 * (Changsha notice), and Ningde's ≥ 30 % (aim 40 %) of teachers trained in 2016 (Ningde notice).
 * Existing targets keep what they counted: IT completion holders.
 */
export class TargetMeasures1765100000000 implements MigrationInterface {
  name = 'TargetMeasures1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('it_programme_target', new TableColumn({ name: 'measure', type: 'varchar', length: '40', default: "'IT_COMPLETION_HOLDERS'" }));
    const insert = 'INSERT INTO it_programme_target (region_code, year, kind, value, aim, source, measure) VALUES (?, ?, ?, ?, ?, ?, ?)';
    await queryRunner.query(insert, [
      '430100',
      2020,
      'COUNT',
      40000,
      null,
      'Changsha notice: 40,000 现代教育技术能手 by 2020, counted on the 发展测评合格证书 (issued by the provincial education department).',
      'DEVELOPMENT_ASSESSMENT_HOLDERS',
    ]);
    await queryRunner.query(insert, [
      '350900',
      2016,
      'RATE',
      3000,
      4000,
      'Ningde notice: ≥ 30 % of teachers trained in 2016 (aim 40 %).',
      'IT_TRAINED_IN_YEAR',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM it_programme_target WHERE (region_code = '430100' AND year = 2020) OR (region_code = '350900' AND year = 2016)");
    await queryRunner.dropColumn('it_programme_target', 'measure');
  }
}
