import { DomainError, ErrorCode } from '../../../kit/errors';
import { CreditSource } from '../__generated__/resolvers-types';
import type { ActorRole } from './policy';

/** Where a credit comes from, in the contract's order (enum `CreditSource`). */
export const CREDIT_SOURCES: readonly CreditSource[] = Object.values(CreditSource);

/**
 * Sources each registering role may register, on top of the policy's register roles:
 * a school registers its school-run training (校本研修), an institution the completions
 * of its training; bureaus and imports (system) register any source.
 */
const SOURCES_BY_ROLE: Partial<Record<ActorRole, readonly CreditSource[]>> = {
  SCHOOL_ADMIN: ['SCHOOL_BASED'],
  INSTITUTION: ['TRAINING_COMPLETION'],
};

export function assertSourceForRole(role: ActorRole, source: CreditSource): void {
  const allowed = SOURCES_BY_ROLE[role];
  if (allowed && !allowed.includes(source)) {
    throw new DomainError(ErrorCode.Forbidden, `A ${role} registers only ${allowed.join(', ')} credits, not ${source}.`, {
      rule: 'SOURCE_NOT_ALLOWED_FOR_ROLE',
      allowedSources: allowed,
    });
  }
}

/** The training slice's record of an enrollment, as the graph shows it. */
export interface EnrollmentFacts {
  status: string;
  teacherId: string;
  projectId: string;
  institutionId: string;
}

/**
 * A completion is registered only once the training slice records the enrollment as completed,
 * for the teacher and project the claim names; an institution's only for its own project's
 * enrollment. The credits service (the completion sync, `institutionId` null) registers any
 * project's completion, but no more than training's record says, so a stolen service token
 * cannot make a credit up.
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
    throw new DomainError(ErrorCode.BadUserInput, `Enrollment ${claim.enrollmentId} is not that teacher's place in that project.`, {
      rule: 'COMPLETION_MISMATCH',
    });
  }
  if (facts.status !== 'COMPLETED') {
    throw new DomainError(ErrorCode.BadUserInput, `Enrollment ${claim.enrollmentId} is ${facts.status}, not COMPLETED: record the completion in training first.`, {
      rule: 'NOT_COMPLETED',
    });
  }
}
