import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** The platform's two tables: the wide ledger and the roster. */
export class JxLedger1765000000000 implements MigrationInterface {
  name = 'JxLedger1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const amount = { type: 'decimal', precision: 12, scale: 3 } as const;
    await queryRunner.createTable(
      new Table({
        name: 'jx_credit_ledger',
        columns: [
          { name: 'lsh', type: 'varchar', length: '36', isPrimary: true },
          { name: 'sfzh', type: 'varchar', length: '18' },
          { name: 'jsbh', type: 'varchar', length: '36' },
          { name: 'xxbh', type: 'varchar', length: '36' },
          { name: 'qxdm', type: 'varchar', length: '6' },
          { name: 'xxlb', type: 'varchar', length: '24', isNullable: true },
          { name: 'xfly', type: 'varchar', length: '24' },
          { name: 'xflb', type: 'varchar', length: '16' },
          { name: 'xsxs', ...amount },
          { name: 'xxxs', ...amount },
          { name: 'xf', ...amount },
          { name: 'hdrq', type: 'varchar', length: '10' },
          { name: 'zt', type: 'varchar', length: '1' },
          { name: 'xmbh', type: 'varchar', length: '36', isNullable: true },
          { name: 'bmbh', type: 'varchar', length: '36', isNullable: true, isUnique: true },
          { name: 'jgbh', type: 'varchar', length: '36', isNullable: true },
          { name: 'tspx', type: 'varchar', length: '24', isNullable: true },
          { name: 'yy', type: 'varchar', length: '500', isNullable: true },
          { name: 'shjl', type: 'text' },
          { name: 'czsj', type: 'varchar', length: '30' },
        ],
        indices: [
          { name: 'idx_jx_ledger_sfzh', columnNames: ['sfzh'] },
          { name: 'idx_jx_ledger_qxdm', columnNames: ['qxdm'] },
          { name: 'idx_jx_ledger_jsbh', columnNames: ['jsbh'] },
          { name: 'idx_jx_ledger_xmbh', columnNames: ['xmbh'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'jx_jsxx',
        columns: [
          { name: 'sfzh', type: 'varchar', length: '18', isPrimary: true },
          { name: 'jsbh', type: 'varchar', length: '36', isUnique: true },
          { name: 'xm', type: 'varchar', length: '64' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('jx_jsxx');
    await queryRunner.dropTable('jx_credit_ledger');
  }
}
