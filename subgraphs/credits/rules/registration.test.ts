import { errorOf } from '../../../kit/testing';
import { assertCompletedEnrollment, assertSourceForRole } from './registration';

describe('who registers what', () => {
  it('lets a school register only school-run credits', () => {
    expect(() => assertSourceForRole('SCHOOL_ADMIN', 'SCHOOL_BASED')).not.toThrow();
    expect(errorOf(() => assertSourceForRole('SCHOOL_ADMIN', 'DEGREE_STUDY')).extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SOURCE_NOT_ALLOWED_FOR_ROLE' });
  });

  describe('an institution reporting a completion', () => {
    const facts = { status: 'COMPLETED', teacherId: 't1', projectId: 'p1', institutionId: 'i1' };
    const claim = { enrollmentId: 'e1', teacherId: 't1', trainingProjectId: 'p1', institutionId: 'i1' };

    it('is believed for its own project’s completed enrollment', () => {
      expect(() => assertCompletedEnrollment(facts, claim)).not.toThrow();
    });

    it.each([
      [null, claim, 'NOT_FOUND', 'ENROLLMENT_UNKNOWN'],
      [facts, { ...claim, institutionId: 'i2' }, 'FORBIDDEN', 'NOT_YOUR_PROJECT'],
      [facts, { ...claim, teacherId: 't2' }, 'BAD_USER_INPUT', 'COMPLETION_MISMATCH'],
      [facts, { ...claim, trainingProjectId: 'p2' }, 'BAD_USER_INPUT', 'COMPLETION_MISMATCH'],
      [{ ...facts, status: 'CONFIRMED' }, claim, 'BAD_USER_INPUT', 'NOT_COMPLETED'],
    ])('is refused when the training records say otherwise (%#)', (given, asClaimed, code, rule) => {
      expect(errorOf(() => assertCompletedEnrollment(given, asClaimed)).extensions).toMatchObject({ code, rule });
    });
  });

  describe('the credits service registering a completion from the feed', () => {
    const facts = { status: 'COMPLETED', teacherId: 't1', projectId: 'p1', institutionId: 'i1' };
    const claim = { enrollmentId: 'e1', teacherId: 't1', trainingProjectId: 'p1', institutionId: null };

    it('is believed for any project’s completed enrollment', () => {
      expect(() => assertCompletedEnrollment(facts, claim)).not.toThrow();
    });

    it.each([
      [null, claim, 'NOT_FOUND', 'ENROLLMENT_UNKNOWN'],
      [facts, { ...claim, teacherId: 't2' }, 'BAD_USER_INPUT', 'COMPLETION_MISMATCH'],
      [{ ...facts, status: 'SELECTED' }, claim, 'BAD_USER_INPUT', 'NOT_COMPLETED'],
    ])('is refused when the training records say otherwise (%#)', (given, asClaimed, code, rule) => {
      expect(errorOf(() => assertCompletedEnrollment(given, asClaimed)).extensions).toMatchObject({ code, rule });
    });
  });
});
