import {
  allowedEnrollmentActions,
  assertSeatAvailable,
  SEAT_HOLDING_STATUSES,
  releasesSeat,
  takesSeat,
  transitionEnrollment,
  type EnrollmentAction,
} from './enrollment';
import type { EnrollmentStatus } from '../__generated__/resolvers-types';
import { errorOf } from '../../../kit/testing';


const EVERY_ACTION: EnrollmentAction[] = ['schoolApprove', 'schoolReject', 'confirm', 'decline', 'complete', 'fail', 'withdraw'];
const changeApproved = { projectChangeApproved: true };

describe('enrollment transitions', () => {
  it.each([
    ['SELECTED', 'schoolApprove', 'SCHOOL_APPROVED'],
    ['SELECTED', 'schoolReject', 'SCHOOL_REJECTED'],
    ['SCHOOL_APPROVED', 'confirm', 'CONFIRMED'],
    ['SCHOOL_APPROVED', 'decline', 'DECLINED'],
    ['CONFIRMED', 'complete', 'COMPLETED'],
    ['CONFIRMED', 'fail', 'FAILED'],
    ['SELECTED', 'withdraw', 'WITHDRAWN'],
    ['SCHOOL_APPROVED', 'withdraw', 'WITHDRAWN'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(transitionEnrollment(from, action)).toBe(to);
  });

  it('lets a confirmed teacher withdraw only after an approved change to the published project', () => {
    expect(transitionEnrollment('CONFIRMED', 'withdraw', changeApproved)).toBe('WITHDRAWN');
    const error = errorOf(() => transitionEnrollment('CONFIRMED', 'withdraw'));
    expect(error.extensions).toMatchObject({ code: 'WITHDRAWAL_NOT_ALLOWED', rule: 'WITHDRAWAL_NOT_ALLOWED', allowedActions: ['complete', 'fail'] });
    expect(error.message).toContain('approved a change');
  });

  const allowed: Record<EnrollmentStatus, EnrollmentAction[]> = {
    SELECTED: ['schoolApprove', 'schoolReject', 'withdraw'],
    SCHOOL_APPROVED: ['confirm', 'decline', 'withdraw'],
    SCHOOL_REJECTED: [],
    CONFIRMED: ['complete', 'fail'],
    DECLINED: [],
    COMPLETED: [],
    FAILED: [],
    WITHDRAWN: [],
  };

  it.each(Object.entries(allowed) as [EnrollmentStatus, EnrollmentAction[]][])('%s allows exactly %p', (status, actions) => {
    expect(allowedEnrollmentActions(status, { projectChangeApproved: false })).toEqual(actions);
    for (const action of EVERY_ACTION.filter((a) => !actions.includes(a) && !(status === 'CONFIRMED' && a === 'withdraw'))) {
      const error = errorOf(() => transitionEnrollment(status, action));
      expect(error.extensions).toMatchObject({ code: 'INVALID_TRANSITION', status, action, allowedActions: actions });
    }
  });

  it('opens withdrawal of a confirmed enrollment, and nothing else, once a change was approved', () => {
    expect(allowedEnrollmentActions('CONFIRMED', changeApproved)).toEqual(['complete', 'fail', 'withdraw']);
    expect(allowedEnrollmentActions('COMPLETED', changeApproved)).toEqual([]);
    expect(errorOf(() => transitionEnrollment('COMPLETED', 'withdraw', changeApproved)).extensions.code).toBe('INVALID_TRANSITION');
  });

  it('names the status, the action and the allowed actions', () => {
    expect(errorOf(() => transitionEnrollment('CONFIRMED', 'schoolApprove')).message).toBe(
      'A CONFIRMED enrollment cannot be approved by the school; allowed actions: complete, fail.',
    );
    expect(errorOf(() => transitionEnrollment('WITHDRAWN', 'confirm')).message).toBe(
      'A WITHDRAWN enrollment cannot be confirmed by the institution; allowed actions: none.',
    );
  });
});

describe('seats', () => {
  it('are taken by the selection and kept through approval, confirmation and completion', () => {
    expect(SEAT_HOLDING_STATUSES).toContain('SELECTED');
    expect(takesSeat('SELECTED', 'SCHOOL_APPROVED')).toBe(false);
    expect(takesSeat('SCHOOL_APPROVED', 'CONFIRMED')).toBe(false);
    expect(takesSeat('CONFIRMED', 'COMPLETED')).toBe(false);
    expect(takesSeat('WITHDRAWN', 'SELECTED')).toBe(true);
    expect(releasesSeat('CONFIRMED', 'COMPLETED')).toBe(false);
    expect(releasesSeat('CONFIRMED', 'FAILED')).toBe(false);
  });

  it('are given back by a rejection, a decline or a withdrawal', () => {
    expect(releasesSeat('SELECTED', 'SCHOOL_REJECTED')).toBe(true);
    expect(releasesSeat('SCHOOL_APPROVED', 'DECLINED')).toBe(true);
    expect(releasesSeat('SELECTED', 'WITHDRAWN')).toBe(true);
    expect(releasesSeat('CONFIRMED', 'WITHDRAWN')).toBe(true);
  });

  it('allow the last seat and refuse the next, naming the class and the numbers', () => {
    expect(() => assertSeatAvailable(29, 30, '小学数学1班')).not.toThrow();
    const error = errorOf(() => assertSeatAvailable(30, 30, '小学数学1班'));
    expect(error.extensions).toMatchObject({ code: 'CLASS_FULL', rule: 'CLASS_FULL', seatsTaken: 30, capacity: 30 });
    expect(error.message).toBe('Class 小学数学1班 is full: 30 of 30 seats taken.');
  });
});
