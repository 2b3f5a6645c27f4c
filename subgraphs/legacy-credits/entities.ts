import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idempotencyKeyEntity } from '../../kit/idempotency';
import type { CreditCategory, CreditSource, SchoolCategory, SpecialTraining } from './__generated__/resolvers-types';

/**
 * 学分台账: the platform's one wide table, a row per credit entry, filed under the
 * teacher's 身份证号 (the platform's login) as the registry holds it. Column names are the platform's pinyin
 * initials; amounts are DECIMAL(12,3) as the platform keeps them, dates are text.
 */
@Entity({ name: 'jx_credit_ledger' })
@Index('idx_jx_ledger_sfzh', ['sfzh'])
@Index('idx_jx_ledger_qxdm', ['qxdm'])
export class JxCreditLedger {
  /** 流水号: the entry's number, served as `CreditRecord.id`. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  lsh: string;

  /** 身份证号 */
  @Column({ type: 'varchar', length: 18 })
  sfzh: string;

  /** 平台教师编号: the registry's teacher id, kept for row scope (a teacher sees their own). */
  @Column({ type: 'varchar', length: 36 })
  jsbh: string;

  /** 学校编号 */
  @Column({ type: 'varchar', length: 36 })
  xxbh: string;

  /** 区县代码 (GB/T 2260) */
  @Column({ type: 'varchar', length: 6 })
  qxdm: string;

  /** 学校类别 (KINDERGARTEN…); null when not given */
  @Column({ type: 'varchar', length: 24, nullable: true })
  xxlb: SchoolCategory | null;

  /** 学分来源 */
  @Column({ type: 'varchar', length: 24 })
  xfly: CreditSource;

  /** 学分类别 */
  @Column({ type: 'varchar', length: 16 })
  xflb: CreditCategory;

  /** 线上学时 */
  @Column({ type: 'decimal', precision: 12, scale: 3 })
  xsxs: string;

  /** 线下学时 */
  @Column({ type: 'decimal', precision: 12, scale: 3 })
  xxxs: string;

  /** 学分 */
  @Column({ type: 'decimal', precision: 12, scale: 3 })
  xf: string;

  /** 获得日期 YYYY-MM-DD */
  @Column({ type: 'varchar', length: 10 })
  hdrq: string;

  /** 状态: 0 待审核, 1 审核通过, 2 退回, 3 已验证, 9 已撤销 */
  @Column({ type: 'varchar', length: 1 })
  zt: string;

  /** 项目编号 */
  @Column({ type: 'varchar', length: 36, nullable: true })
  xmbh: string | null;

  /** 报名编号: unique, so a completion is registered once */
  @Column({ type: 'varchar', length: 36, nullable: true, unique: true })
  bmbh: string | null;

  /** 登记机构编号 (an institution registering a completion sees the entry) */
  @Column({ type: 'varchar', length: 36, nullable: true })
  jgbh: string | null;

  /** 特殊培训 */
  @Column({ type: 'varchar', length: 24, nullable: true })
  tspx: SpecialTraining | null;

  /** 退回/撤销原因 */
  @Column({ type: 'varchar', length: 500, nullable: true })
  yy: string | null;

  /** 审核记录: JSON array of every change, oldest first (see ledger.ts AuditStep). */
  @Column({ type: 'text' })
  shjl: string;

  /** 最后操作时间 (UTC ISO): lets the accountability query skip untouched entries. */
  @Column({ type: 'varchar', length: 30 })
  czsj: string;
}

/** Idempotency keys of the platform's `registerCredit` (kit/idempotency.ts). */
export const JxIdempotencyKey = idempotencyKeyEntity('jx_idempotency_key');
