import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CompletionProofKind } from './rules/completion-proofs';
import type { IssuingBodyKind } from './rules/issuing-body';
import { idempotencyKeyEntity } from '../../kit/idempotency';
import type { AssessmentLevel, CertificateKind, CertificateStatus, PassEntryStatus, TargetKind, TargetMeasure } from './__generated__/resolvers-types';

/** 证书: a certificate, keyed by its number. A reissued one points to the number it replaces. */
@Entity({ name: 'certificate' })
export class Certificate {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number: string;

  @Column({ type: 'varchar', length: 32 })
  kind: CertificateKind;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  /** The holder's school and its region at issue: who sees the certificate. */
  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 128 })
  issuer: string;

  /**
   * 发证机构 (rules/issuing-body): MINISTRY, BUREAU or INSTITUTION; null when not on record (stored
   * before it was kept, printed with a name that does not say which body it is).
   */
  @Column({ name: 'issuing_body_kind', type: 'varchar', length: 16, nullable: true })
  issuingBodyKind: IssuingBodyKind | null;

  /** BUREAU: its region code; INSTITUTION: its id; null for MINISTRY or when not on record. */
  @Column({ name: 'issuing_body_id', type: 'varchar', length: 36, nullable: true })
  issuingBodyId: string | null;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: CertificateStatus;

  @Column({ name: 'replaces_number', type: 'varchar', length: 32, nullable: true, unique: true })
  replacesNumber: string | null;

  /** The holder's name as printed; checked by public verification. */
  @Column({ name: 'holder_name', type: 'varchar', length: 64, nullable: true })
  holderName: string | null;

  /** KINDERGARTEN / PRIMARY_AND_SECONDARY / VOCATIONAL / SPECIAL_EDUCATION at issue (coverage statistics). */
  @Column({ name: 'school_category', type: 'varchar', length: 32, nullable: true })
  schoolCategory: string | null;

  /** Development-assessment certificates only. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  level: AssessmentLevel | null;

  @Column({ name: 'status_reason', type: 'varchar', length: 255, nullable: true })
  statusReason: string | null;
}

/** Last sequence used per number series (KIND-PROVINCE-YEAR-): the row lock serialises issuers. */
@Entity({ name: 'certificate_series' })
export class CertificateSeries {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence: number;
}

/** 诊断测评 done by a teacher for a programme. */
@Entity({ name: 'it_pre_assessment' })
export class PreAssessment {
  @PrimaryColumn({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  @PrimaryColumn({ name: 'programme_id', type: 'varchar', length: 16 })
  programmeId: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64, nullable: true })
  recordedBy: string | null;
}

/** The city project office's review of a completion, with the figures it reviewed. */
@Entity({ name: 'it_completion_review' })
export class CompletionReview {
  @PrimaryColumn({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  @PrimaryColumn({ name: 'programme_id', type: 'varchar', length: 16 })
  programmeId: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 64 })
  holderName: string;

  @Column({ name: 'school_id', type: 'varchar', length: 36 })
  schoolId: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'school_category', type: 'varchar', length: 32 })
  schoolCategory: string;

  @Column({ name: 'online_hours_milli', type: 'bigint', transformer: { to: (v: number) => v, from: (v: unknown) => Number(v) } })
  onlineHoursMilli: number;

  @Column({ name: 'practice_hours_milli', type: 'bigint', transformer: { to: (v: number) => v, from: (v: unknown) => Number(v) } })
  practiceHoursMilli: number;

  @Column({ name: 'pre_assessment_done', type: 'boolean' })
  preAssessmentDone: boolean;

  @Column({ name: 'retirement_date', type: 'date', nullable: true })
  retirementDate: string | null;

  @Column({ name: 'reviewed_on', type: 'date' })
  reviewedOn: string;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 64, nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewer_region', type: 'varchar', length: 6 })
  reviewerRegion: string;
}

@Entity({ name: 'partner_pass_list' })
export class PassList {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  programme: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt: string;

