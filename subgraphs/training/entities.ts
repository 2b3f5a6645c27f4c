import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idempotencyKeyEntity } from '../../kit/idempotency';
import type {
  EnrollmentStatus,
  InstitutionKind,
  ProfessionalTitle,
  TrainingLevel,
  TrainingMode,
  TrainingProjectStatus,
} from './__generated__/resolvers-types';
import { SEAT_HOLDING_STATUSES } from './rules/enrollment';

/** 培训机构: a body that declares and runs training projects. */
@Entity({ name: 'institution' })
export class Institution {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: InstitutionKind;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'accredited_since', type: 'date' })
  accreditedSince: string;
}

/** 培训项目: a declared project; credits and fees in thousandths (see kit/decimal). */
@Entity({ name: 'training_project' })
export class TrainingProject {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  level: TrainingLevel;

  @Column({ type: 'varchar', length: 8 })
  mode: TrainingMode;

  @Column({ name: 'total_credits_milli', type: 'int' })
  totalCreditsMilli: number;

  @Column({ name: 'online_credits_milli', type: 'int' })
  onlineCreditsMilli: number;

  @Column({ type: 'varchar', length: 16 })
  term: string;

  @Column({ type: 'varchar', length: 16 })
  status: TrainingProjectStatus;

  @Column({ name: 'leader_name', type: 'varchar', length: 64 })
  leaderName: string;

  @Column({ name: 'leader_title', type: 'varchar', length: 32 })
  leaderTitle: string;

  @Column({ name: 'fee_training_milli', type: 'int' })
  feeTrainingMilli: number;

  @Column({ name: 'fee_accommodation_milli', type: 'int' })
  feeAccommodationMilli: number;

  @Column({ name: 'fee_meals_milli', type: 'int' })
  feeMealsMilli: number;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  /** Audience (适用对象): comma-separated stage codes, subjects, GB/T 2260 prefixes; empty = any. */
  @Column({ name: 'audience_stages', type: 'varchar', length: 128, default: '' })
  audienceStages: string;

  @Column({ name: 'audience_subjects', type: 'varchar', length: 512, default: '' })
  audienceSubjects: string;

  @Column({ name: 'audience_regions', type: 'varchar', length: 256, default: '' })
  audienceRegions: string;

  /** The leader's staff number at the institution: with the term, what the "≤ 4 classes" rule counts by. */
  @Column({ name: 'leader_staff_id', type: 'varchar', length: 64, nullable: true })
  leaderStaffId: string | null;

  /** The leader's title level; `leaderTitle` keeps the display text. */
  @Column({ name: 'leader_title_level', type: 'varchar', length: 16, nullable: true })
  leaderTitleLevel: ProfessionalTitle | null;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'change_pending', type: 'boolean', default: false })
  changePending: boolean;

  @Column({ name: 'change_description', type: 'varchar', length: 500, nullable: true })
  changeDescription: string | null;

  @Column({ name: 'change_approved_on', type: 'date', nullable: true })
  changeApprovedOn: string | null;
}

/** 班期: one class of a project. */
@Entity({ name: 'training_class' })
export class TrainingClass {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'project_id', type: 'varchar', length: 36 })
  projectId: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ name: 'schedule_published_on', type: 'date', nullable: true })
  schedulePublishedOn: string | null;

  /**
   * Seats held by enrollments in `SEAT_HOLDING_STATUSES`. Changed only by conditional
   * UPDATEs in the transaction that changes the enrollment (see seats.ts).
   */
  @Column({ name: 'seats_taken', type: 'int', default: 0 })
  seatsTaken: number;

  /** The published timetable (课表), free text. */
  @Column({ type: 'text', nullable: true })
  schedule: string | null;

  /**
   * For loading existing records (the demo seed, imports): a mapper that sets each class's
   * `seatsTaken` from the enrollments that hold a seat in it.
   */
  static withSeatsTaken<C extends { id: string }>(
    enrollments: readonly { classId: string; status: string }[],
  ): (trainingClass: C) => TrainingClass {
    const holding = new Set<string>(SEAT_HOLDING_STATUSES);
    const seats = new Map<string, number>();
    for (const e of enrollments) if (holding.has(e.status)) seats.set(e.classId, (seats.get(e.classId) ?? 0) + 1);
    return (trainingClass) => ({ ...trainingClass, seatsTaken: seats.get(trainingClass.id) ?? 0 }) as unknown as TrainingClass;
  }
}

