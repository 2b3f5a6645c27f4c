import { buildSchema, graphql } from 'graphql';
import { callersOf, enforceWritePolicy, type WritePolicy } from './write-policy';

const contract = `type Query { ok: Boolean } type Mutation { register(name: String!): String close(id: ID!): String }`;
const resolvers = { register: () => 'stored', close: () => 'closed' };
const policy: WritePolicy = {
  register: { roles: ['SCHOOL_ADMIN'], scope: 'the school named', step: '登记 register' },
  close: { roles: ['SYSTEM'], scope: 'any', step: 'close' },
};

describe('kit/write-policy', () => {
  it('lets a declared role through and refuses every other role with FORBIDDEN before the resolver runs', async () => {
    const schema = enforceWritePolicy(buildSchema(contract), policy);
    const run = (role: string) =>
      graphql({ schema, source: 'mutation { register(name: "x") }', rootValue: resolvers, contextValue: { identity: { role, subject: 's' } } });
    expect((await run('SCHOOL_ADMIN')).data).toEqual({ register: 'stored' });
    const refused = await run('TEACHER');
    expect(refused.data).toEqual({ register: null });
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toContain('register (登记 register) is for SCHOOL_ADMIN; the caller is TEACHER');
  });

  it('admits a SERVICE caller only to a mutation whose rule names its service, never by the role', async () => {
    const admitting: WritePolicy = { ...policy, close: { ...policy.close, services: ['credits'] } };
    const schema = enforceWritePolicy(buildSchema(contract), admitting);
    const run = (source: string, service: string) => graphql({ schema, source, rootValue: resolvers, contextValue: { identity: { role: 'SERVICE', subject: 's', service } } });
    expect((await run('mutation { close(id: "1") }', 'credits')).data).toEqual({ close: 'closed' });
    const otherService = await run('mutation { close(id: "1") }', 'training');
    expect(otherService.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
    expect(otherService.errors![0].message).toContain('close (close) is for SYSTEM, SERVICE credits; the caller is the training service');
    const undeclared = await run('mutation { register(name: "x") }', 'credits');
    expect(undeclared.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'WRITE_POLICY' });
    expect(callersOf(admitting.close)).toEqual(['SYSTEM', 'SERVICE credits']);
  });

  it('refuses to start with SERVICE as a role (it would admit every service) or a malformed service name', () => {
    expect(() => enforceWritePolicy(buildSchema(contract), { ...policy, close: { ...policy.close, roles: ['SYSTEM', 'SERVICE'] } })).toThrow(
      'The write rule close names the role SERVICE, which would admit every service',
    );
    expect(() => enforceWritePolicy(buildSchema(contract), { ...policy, close: { ...policy.close, services: ['Credits Service'] } })).toThrow(
      'The write rule close: "Credits Service" is not a service name',
    );
  });

  it('refuses to start with a mutation that has no declaration, or a declaration for no mutation', () => {
    const { close: _close, ...partial } = policy;
    expect(() => enforceWritePolicy(buildSchema(contract), partial)).toThrow('Mutation.close has no write rule');
    expect(() => enforceWritePolicy(buildSchema(contract), { ...policy, gone: policy.close })).toThrow('The write rule gone names no mutation');
  });

  it('refuses to start when a create declared safe to repeat by key takes no idempotencyKey, or a key is taken undeclared', () => {
    const creating: WritePolicy = { ...policy, register: { ...policy.register, creates: { record: 'a name', by: 'idempotencyKey' } } };
    expect(() => enforceWritePolicy(buildSchema(contract), creating)).toThrow('Mutation.register creates a record by idempotency key (writes: creates) but takes no optional `idempotencyKey: String`');
    const keyed = `type Query { ok: Boolean } type Mutation { register(name: String!, idempotencyKey: String): String close(id: ID!): String }`;
    expect(() => enforceWritePolicy(buildSchema(keyed), creating)).not.toThrow();
    expect(() => enforceWritePolicy(buildSchema(keyed), policy)).toThrow('Mutation.register takes an `idempotencyKey` its write rule does not declare');
    const required = keyed.replace('idempotencyKey: String', 'idempotencyKey: String!');
    expect(() => enforceWritePolicy(buildSchema(required), creating)).toThrow('takes no optional `idempotencyKey: String`');
    const natural: WritePolicy = { ...policy, register: { ...policy.register, creates: { record: 'a name', by: 'naturalKey', key: 'name' } } };
    expect(() => enforceWritePolicy(buildSchema(contract), natural)).not.toThrow();
  });
});
