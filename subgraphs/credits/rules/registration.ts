import { DomainError, ErrorCode } from '../../shared/errors';
import type { ActorRole } from './policy';

/** Where a credit comes from (GraphQL enum `CreditSource`). */
export const CREDIT_SOURCES = ['TRAINING_COMPLETION', 'SCHOOL_BASED', 'EXTERNAL_PROGRAMME', 'DEGREE_STUDY', 'OTHER_CONVERTED'] as const;
export type CreditSourceKind = (typeof CREDIT_SOURCES)[number];

/**
 * Sources each registering role may register, on top of the policy's register roles:
 * a school registers its school-run training (校本研修), an institution the completions
 * of its training; bureaus and imports (system) register any source.
 */
const SOURCES_BY_ROLE: Partial<Record<ActorRole, readonly CreditSourceKind[]>> = {
  SCHOOL_ADMIN: ['SCHOOL_BASED'],
  INSTITUTION: ['TRAINING_COMPLETION'],
};

export function assertSourceForRole(role: ActorRole, source: string): void {
  const allowed = SOURCES_BY_ROLE[role];
  if (allowed && !allowed.includes(source as CreditSourceKind)) {
    throw new DomainError(ErrorCode.Forbidden, `A ${role} registers only ${allowed.join(', ')} credits, not ${source}.`, {
      rule: 'SOURCE_NOT_ALLOWED_FOR_ROLE',
      allowedSources: allowed,
    });
  }
}
