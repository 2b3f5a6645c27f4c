import { GraphQLError } from 'graphql';

/**
 * For unit tests of rules: runs `fn`, expects it to throw a GraphQL error (a DomainError
 * or a BAD_USER_INPUT from `badInput`) and returns it, so a test can check its code,
 * rule and message. Fails the test if nothing, or something else, is thrown.
 */
export function errorOf(fn: () => unknown): GraphQLError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected the call to throw a GraphQL error');
}
