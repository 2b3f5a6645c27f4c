import { GraphQLError } from 'graphql';

/**
 * Stable error codes clients can rely on (`extensions.code`).
 * Domain rules add their own, more specific codes (e.g. `CLASS_FULL`).
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Forbidden: 'FORBIDDEN',
  Unauthenticated: 'UNAUTHENTICATED',
} as const;

/**
 * An error a person can act on: thrown by rules and resolvers, sent to clients as is.
 * `details` lands in `extensions` (e.g. the field and the rule that failed).
 */
export class DomainError extends GraphQLError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { ...details, code } });
    this.name = 'DomainError';
  }
}

export function badInput(message: string, details: { field?: string; rule?: string } = {}): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, details);
}

export function notFound(what: string, key: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `${what} ${key} does not exist.`);
}
