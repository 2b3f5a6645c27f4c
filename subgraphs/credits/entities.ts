import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** 学分登记: one credit a teacher earned. Hours and credits in thousandths (see shared/decimal). */
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
  source: string;

  @Column({ type: 'varchar', length: 16 })
  category: string;

  @Column({ name: 'online_hours_milli', type: 'int' })
  onlineHoursMilli: number;

  @Column({ name: 'offline_hours_milli', type: 'int' })
  offlineHoursMilli: number;

  @Column({ name: 'credits_milli', type: 'int' })
  creditsMilli: number;

  @Column({ name: 'earned_on', type: 'date' })
  earnedOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'training_project_id', type: 'varchar', length: 36, nullable: true })
  trainingProjectId: string | null;

  /** The completed enrollment this credit comes from: unique, so a completion is registered once. */
  @Column({ name: 'enrollment_id', type: 'varchar', length: 36, nullable: true, unique: true })
  enrollmentId: string | null;

  @Column({ name: 'policy_id', type: 'varchar', length: 36, nullable: true })
  policyId: string | null;

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
}
