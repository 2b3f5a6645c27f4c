import { DomainError } from '../../../kit/errors';
import type { EnrollmentStatus } from '../__generated__/resolvers-types';

/**
 * Enrollments that hold a seat in their class: the selection itself (so that 200 teachers
 * selecting a 30-seat class at once leave exactly 30 selections and 170 `CLASS_FULL`, and
 * nobody waits in a school's queue for a seat that does not exist), the school's approval
 * (waiting for the institution's re-check), confirmed, or finished. A rejection, a decline
 * or a withdrawal gives the seat back. A class never holds more than its capacity.
 */
export const SEAT_HOLDING_STATUSES: readonly EnrollmentStatus[] = ['SELECTED', 'SCHOOL_APPROVED', 'CONFIRMED', 'COMPLETED', 'FAILED'];

/** Enrollments waiting for the teacher's school to review them. */
export const AWAITING_SCHOOL_REVIEW: EnrollmentStatus = 'SELECTED';

/** Enrollments that ended without a place: the teacher may select the same class again. */
export const ENDED_WITHOUT_PLACE: readonly EnrollmentStatus[] = ['SCHOOL_REJECTED', 'DECLINED', 'WITHDRAWN'];

/**
 * Who acts: the school reviews (`schoolApprove` / `schoolReject`), the institution re-checks
 * (`confirm` / `decline`) and records completion (`complete` / `fail`), the teacher withdraws.
 */
export type EnrollmentAction = 'schoolApprove' | 'schoolReject' | 'confirm' | 'decline' | 'complete' | 'fail' | 'withdraw';

export interface EnrollmentTransitionContext {
  /**
   * The bureau approved a change to the published project (see `enrolledMayWithdraw` in
   * project-workflow): only then may a confirmed teacher withdraw.
   */
  projectChangeApproved: boolean;
}

const NEXT_STATUS: Readonly<Record<EnrollmentAction, Partial<Record<EnrollmentStatus, EnrollmentStatus>>>> = {
  schoolApprove: { SELECTED: 'SCHOOL_APPROVED' },
  schoolReject: { SELECTED: 'SCHOOL_REJECTED' },
  confirm: { SCHOOL_APPROVED: 'CONFIRMED' },
  decline: { SCHOOL_APPROVED: 'DECLINED' },
  complete: { CONFIRMED: 'COMPLETED' },
  fail: { CONFIRMED: 'FAILED' },
  // A teacher may withdraw freely until the institution confirms; after that only when the
  // published project was changed with the bureau's approval (the notice's withdrawal right).
  withdraw: { SELECTED: 'WITHDRAWN', SCHOOL_APPROVED: 'WITHDRAWN', CONFIRMED: 'WITHDRAWN' },
};

const ENROLLMENT_ACTION_PHRASES: Readonly<Record<EnrollmentAction, string>> = {
  schoolApprove: 'be approved by the school',
  schoolReject: 'be rejected by the school',
  confirm: 'be confirmed by the institution',
  decline: 'be declined by the institution',
  complete: 'be recorded as completed',
  fail: 'be recorded as failed',
  withdraw: 'be withdrawn',
};

/** The actions open to an enrollment in `status`, in a stable order. */
export function allowedEnrollmentActions(status: EnrollmentStatus, ctx: EnrollmentTransitionContext): EnrollmentAction[] {
  return (Object.keys(NEXT_STATUS) as EnrollmentAction[]).filter(
    (action) => NEXT_STATUS[action][status] !== undefined && (action !== 'withdraw' || status !== 'CONFIRMED' || ctx.projectChangeApproved),
  );
}

/**
 * The status after `action`, or throws `INVALID_TRANSITION` listing the allowed actions;
 * withdrawing a confirmed enrollment without an approved project change throws
 * `WITHDRAWAL_NOT_ALLOWED`.
 */
export function transitionEnrollment(
  from: EnrollmentStatus,
  action: EnrollmentAction,
  ctx: EnrollmentTransitionContext = { projectChangeApproved: false },
): EnrollmentStatus {
  const allowed = allowedEnrollmentActions(from, ctx);
  const next = NEXT_STATUS[action][from];
  if (next !== undefined && allowed.includes(action)) return next;
  const details = { status: from, action, allowedActions: allowed };
  if (action === 'withdraw' && from === 'CONFIRMED') {
    throw new DomainError(
      'WITHDRAWAL_NOT_ALLOWED',
      `A CONFIRMED enrollment can be withdrawn only after the bureau approved a change to the published project; allowed actions: ${allowed.join(', ')}.`,
      { rule: 'WITHDRAWAL_NOT_ALLOWED', ...details },
    );
  }
  throw new DomainError(
    'INVALID_TRANSITION',
    `A ${from} enrollment cannot ${ENROLLMENT_ACTION_PHRASES[action]}; allowed actions: ${allowed.join(', ') || 'none'}.`,
    { rule: 'INVALID_TRANSITION', ...details },
  );
}

/** True when moving from `from` to `to` takes a seat in the class (checked with `assertSeatAvailable`). */
export function takesSeat(from: EnrollmentStatus, to: EnrollmentStatus): boolean {
  return !SEAT_HOLDING_STATUSES.includes(from) && SEAT_HOLDING_STATUSES.includes(to);
}

/** True when moving from `from` to `to` gives the seat back (rejection, decline, withdrawal). */
export function releasesSeat(from: EnrollmentStatus, to: EnrollmentStatus): boolean {
  return SEAT_HOLDING_STATUSES.includes(from) && !SEAT_HOLDING_STATUSES.includes(to);
}

/** The `CLASS_FULL` error when every seat is held (see `SEAT_HOLDING_STATUSES`), or null. */
export function seatViolation(seatsTaken: number, capacity: number, className: string): DomainError | null {
  if (seatsTaken < capacity) return null;
  return new DomainError('CLASS_FULL', `Class ${className} is full: ${seatsTaken} of ${capacity} seats taken.`, {
    rule: 'CLASS_FULL',
    seatsTaken,
    capacity,
  });
}

/** Throws `CLASS_FULL` when every seat is held. */
export function assertSeatAvailable(seatsTaken: number, capacity: number, className: string): void {
  const error = seatViolation(seatsTaken, capacity, className);
  if (error) throw error;
}
