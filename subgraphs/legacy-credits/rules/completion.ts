import { DomainError, ErrorCode } from '../../../kit/errors';

/** Training's record of an enrollment, as the graph shows it. */
export interface EnrollmentFacts {
  status: string;
  teacherId: string;
  projectId: string;
  institutionId: string;
}

/**
 * 结业学分 only for what training records: the enrollment exists, is the claimed teacher's place in
 * the claimed project, is COMPLETED, and for an institution is in one of its own projects. The
 * credits service (the completion sync, `institutionId` null) may claim any project's completion,
 * but no more than training's record says. Codes as the contract's reference slice answers them.
 */
export function assertCompletedEnrollment(
  facts: EnrollmentFacts | null,
  claim: { enrollmentId: string; teacherId: string; trainingProjectId: string; institutionId: string | null },
): void {
  if (!facts) {
    throw new DomainError(ErrorCode.NotFound, `The training records have no enrollment ${claim.enrollmentId}.`, { rule: 'ENROLLMENT_UNKNOWN' });
  }
  if (claim.institutionId !== null && facts.institutionId !== claim.institutionId) {
    throw new DomainError(ErrorCode.Forbidden, `Enrollment ${claim.enrollmentId} is in another institution's project.`, { rule: 'NOT_YOUR_PROJECT' });
  }
  if (facts.teacherId !== claim.teacherId || facts.projectId !== claim.trainingProjectId) {
    throw new DomainError(ErrorCode.BadUserInput, `Enrollment ${claim.enrollmentId} is not that teacher's place in that project.`, { rule: 'COMPLETION_MISMATCH' });
  }
  if (facts.status !== 'COMPLETED') {
    throw new DomainError(ErrorCode.BadUserInput, `Enrollment ${claim.enrollmentId} is ${facts.status}, not COMPLETED: record the completion in training first.`, {
      rule: 'NOT_COMPLETED',
    });
  }
}

export const ENROLLMENT_ALREADY_CREDITED = 'ENROLLMENT_ALREADY_CREDITED';

/**
 * One entry per 报名编号: the same completion sent again answers the stored entry, but the
 * enrollment sent again for another teacher is refused (CONFLICT), as the reference slice answers.
 */
export function assertSameCompletion(creditedTeacherId: string, claim: { enrollmentId: string; teacherId: string }): void {
  if (creditedTeacherId !== claim.teacherId) {
    throw new DomainError(ErrorCode.Conflict, `Enrollment ${claim.enrollmentId} is already credited to another teacher.`, {
      field: 'enrollmentId',
      rule: ENROLLMENT_ALREADY_CREDITED,
    });
  }
}
