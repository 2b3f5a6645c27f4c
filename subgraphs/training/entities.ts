import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 培训机构: a body that declares and runs training projects. */
@Entity({ name: 'institution' })
export class Institution {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'accredited_since', type: 'date' })
  accreditedSince: string;
}

/** 培训项目: a declared project; credits and fees in thousandths (see shared/decimal). */
@Entity({ name: 'training_project' })
export class TrainingProject {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  level: string;

  @Column({ type: 'varchar', length: 8 })
  mode: string;

  @Column({ name: 'total_credits_milli', type: 'int' })
  totalCreditsMilli: number;

  @Column({ name: 'online_credits_milli', type: 'int' })
  onlineCreditsMilli: number;

  @Column({ type: 'varchar', length: 16 })
  term: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

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
  status: string;

  @Column({ name: 'selected_on', type: 'date' })
  selectedOn: string;

  @Column({ name: 'hours_attended_milli', type: 'int', nullable: true })
  hoursAttendedMilli: number | null;

  @Column({ name: 'online_hours_milli', type: 'int', nullable: true })
  onlineHoursMilli: number | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;
}
