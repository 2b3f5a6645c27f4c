import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { idempotencyKeyEntity } from '../../kit/idempotency';
import type { ProfessionalTitle, RegionLevel, SchoolCategory, SchoolOwnership, SchoolType, Sex, TeachingStage } from './__generated__/resolvers-types';

/** 行政区划: a region of GB/T 2260. */
@Entity({ name: 'region' })
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  level: RegionLevel;

  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 6, nullable: true })
  parentCode: string | null;

  @Column({ name: 'code_version', type: 'varchar', length: 16 })
  codeVersion: string;
}

@Entity({ name: 'school' })
export class School {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 24 })
  type: SchoolType;

  /** Derived from `type`; stored so statistics group by it in SQL. */
  @Column({ type: 'varchar', length: 24 })
  category: SchoolCategory;

  @Column({ type: 'varchar', length: 8 })
  ownership: SchoolOwnership;

  @Column({ type: 'boolean' })
  rural: boolean;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;
}

@Entity({ name: 'teacher' })
export class Teacher {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** 身份证号, 18 characters; legacy 15-digit numbers are upgraded before storing. */
  @Column({ name: 'id_number', type: 'varchar', length: 18, unique: true })
  idNumber: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 6 })
  sex: Sex;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  /** The school's region, copied so row scope and head counts need no join (kept in step on transfer). */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  /** The school's category, copied for the same reason (see migration 1764300000000). */
  @Column({ name: 'school_category', type: 'varchar', length: 32, nullable: true })
  schoolCategory: SchoolCategory | null;

  @Column({ type: 'varchar', length: 24 })
  stage: TeachingStage;

  @Column({ type: 'varchar', length: 32 })
  subject: string;

  @Column({ type: 'varchar', length: 24 })
  title: ProfessionalTitle;

  @Column({ name: 'hire_date', type: 'date' })
  hireDate: string;

  @Column({ name: 'retirement_date', type: 'date' })
  retirementDate: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/**
 * A statistics table a bureau filed (统计表, e.g. the Sichuan notice's 附件1), as checked: stored
 * only when clean or with its discrepancies explicitly accepted, which are kept with it.
 */
@Entity({ name: 'statistics_table' })
export class StatisticsTable {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** ATTACHMENT_1: teachers by category, trained and untrained, per region. */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Index()
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ name: 'submitted_by', type: 'varchar', length: 160 })
  submittedBy: string;

  @Column({ name: 'submitted_at', type: 'varchar', length: 24 })
  submittedAt: string;

  /** How many discrepancies the bureau accepted (0: the table was clean). */
  @Column({ name: 'accepted_discrepancies', type: 'int' })
  acceptedDiscrepancies: number;

  /** Rows and accepted discrepancies as JSON. */
  @Column({ type: 'text' })
  content: string;
}

/** Idempotency keys of the registry's `registerTeacher` (kit/idempotency.ts). */
export const TeacherIdempotencyKey = idempotencyKeyEntity('teacher_idempotency_key');

/**
 * 任职经历: where the registry placed a teacher and from when. Written with the teacher by
 * `registerTeacher` and `transferTeacher`; `to` is the day the teacher moved on (the next
 * placement's `from`, excluded), null while current. Other slices file a teacher's facts where
 * the teacher was placed on the day (a credit on its `earnedOn`).
 */
@Entity({ name: 'teacher_placement' })
@Index('idx_teacher_placement_teacher_from', ['teacherId', 'from'])
export class TeacherPlacement {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  /** The school's county (GB/T 2260), as the teacher's `region_code`. */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'from_date', type: 'date' })
  from: string;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  to: string | null;
}

/**
 * 任职经历更正: one correction of a teacher's placement history (correctPlacement), with who made
 * it, when, why, the period it recorded and the history before and after it (JSON), so that a
 * credit filed under the earlier history can be traced.
 */
@Entity({ name: 'teacher_placement_change' })
@Index('idx_teacher_placement_change_teacher', ['teacherId', 'at'])
export class TeacherPlacementChange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 128 })
  actorId: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  /** ISO 8601 timestamp (UTC). */
  @Column({ type: 'varchar', length: 24 })
  at: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  @Column({ name: 'from_date', type: 'date' })
  from: string;

  @Column({ name: 'to_date', type: 'date' })
  to: string;

  /** The placements before the correction, as JSON (`{ schoolId, regionCode, from, to }[]`). */
  @Column({ name: 'history_before', type: 'text' })
  before: string;

  /** The placements after it, as JSON. */
  @Column({ name: 'history_after', type: 'text' })
  after: string;
}