  /** 年度: the year of the passes (2014–2017 for the 1.0 programme); null for lists imported before it was asked. */
  @Column({ type: 'int', nullable: true })
  year: number | null;
}

@Entity({ name: 'partner_pass_entry' })
export class PassEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'list_id', type: 'varchar', length: 36 })
  listId: string;

  /** Order as given; appended rows get the next positions. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'id_number', type: 'varchar', length: 18 })
  idNumber: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ name: 'partner_certificate_number', type: 'varchar', length: 64 })
  partnerCertificateNumber: string;

  @Column({ type: 'varchar', length: 24 })
  status: PassEntryStatus;

  @Column({ name: 'teacher_id', type: 'varchar', length: 36, nullable: true })
  teacherId: string | null;

  @Column({ name: 'school_id', type: 'varchar', length: 36, nullable: true })
  schoolId: string | null;

  @Column({ name: 'school_category', type: 'varchar', length: 32, nullable: true })
  schoolCategory: string | null;

  @Column({ name: 'certificate_number', type: 'varchar', length: 32, nullable: true })
  certificateNumber: string | null;
}

@Entity({ name: 'partner_pass_audit' })
export class PassAudit {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'list_id', type: 'varchar', length: 36 })
  listId: string;

  @Column({ name: 'entry_id', type: 'varchar', length: 36, nullable: true })
  entryId: string | null;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 24 })
  actorRole: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actor: string | null;

  @Column({ name: 'actor_region', type: 'varchar', length: 6, nullable: true })
  actorRegion: string | null;

  @Column({ type: 'varchar', length: 32 })
  at: string;

  @Column({ name: 'before_status', type: 'varchar', length: 24, nullable: true })
  beforeStatus: string | null;

  @Column({ name: 'after_status', type: 'varchar', length: 24, nullable: true })
  afterStatus: string | null;
}

@Entity({ name: 'it_programme_target' })
export class ProgrammeTarget {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 8 })
  kind: TargetKind;

  /** RATE: basis points; COUNT: teachers. */
  @Column({ type: 'int' })
  value: number;

  @Column({ type: 'int', nullable: true })
  aim: number | null;

  @Column({ type: 'varchar', length: 255 })
  source: string;

  /** What the target counts, as its notice names it (Changsha: 发展测评合格证书 holders; Ningde: trained in the year). */
  @Column({ type: 'varchar', length: 40, default: 'IT_COMPLETION_HOLDERS' })
  measure: TargetMeasure;
}


/** 情况说明: a lost certificate's explanation, stamped county → city → province (Sichuan notice). */
@Entity({ name: 'lost_certificate_explanation' })
export class LostCertificateExplanation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'certificate_number', type: 'varchar', length: 32 })
  certificateNumber: string;

  /** The holder's county, copied from the certificate for scope. */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 1000 })
  statement: string;

  /** The stamps so far, as JSON (rules/lost-certificate `Stamp[]`). */
  @Column({ type: 'text' })
  stamps: string;
}

/** A completion proof on record (Ningde notice: 网络研修合格证明, 应用实践成果, 实践应用合格证明); one per kind, a later one replaces it. */
@Entity({ name: 'it_completion_proof' })
export class CompletionProof {
  @PrimaryColumn({ name: 'teacher_id', type: 'varchar', length: 36 })
  teacherId: string;

  @PrimaryColumn({ name: 'programme_id', type: 'varchar', length: 16 })
  programmeId: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  kind: CompletionProofKind;

  /** The teacher's county (for scope). */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  /** The day the proof is dated (passed, submitted). */
  @Column({ name: 'proven_on', type: 'date' })
  provenOn: string;

  /** The proof's own number or title, as printed or submitted. */
  @Column({ type: 'varchar', length: 128 })
  reference: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64, nullable: true })
  recordedBy: string | null;
}
/** Idempotency keys of certification's creating mutations (kit/idempotency.ts): issuing, reissuing, explanations, pass lists. */
export const CertificationIdempotencyKey = idempotencyKeyEntity('certification_idempotency_key');
