import { assertCompletedEnrollment, assertSameCompletion, type EnrollmentFacts } from './completion';

const facts: EnrollmentFacts = { status: 'COMPLETED', teacherId: 't1', projectId: 'p1', institutionId: 'i1' };
const claim: { enrollmentId: string; teacherId: string; trainingProjectId: string; institutionId: string | null } = { enrollmentId: 'e1', teacherId: 't1', trainingProjectId: 'p1', institutionId: 'i1' };

function refusal(f: EnrollmentFacts | null, c = claim): Record<string, unknown> | null {
  try {
    assertCompletedEnrollment(f, c);
    return null;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
}

describe('a completion claim against training’s record', () => {
  it('admits the institution’s own completed enrollment, and the credits service (no institution) for any project', () => {
    expect(refusal(facts)).toBeNull();
    expect(refusal(facts, { ...claim, institutionId: null })).toBeNull();
    expect(refusal({ ...facts, institutionId: 'i2' }, { ...claim, institutionId: null })).toBeNull();
  });

  it('refuses with the reference slice’s codes: unknown, another institution’s, another teacher or project, not completed', () => {
    expect(refusal(null)).toMatchObject({ code: 'NOT_FOUND', rule: 'ENROLLMENT_UNKNOWN' });
    expect(refusal({ ...facts, institutionId: 'i2' })).toMatchObject({ code: 'FORBIDDEN', rule: 'NOT_YOUR_PROJECT' });
    expect(refusal({ ...facts, teacherId: 't2' })).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'COMPLETION_MISMATCH' });
    expect(refusal({ ...facts, projectId: 'p2' })).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'COMPLETION_MISMATCH' });
    expect(refusal({ ...facts, status: 'ENROLLED' })).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'NOT_COMPLETED' });
  });
});

describe('a completion sent again', () => {
  it('answers the stored entry for the same teacher, and refuses another teacher with ENROLLMENT_ALREADY_CREDITED (CONFLICT)', () => {
    expect(() => assertSameCompletion('t1', { enrollmentId: 'e1', teacherId: 't1' })).not.toThrow();
    let refusal: { message: string; extensions: Record<string, unknown> } | undefined;
    try {
      assertSameCompletion('t1', { enrollmentId: 'e1', teacherId: 't2' });
    } catch (error) {
      refusal = error as typeof refusal;
    }
    expect(refusal?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ENROLLMENT_ALREADY_CREDITED', field: 'enrollmentId' });
    expect(refusal?.message).toBe('Enrollment e1 is already credited to another teacher.');
  });
});
