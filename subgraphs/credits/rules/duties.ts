import { DomainError, ErrorCode } from '../../../kit/errors';
import type { CreditRecordStatus } from '../__generated__/resolvers-types';
import type { ActorRole } from './policy';
import type { CreditRecordAction } from './workflow';

/**
 * Separation of duties on a credit record (登记 → 审核 → 验证), as policy data per province and
 * date (a policy's `duties`, stored in `credit_policy.duties`): whoever registered a record may not
 * review it, whoever reviewed it may not verify it, an institution takes steps either for its own
 * projects' completions or as the county teacher school (县教师进修学校) of the teacher's county,
 * whether a school reports its reviewed records up (上报) before they are verified, and which
 * statuses count as earned (only VERIFIED where the province verifies).
 */
export interface CreditDuties {
  /** 登记人不得审核: the registrar may not review the record. */
  registrarMayNotReview: boolean;
  /** 审核人不得验证: the reviewer may not verify the record. */
  reviewerMayNotVerify: boolean;
  /**
   * How an institution stands in the workflow. OWN_PROJECTS: it registers the completions of its own
   * projects and acts on the records it registered. COUNTY_TEACHER_SCHOOL: only a county teacher school
   * acts, on the records of teachers of its own county (Jiangxi: 县教师进修学校…负责全县教师培训学分的
   * 登记、审核与验证); other institutions register their own projects' completions.
   */
  institutionActsAs: 'OWN_PROJECTS' | 'COUNTY_TEACHER_SCHOOL';
  /** Statuses whose credits count toward the cycle. */
  earnedStatuses: readonly CreditRecordStatus[];
  /**
   * 上报 (report up): the roles whose review is reported up before the record is verified (Jiangxi:
   * 各中小学…负责本校教师培训学分的登记、审核、上报 — a school reports to the county teacher school).
   * A record one of these roles approved waits APPROVED until one of them reports it
   * (`reportCreditRecords`, → REPORTED), and only a REPORTED one is verified. Absent or empty: the
   * province has no such step, and APPROVED records go straight to verification.
   */
  reportedBy?: readonly ActorRole[];
}

/** Where a policy says nothing: the steps are separate, an institution acts on its own projects, APPROVED counts. */
export const DEFAULT_DUTIES: CreditDuties = {
  registrarMayNotReview: true,
  reviewerMayNotVerify: true,
  institutionActsAs: 'OWN_PROJECTS',
  earnedStatuses: ['APPROVED', 'VERIFIED'],
};

export const REGISTRAR_MAY_NOT_REVIEW = 'REGISTRAR_MAY_NOT_REVIEW';
export const REVIEWER_MAY_NOT_VERIFY = 'REVIEWER_MAY_NOT_VERIFY';
/** A record a reporting role approved is verified only once reported up (上报). */
export const REPORT_REQUIRED = 'REPORT_REQUIRED';
/** The policy in force for the record has no 上报 step. */
export const NO_REPORT_STEP = 'NO_REPORT_STEP';

/** One line of a record's trail, as far as duties go. */
export interface TrailStep {
  actorId: string;
  /** The role the actor acted in. */
  actorRole: string;
  from: CreditRecordStatus | null;
  to: CreditRecordStatus;
}

/** The roles that report up (上报) under these duties; empty where the province has no such step. */
export function reportRolesOf(duties: CreditDuties): readonly ActorRole[] {
  return duties.reportedBy ?? [];
}

/** Throws FORBIDDEN when `actorId` took the step that `action` must be separate from. */
export function assertSeparateDuties(action: CreditRecordAction, actorId: string, trail: readonly TrailStep[], duties: CreditDuties): void {
  if ((action === 'APPROVE' || action === 'REJECT') && duties.registrarMayNotReview) {
    const registrar = trail.find((s) => s.from === null)?.actorId;
    if (registrar === actorId) {
      throw new DomainError(ErrorCode.Forbidden, `${actorId} registered this credit record, so may not review it (登记人不得审核); another reviewer must.`, {
        rule: REGISTRAR_MAY_NOT_REVIEW,
      });
    }
  }
  if (action === 'VERIFY') assertReportedIfRequired(trail, duties);
  if (action === 'VERIFY' && duties.reviewerMayNotVerify) {
    const reviewer = [...trail].reverse().find((s) => s.to === 'APPROVED')?.actorId;
    if (reviewer === actorId) {
      throw new DomainError(ErrorCode.Forbidden, `${actorId} reviewed this credit record, so may not verify it (审核人不得验证); another verifier must.`, {
        rule: REVIEWER_MAY_NOT_VERIFY,
      });
    }
  }
}

/**
 * Throws REPORT_REQUIRED when the record still waits APPROVED and the role that approved it reports
 * up under these duties: the verifier (Jiangxi: the county teacher school) takes it only once the
 * school reported it (上报). Records the verifying level reviewed itself go straight on.
 */
function assertReportedIfRequired(trail: readonly TrailStep[], duties: CreditDuties): void {
  const reporters = reportRolesOf(duties);
  const last = trail.at(-1);
  if (reporters.length === 0 || last?.to !== 'APPROVED') return;
  if (reporters.includes(last.actorRole as ActorRole)) {
    throw new DomainError(
      REPORT_REQUIRED,
      `This credit record was approved by a ${last.actorRole} and waits to be reported up (上报) with reportCreditRecords before it can be verified.`,
      { rule: REPORT_REQUIRED, status: 'APPROVED' },
    );
  }
}

/** Statuses a record waits in on its way to counting, in workflow order, whatever the province: what is not earned of them is pending. */
export function waitingStatuses(earnedStatuses: readonly CreditRecordStatus[]): CreditRecordStatus[] {
  return (['REGISTERED', 'APPROVED', 'REPORTED'] as const).filter((s) => !earnedStatuses.includes(s));
}

/**
 * The statuses still on their way to counting under these duties, in workflow order: REGISTERED,
 * APPROVED where only VERIFIED counts, and REPORTED where the province reports up (上报).
 */
export function pendingStatuses(duties: CreditDuties): CreditRecordStatus[] {
  const reports = reportRolesOf(duties).length > 0;
  return waitingStatuses(duties.earnedStatuses).filter((s) => s !== 'REPORTED' || reports);
}
