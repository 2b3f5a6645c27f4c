import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, type GraphQLSchema } from 'graphql';
import { enforceAccess, SERVICE_GRANT, type AccessRules, type ServiceGrants } from './access';
import { validateIdentity, type Identity } from './identity';

/** A miniature registry: teachers with a school, a personal field, a role-limited field and a mutation. */
const SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    teachers: [Teacher!]!
    schools: [School!]!
  }
  type Mutation {
    rename(id: ID!, name: String!): Teacher!
  }
  type Teacher @key(fields: "id") {
    id: ID!
    name: String!
    idCardNumber: String!
    school: School!
    account: String
  }
  type School @key(fields: "id") {
    id: ID!
    region: String!
  }
`;

const SCHOOL = { id: 's1', region: '510104' };
const TEACHER = { id: 't1', name: '王芳', idCardNumber: '510104199001011234', schoolId: 's1', regionCode: '510104' };

const RULES: AccessRules = {
  Teacher: {
    owner: (t: typeof TEACHER) => ({ teacherId: t.id, schoolId: t.schoolId, regionCode: t.regionCode }),
    personal: { idCardNumber: (v: string) => `${v.slice(0, 3)}***` },
    fieldRoles: { account: ['TEACHER'] },
  },
};

const GRANTS: ServiceGrants = {
  credits: ['Query.teachers', 'Teacher.idCardNumber', 'Teacher.school', 'School.region', 'Teacher.account'],
  training: ['Query.teachers', 'Teacher.school', 'School.region'],
};

let loads = 0;

function schemaWith(services: ServiceGrants | undefined): GraphQLSchema {
  const schema = buildSubgraphSchema([
    {
      typeDefs: parse(SDL),
      resolvers: {
        Query: {
          teachers: () => {
            loads += 1;
            return [TEACHER];
          },
          schools: () => [SCHOOL],
        },
        Mutation: { rename: () => TEACHER },
        Teacher: {
          __resolveReference: () => TEACHER,
          school: () => SCHOOL,
          account: () => 'open',
        },
      } as never,
    },
  ]);
  return enforceAccess(schema, RULES, services);
}

const schema = schemaWith(GRANTS);
const service = (name: string): Identity => ({ role: 'SERVICE', subject: `${name}-service`, service: name });

async function run(identity: Identity, source: string, variables?: Record<string, unknown>) {
  return graphql({ schema, source, variableValues: variables, contextValue: { identity } });
}

function refusal(result: { errors?: readonly { extensions: Record<string, unknown>; message: string }[] }) {
  return { code: result.errors?.[0]?.extensions.code, rule: result.errors?.[0]?.extensions.rule, message: result.errors?.[0]?.message };
}

describe('service grants (kit/access)', () => {
  it('lets a service read what its grant names, every row and personal fields whole where granted', async () => {
    const result = await run(service('credits'), '{ teachers { id idCardNumber school { id region } account } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ teachers: [{ id: 't1', idCardNumber: TEACHER.idCardNumber, school: { id: 's1', region: '510104' }, account: 'open' }] });
  });

  it('refuses, before anything loads, a read of one field the grant does not name', async () => {
    const before = loads;
    const result = await run(service('credits'), '{ teachers { id name } }');
    expect(refusal(result)).toMatchObject({ code: 'FORBIDDEN', rule: SERVICE_GRANT });
    expect(refusal(result).message).toContain('Teacher.name');
    expect(result.data).toBeNull();
    expect(loads).toBe(before);
  });

  it('follows fragments and inline fragments', async () => {
    const named = await run(service('credits'), '{ teachers { ...T } } fragment T on Teacher { id name }');
    expect(refusal(named)).toMatchObject({ code: 'FORBIDDEN', rule: SERVICE_GRANT });
    const inline = await run(service('credits'), '{ teachers { ... on Teacher { school { id } name } } }');
    expect(refusal(inline).message).toContain('Teacher.name');
  });

  it('refuses a root field not granted, and checks what an entity reference selects', async () => {
    expect(refusal(await run(service('credits'), '{ schools { id } }'))).toMatchObject({ code: 'FORBIDDEN', rule: SERVICE_GRANT });
    const entities = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Teacher { SELECTION } } }';
    const r = [{ __typename: 'Teacher', id: 't1' }];
    const granted = await run(service('credits'), entities.replace('SELECTION', 'idCardNumber'), { r });
    expect(granted.errors).toBeUndefined();
    expect(granted.data).toEqual({ _entities: [{ idCardNumber: TEACHER.idCardNumber }] });
    expect(refusal(await run(service('credits'), entities.replace('SELECTION', 'name'), { r }))).toMatchObject({ code: 'FORBIDDEN', rule: SERVICE_GRANT });
  });

  it("grants per service: training may not read what only credits may, an unknown service nothing", async () => {
    const read = '{ teachers { id idCardNumber } }';
    expect(refusal(await run(service('training'), read))).toMatchObject({ code: 'FORBIDDEN', rule: SERVICE_GRANT });
    expect((await run(service('training'), '{ teachers { school { region } } }')).errors).toBeUndefined();
    expect(refusal(await run(service('reports'), '{ teachers { id } }'))).toMatchObject({ code: 'FORBIDDEN', rule: SERVICE_GRANT });
    const ungranted = schemaWith(undefined);
    const none = await graphql({ schema: ungranted, source: '{ teachers { id } }', contextValue: { identity: service('credits') } });
    expect(refusal(none)).toMatchObject({ code: 'FORBIDDEN', rule: SERVICE_GRANT });
  });

  it('leaves other callers to row scope and masks as before', async () => {
    const bureau: Identity = { role: 'COUNTY_BUREAU', subject: 'b', regionCode: '510104' };
    const result = await run(bureau, '{ teachers { name idCardNumber } }');
    expect(result.data).toEqual({ teachers: [{ name: '王芳', idCardNumber: TEACHER.idCardNumber }] });
    const other: Identity = { role: 'COUNTY_BUREAU', subject: 'b', regionCode: '510105' };
    expect((await run(other, '{ teachers { name } }')).data).toEqual({ teachers: [] });
  });

  it('refuses at start a grant of a mutation or of a field the contract lacks', () => {
    expect(() => schemaWith({ credits: ['Mutation.rename'] })).toThrow(/Mutation.rename is a mutation; a service writes nothing/);
    expect(() => schemaWith({ credits: ['Teacher.phone'] })).toThrow(/Teacher.phone names no field/);
  });
});

describe('service identities (kit/identity)', () => {
  it('needs a service name, and only a service may name one', () => {
    expect(validateIdentity(service('credits'))).toMatchObject({ role: 'SERVICE', service: 'credits' });
    expect(() => validateIdentity({ role: 'SERVICE', subject: 's' })).toThrow(/must name its service/);
    expect(() => validateIdentity({ role: 'SERVICE', subject: 's', service: 'Credits Service' })).toThrow(/not a service name/);
    expect(() => validateIdentity({ role: 'ANALYST', subject: 'a', service: 'credits' })).toThrow(/names no service/);
  });
});
