import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { idempotencyKeyEntity } from '../../kit/idempotency';
import type { CreditCategory, CreditRecordStatus, CreditSource, SchoolCategory, SpecialTraining } from './__generated__/resolvers-types';
import type { HoursPerCredit } from './rules/policy';
import type { CreditDuties } from './rules/duties';

/** JSON kept in a TEXT column, the same on MySQL and SQLite. */
const json = { to: (value: unknown) => JSON.stringify(value ?? null), from: (value: string | null) => (value == null ? null : JSON.parse(value)) };

/** 学分登记: one credit a teacher earned. Hours and credits in thousandths (see kit/decimal). */
@Entity({ name: 'credit_record' })
export class CreditRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  /** The teacher's school and its region when registered: who reviews, and who sees the record. */
  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 24 })
  source: CreditSource;

  @Column({ type: 'varchar', length: 16 })
  category: CreditCategory;

  @Column({ name: 'online_hours_milli', type: 'int' })
  onlineHoursMilli: number;

  @Column({ name: 'offline_hours_milli', type: 'int' })
  offlineHoursMilli: number;

  @Column({ name: 'credits_milli', type: 'int' })
  creditsMilli: number;

  @Column({ name: 'earned_on', type: 'date' })
  earnedOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: CreditRecordStatus;

  @Column({ name: 'training_project_id', type: 'varchar', length: 36, nullable: true })
  trainingProjectId: string | null;

  /** The completed enrollment this credit comes from: unique, so a completion is registered once. */
  @Column({ name: 'enrollment_id', type: 'varchar', length: 36, nullable: true, unique: true })
  enrollmentId: string | null;

  @Column({ name: 'policy_id', type: 'varchar', length: 36, nullable: true })
  policyId: string | null;

  /** Reporting category of the teacher's school when registered (for Region.creditCompliance); null when not given. */
  @Column({ name: 'school_category', type: 'varchar', length: 24, nullable: true })
  schoolCategory: SchoolCategory | null;

  /** The institution that registered it (a completion), so it sees the record. */
  @Column({ name: 'institution_id', type: 'varchar', length: 36, nullable: true })
  institutionId: string | null;

  @Column({ name: 'special_training', type: 'varchar', length: 24, nullable: true })
  specialTraining: SpecialTraining | null;

  /** Reason of the last rejection or revocation. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** Deterministic key of an imported row: unique, so re-importing a file adds nothing. */
  @Column({ name: 'import_key', type: 'varchar', length: 64, nullable: true, unique: true })
  importKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** A province's credit rules, in force from `effectiveFrom` until a newer policy starts. */
@Entity({ name: 'credit_policy' })
export class CreditPolicy {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Two-digit GB/T 2260 province code; `00` for the national fallback. */
  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'cycle_years', type: 'int' })
  cycleYears: number;

  @Column({ name: 'cycle_start_year', type: 'int' })
  cycleStartYear: number;

  @Column({ name: 'required_per_cycle_milli', type: 'int' })
  requiredPerCycleMilli: number;

  @Column({ name: 'required_per_year_milli', type: 'int', nullable: true })
  requiredPerYearMilli: number | null;

  @Column({ type: 'varchar', length: 500 })
  source: string;

  /** City (4) or county (6 digits) the policy is limited to; null for the whole province. */
  @Column({ name: 'region_prefix', type: 'varchar', length: 6, nullable: true })
  regionPrefix: string | null;

  /** The rest of the rules as JSON (see rules/policy-record.ts): conversions, shares, caps, roles, sources. */
  @Column({ name: 'requirement_by_group', type: 'text', transformer: json })
  requiredPerCycleByGroupMilli: Record<string, number>;

  @Column({ type: 'text', transformer: json })
  conversions: Partial<Record<CreditCategory, HoursPerCredit | null>>;

  @Column({ name: 'special_shares', type: 'text', transformer: json })
  specialShares: Partial<Record<SpecialTraining, number>>;

  @Column({ name: 'category_caps', type: 'text', transformer: json })
  categoryCapsMilli: Partial<Record<CreditCategory, number>>;

  @Column({ type: 'text', transformer: json })
  roles: { register: string[]; review: string[]; verify: string[] };

  /** Separation of duties and earned statuses (rules/duties.ts); null: the defaults. */
  @Column({ type: 'text', nullable: true, transformer: json })
  duties: CreditDuties | null;

  @Column({ name: 'sources', type: 'text', transformer: json })
  sources: { field: string; source: string; confirmed: boolean }[];
}

/** One change of a credit record (audit trail), written in the same transaction as the change. */
@Entity({ name: 'credit_audit_entry' })
export class CreditAuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'record_id', type: 'varchar', length: 36 })
  recordId: string;

  /** The record's owner, copied so accountability queries apply row scope without a join. */
  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 128 })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 24 })
  actorRole: string;

  /** ISO 8601 UTC timestamp with milliseconds: sorts as text on every database. */
  @Column({ type: 'varchar', length: 24 })
  at: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: CreditRecordStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: CreditRecordStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;
}

/** Idempotency keys of credits' creating mutations (kit/idempotency.ts). */
export const CreditIdempotencyKey = idempotencyKeyEntity('credit_idempotency_key');
