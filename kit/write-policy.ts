import { defaultFieldResolver, getNamedType, isNonNullType, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden } from './access';
import type { Identity, Role } from './identity';

/**
 * Who may write, declared once per mutation beside the read rules (each slice's access.ts) and
 * enforced here for a whole subgraph: a caller the declaration does not admit (by role; a SERVICE
 * caller by its service's name) gets FORBIDDEN before any argument is read or any row touched. The declaration also says which row
 * the caller's scope is checked against (its owner, as in kit/access `RowOwner`) and the workflow
 * step the mutation performs; the command checks that row's owner against the caller (it has to
 * load the row), and province policy data may narrow the roles further (credit steps). A subgraph
 * whose contract has a mutation without a declaration refuses to start.
 */
export interface WriteRule {
  /** Roles that may call the mutation at all; never SERVICE, whose callers are admitted by name ({@link services}). */
  roles: readonly Role[];
  /**
   * Services (a SERVICE identity's `service`: another slice's, or this slice's own worker) that may
   * call the mutation: e.g. `['credits']` on `registerCompletionCredits`, which the completion sync
   * calls as the credits service. A SERVICE caller is refused every mutation whose rule does not
   * name its service, so a service token writes only where a declaration says so, and the command
   * checks what the service states against the owning slice's facts as it would a person's.
   */
  services?: readonly string[];
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

/** Does the declaration admit the caller: its role, or for a SERVICE caller its service by name? */
export function admits(rule: WriteRule, identity: Pick<Identity, 'role' | 'service'>): boolean {
  if (identity.role === 'SERVICE') return !!identity.service && (rule.services ?? []).includes(identity.service);
  return rule.roles.includes(identity.role);
}

/** Who the declaration admits, in words: its roles, then `SERVICE credits` for each service named. */
export function callersOf(rule: WriteRule): string[] {
  return [...rule.roles, ...(rule.services ?? []).map((service) => `SERVICE ${service}`)];
}

/** Throws FORBIDDEN unless the declaration admits the caller (its role, or its service by name). */
export function assertMayWrite(identity: Identity, mutation: string, rule: WriteRule): void {
  if (!admits(rule, identity)) {
    const caller = identity.role === 'SERVICE' ? `the ${identity.service} service` : identity.role;
    throw forbidden(`${mutation} (${rule.step}) is for ${callersOf(rule).join(', ')}; the caller is ${caller}.`, { rule: WRITE_POLICY });
  }
}

/** Service names as kit/identity accepts them: a slice's name in lower case. */
const SERVICE_NAME = /^[a-z][a-z0-9-]{1,39}$/;

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
  // SERVICE as a role would admit every service: a service is admitted by its name only.
  const anyService = declared.filter((name) => policy[name].roles.includes('SERVICE'));
  const badNames = declared.flatMap((name) => (policy[name].services ?? []).filter((service) => !SERVICE_NAME.test(service)).map((service) => `${name}: "${service}"`));
  if (undeclared.length || unknown.length || keyless.length || stray.length || anyService.length || badNames.length) {
    throw new Error(
      [
        ...undeclared.map((m) => `Mutation.${m} has no write rule: declare who may call it, its scope and its step in the subgraph's access.ts (writes).`),
        ...unknown.map((m) => `The write rule ${m} names no mutation of the contract.`),
        ...keyless.map((m) => `Mutation.${m} creates a record by idempotency key (writes: creates) but takes no optional \`${IDEMPOTENCY_KEY_ARGUMENT}: String\`: add it to the contract.`),
        ...stray.map((m) => `Mutation.${m} takes an \`${IDEMPOTENCY_KEY_ARGUMENT}\` its write rule does not declare: declare creates: { by: 'idempotencyKey' }.`),
        ...anyService.map((m) => `The write rule ${m} names the role SERVICE, which would admit every service: name the services it admits (services: ['credits']).`),
        ...badNames.map((m) => `The write rule ${m} is not a service name (a slice's name in lower case, e.g. credits).`),
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
