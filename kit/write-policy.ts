import { defaultFieldResolver, getNamedType, isNonNullType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden } from './access';
import type { Identity, Role } from './identity';

/**
 * Who may write, declared once per mutation beside the read rules (each slice's access.ts) and
 * enforced here for a whole subgraph: a caller whose role the declaration does not name gets
 * FORBIDDEN before any argument is read or any row touched. The declaration also says which row
 * the caller's scope is checked against (its owner, as in kit/access `RowOwner`) and the workflow
 * step the mutation performs; the command checks that row's owner against the caller (it has to
 * load the row), and province policy data may narrow the roles further (credit steps). A subgraph
 * whose contract has a mutation without a declaration refuses to start.
 */
export interface WriteRule {
  /** Roles that may call the mutation at all. */
  roles: readonly Role[];
  /**
   * The row whose owner decides the caller's scope, and how, in a few words: e.g. "the teacher's
   * school and county (registry placement)". Read by the "who may do what" table and the
   * acceptance matrix (test/write-policy.test.ts).
   */
  scope: string;
  /** The workflow step performed, with the policy term where there is one (登记, 审核, 验证…). */
  step: string;
  /**
   * Present when the mutation creates a record (issue 14, idempotent creates): how a repeated or
   * concurrent identical call is recognised, so that it stores nothing more and answers the one
   * record. Absent: the mutation changes or replaces rows that exist (a workflow step, an upsert
   * on the row's own key).
   */
  creates?: Creation;
}

/**
 * How a creating mutation is made safe to repeat. `idempotencyKey`: the caller sends a key of its
 * own (kit/idempotency.ts); the kit refuses to start a subgraph whose contract lacks the argument.
 * `naturalKey`: the record's own unique key recognises a repeat (e.g. one credit per enrollment);
 * the mutation's description says so, beginning the sentence with "Idempotent on".
 */
export type Creation = { record: string; by: 'idempotencyKey' } | { record: string; by: 'naturalKey'; key: string };

/** The argument a mutation declared `creates: { by: 'idempotencyKey' }` takes. */
export const IDEMPOTENCY_KEY_ARGUMENT = 'idempotencyKey';

/** Does the rule ask for the client's idempotency key? */
export function takesIdempotencyKey(rule: WriteRule): boolean {
  return rule.creates?.by === 'idempotencyKey';
}

/** Per mutation field name. */
export type WritePolicy = Record<string, WriteRule>;

/** The rule a caller whose role may not call a mutation breaks (`extensions.rule` of its FORBIDDEN). */
export const WRITE_POLICY = 'WRITE_POLICY';

interface WithIdentity {
  identity: Identity;
}

/** Throws FORBIDDEN unless the declaration names the caller's role. */
export function assertMayWrite(identity: Identity, mutation: string, rule: WriteRule): void {
  if (!rule.roles.includes(identity.role)) {
    throw forbidden(`${mutation} (${rule.step}) is for ${rule.roles.join(', ')}; the caller is ${identity.role}.`, { rule: WRITE_POLICY });
  }
}

function hasKeyArgument(field: GraphQLField<unknown, unknown>): boolean {
  const argument = field.args.find((a) => a.name === IDEMPOTENCY_KEY_ARGUMENT);
  return !!argument && !isNonNullType(argument.type) && getNamedType(argument.type).name === 'String';
}

/** Wraps every mutation of a built subgraph schema with its declared write rule; refuses a mutation without one. */
export function enforceWritePolicy(schema: GraphQLSchema, policy: WritePolicy): GraphQLSchema {
  const fields = schema.getMutationType()?.getFields() ?? {};
  const undeclared = Object.keys(fields).filter((name) => !policy[name]);
  const unknown = Object.keys(policy).filter((name) => !fields[name]);
  const declared = Object.keys(fields).filter((name) => policy[name]);
  // A key the contract takes but the policy does not know of, or the reverse, is a create left unsafe to repeat.
  const keyless = declared.filter((name) => takesIdempotencyKey(policy[name]) && !hasKeyArgument(fields[name]));
  const stray = declared.filter((name) => !takesIdempotencyKey(policy[name]) && fields[name].args.some((a) => a.name === IDEMPOTENCY_KEY_ARGUMENT));
  if (undeclared.length || unknown.length || keyless.length || stray.length) {
    throw new Error(
      [
        ...undeclared.map((m) => `Mutation.${m} has no write rule: declare who may call it, its scope and its step in the subgraph's access.ts (writes).`),
        ...unknown.map((m) => `The write rule ${m} names no mutation of the contract.`),
        ...keyless.map((m) => `Mutation.${m} creates a record by idempotency key (writes: creates) but takes no optional \`${IDEMPOTENCY_KEY_ARGUMENT}: String\`: add it to the contract.`),
        ...stray.map((m) => `Mutation.${m} takes an \`${IDEMPOTENCY_KEY_ARGUMENT}\` its write rule does not declare: declare creates: { by: 'idempotencyKey' }.`),
      ].join('\n'),
    );
  }
  for (const field of Object.values(fields) as GraphQLField<unknown, WithIdentity>[]) {
    const rule = policy[field.name];
    const resolve: GraphQLFieldResolver<unknown, WithIdentity> = field.resolve ?? defaultFieldResolver;
    field.resolve = (parent, args, context, info) => {
      assertMayWrite(context.identity, field.name, rule);
      return resolve(parent, args, context, info);
    };
  }
  return schema;
}
