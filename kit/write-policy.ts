import { defaultFieldResolver, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
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

/** Wraps every mutation of a built subgraph schema with its declared write rule; refuses a mutation without one. */
export function enforceWritePolicy(schema: GraphQLSchema, policy: WritePolicy): GraphQLSchema {
  const fields = schema.getMutationType()?.getFields() ?? {};
  const undeclared = Object.keys(fields).filter((name) => !policy[name]);
  const unknown = Object.keys(policy).filter((name) => !fields[name]);
  if (undeclared.length || unknown.length) {
    throw new Error(
      [
        ...undeclared.map((m) => `Mutation.${m} has no write rule: declare who may call it, its scope and its step in the subgraph's access.ts (writes).`),
        ...unknown.map((m) => `The write rule ${m} names no mutation of the contract.`),
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
