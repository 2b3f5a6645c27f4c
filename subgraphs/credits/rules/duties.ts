import { DomainError, ErrorCode } from '../../../kit/errors';
import type { CreditRecordStatus } from '../__generated__/resolvers-types';
import type { CreditRecordAction } from './workflow';

/**
 * Separation of duties on a credit record (登记 → 审核 → 验证), as policy data per province and
 * date (a policy's `duties`, stored in `credit_policy.duties`): whoever registered a record may not
 * review it, whoever reviewed it may not verify it, an institution takes steps either for its own
 * projects' completions or as the county teacher school (县教师进修学校) of the teacher's county, and
 * which statuses count as earned (only VERIFIED where the province verifies).
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

/** One line of a record's trail, as far as duties go. */
export interface TrailStep {
  actorId: string;
  from: CreditRecordStatus | null;
  to: CreditRecordStatus;
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
  if (action === 'VERIFY' && duties.reviewerMayNotVerify) {
    const reviewer = [...trail].reverse().find((s) => s.to === 'APPROVED')?.actorId;
    if (reviewer === actorId) {
      throw new DomainError(ErrorCode.Forbidden, `${actorId} reviewed this credit record, so may not verify it (审核人不得验证); another verifier must.`, {
        rule: REVIEWER_MAY_NOT_VERIFY,
      });
    }
  }
}

/** The statuses still on their way to counting, in workflow order: REGISTERED, and APPROVED where only VERIFIED counts. */
export function pendingStatuses(duties: CreditDuties): CreditRecordStatus[] {
  return (['REGISTERED', 'APPROVED'] as const).filter((s) => !duties.earnedStatuses.includes(s));
}
