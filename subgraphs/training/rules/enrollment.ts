/**
 * Course selection (选课) states: SELECTED → SCHOOL_APPROVED | SCHOOL_REJECTED →
 * CONFIRMED | DECLINED → COMPLETED | FAILED, and WITHDRAWN where allowed.
 */
export type EnrollmentStatus =
  | 'SELECTED'
  | 'SCHOOL_APPROVED'
  | 'SCHOOL_REJECTED'
  | 'CONFIRMED'
  | 'DECLINED'
  | 'COMPLETED'
  | 'FAILED'
  | 'WITHDRAWN';

/**
 * Enrollments that hold a seat in their class: approved by the school (waiting for the
 * institution's re-check), confirmed, or finished. A class never holds more than its capacity.
 */
export const SEAT_HOLDING_STATUSES: readonly EnrollmentStatus[] = ['SCHOOL_APPROVED', 'CONFIRMED', 'COMPLETED', 'FAILED'];

/** Enrollments waiting for the teacher's school to review them. */
export const AWAITING_SCHOOL_REVIEW: EnrollmentStatus = 'SELECTED';
