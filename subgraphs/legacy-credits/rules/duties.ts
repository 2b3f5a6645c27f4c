/**
 * Who takes which step on an entry (登记 → 审核 → 验证), on the platform's 状态码, as pure rules.
 * Jiangxi practice: 县教师进修学校…负责全县教师培训学分的登记、审核与验证; 各中小学…负责本校教师
 * 培训学分的登记、审核、上报. The platform has no 上报 (ledger.ts reportEntries); the rest is kept:
 * the county teacher school acts for its county, and whoever registered an entry may not review it,
 * whoever reviewed it may not verify it. Codes as the contract's reference slice answers them.
 */
import { DomainError, ErrorCode } from '../../../kit/errors';

export const COUNTY_TEACHER_SCHOOL = 'COUNTY_TEACHER_SCHOOL';
export const REGISTRAR_MAY_NOT_REVIEW = 'REGISTRAR_MAY_NOT_REVIEW';
export const REVIEWER_MAY_NOT_VERIFY = 'REVIEWER_MAY_NOT_VERIFY';

/** An institution as training records it: its kind and county (GB/T 2260). */
export interface InstitutionFacts {
  kind: string;
  regionCode: string;
}

/** Is the institution the county teacher school (县教师进修学校) of `regionCode`, so that it acts for that county's teachers? */
export function isCountyTeacherSchoolOf(institution: InstitutionFacts | null | undefined, regionCode: string): boolean {
  return institution?.kind === COUNTY_TEACHER_SCHOOL && institution.regionCode === regionCode;
}

/** One step of an entry's 审核记录 as far as duties go: who (操作人), from which 状态码 to which. */
export interface DutyStep {
  czr: string;
  q: string | null;
  h: string;
}

/** 审核 (to 1 审核通过 or 2 退回) and 验证 (to 3 已验证) are separated from earlier steps; 撤销 (revocation) from none. */
export type DutyAction = 'APPROVE' | 'REJECT' | 'VERIFY' | 'REVOKE';

/** 审核通过 */
const APPROVED = '1';

/**
 * Throws FORBIDDEN when `actor` took the step that `action` must be separate from: the registrar
 * (the step from no status) may not review (登记人不得审核), the last approver may not verify
 * (审核人不得验证).
 */
export function assertSeparateDuties(action: DutyAction, actor: string, steps: readonly DutyStep[]): void {
  if (action === 'APPROVE' || action === 'REJECT') {
    if (steps.find((s) => s.q === null)?.czr === actor) {
      throw new DomainError(ErrorCode.Forbidden, `${actor} registered this credit record, so may not review it (登记人不得审核); another reviewer must.`, {
        rule: REGISTRAR_MAY_NOT_REVIEW,
      });
    }
  }
  if (action === 'VERIFY' && [...steps].reverse().find((s) => s.h === APPROVED)?.czr === actor) {
    throw new DomainError(ErrorCode.Forbidden, `${actor} reviewed this credit record, so may not verify it (审核人不得验证); another verifier must.`, {
      rule: REVIEWER_MAY_NOT_VERIFY,
    });
  }
}