/** 选课: a teacher's place in a class. `schoolId` is the teacher's school when selecting: that school reviews. */
@Entity({ name: 'enrollment' })
export class Enrollment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  /** The school's region when selecting: the bureaus above it see the enrollment. */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  /** The institution running the class, copied for row scope. */
  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  @Column({ name: 'class_id', type: 'varchar', length: 36 })
  classId: string;

  @Column({ type: 'int' })
  round: number;

  @Column({ type: 'varchar', length: 16 })
  status: EnrollmentStatus;

  @Column({ name: 'selected_on', type: 'date' })
  selectedOn: string;

  @Column({ name: 'hours_attended_milli', type: 'int', nullable: true })
  hoursAttendedMilli: number | null;

  @Column({ name: 'online_hours_milli', type: 'int', nullable: true })
  onlineHoursMilli: number | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  /** When the completion was recorded (ISO 8601 UTC with ms): the order of the completion feed. */
  @Column({ name: 'completed_at', type: 'varchar', length: 24, nullable: true })
  completedAt: string | null;

  /** The school's or institution's reason for a rejection or decline. */
  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  /** For direct assignment (选派, round 0): the role that assigned the teacher. */
  @Column({ name: 'assigned_by', type: 'varchar', length: 16, nullable: true })
  assignedBy: string | null;

  /** For direct assignment: the user (identity-provider subject) who assigned, for 选派问责. */
  @Column({ name: 'assigned_by_subject', type: 'varchar', length: 128, nullable: true })
  assignedBySubject: string | null;
}

/**
 * A version of a province's training policy (rules/policy `TrainingPolicy`), stored whole as
 * JSON: the table holds a few rows per province, read whole (policies-store.ts). A revision
 * is a new row; earlier versions stay, each in force from its `effectiveFrom`.
 */
@Entity({ name: 'training_policy' })
export class TrainingPolicyRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  /** The whole policy as JSON (rules/policy `TrainingPolicy`). */
  @Column({ type: 'text' })
  rules: string;

  /** Who recorded this version: `MIGRATION` for shipped data, else `role:subject`. */
  @Column({ name: 'recorded_by', type: 'varchar', length: 160 })
  recordedBy: string;

  /** ISO 8601 UTC instant; orders revisions with the same `effectiveFrom`. */
  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt: string;

  /** The version this one revised, if any. */
  @Column({ name: 'replaces_id', type: 'varchar', length: 64, nullable: true })
  replacesId: string | null;
}

/** Audit of a policy change through the graph: who, when, before and after. */
@Entity({ name: 'training_policy_change' })
export class TrainingPolicyChange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'policy_id', type: 'varchar', length: 64 })
  policyId: string;

  @Column({ name: 'province_code', type: 'varchar', length: 2 })
  provinceCode: string;

  @Column({ name: 'actor', type: 'varchar', length: 160 })
  actor: string;

  @Column({ name: 'recorded_at', type: 'varchar', length: 24 })
  recordedAt: string;

  /** The policy revised (JSON), or null for a province's first policy. */
  @Column({ name: 'before_rules', type: 'text', nullable: true })
  beforeRules: string | null;

  @Column({ name: 'after_rules', type: 'text' })
  afterRules: string;

  /** Comma-separated top-level fields that differ. */
  @Column({ name: 'changed_fields', type: 'varchar', length: 500 })
  changedFields: string;
}

/** 专家信息: a trainer (expert) of a project, entered at declaration. */
@Entity({ name: 'project_trainer' })
export class ProjectTrainer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'project_id', type: 'varchar', length: 36 })
  projectId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** Title as written (教授, 特级教师, ...). */
  @Column({ type: 'varchar', length: 32 })
  title: string;

  @Column({ type: 'varchar', length: 128 })
  organisation: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  topic: string | null;
}

/** 抽查: a bureau's quality spot check of an institution (optionally of one project). */
@Entity({ name: 'spot_check' })
export class SpotCheck {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  @Column({ name: 'project_id', type: 'varchar', length: 36, nullable: true })
  projectId: string | null;

  @Column({ name: 'checked_on', type: 'date' })
  checkedOn: string;

  /** PASSED or FAILED. */
  @Column({ type: 'varchar', length: 8 })
  result: string;

  @Column({ type: 'varchar', length: 1000 })
  findings: string;

  /** Role and subject of the bureau that checked. */
  @Column({ name: 'checked_by', type: 'varchar', length: 160 })
  checkedBy: string;
}

/**
 * A notice to an enrolled teacher: when the bureau approves a change to a published project, each
 * teacher holding a place in it is told, and may then withdraw.
 */
@Entity({ name: 'enrollment_notice' })
export class EnrollmentNotice {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'enrollment_id', type: 'varchar', length: 36 })
  enrollmentId: string;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  /** CHANGE_APPROVED. */
  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ type: 'varchar', length: 600 })
  message: string;

  @Column({ name: 'sent_on', type: 'date' })
  sentOn: string;
}

/** Idempotency keys of training's `declareProject` (kit/idempotency.ts). */
export const TrainingIdempotencyKey = idempotencyKeyEntity('training_idempotency_key');
