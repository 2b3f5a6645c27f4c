import { buildSchema, graphql } from 'graphql';
import { enforceInputs, REGION_CODE } from './inputs';

const SDL = `
  scalar Date
  input Target { regionCode: ID!, year: Int!, note: String, on: Date, tags: [String!] }
  type Query { ok: Boolean }
  type Mutation { setTarget(input: Target!, reason: String): Boolean }
`;
const RULES = {
  'Target.regionCode': REGION_CODE,
  'Target.year': { min: 2000, max: 2100 },
  'Target.note': { maxLength: 5 },
  'Target.tags': { maxLength: 3, maxItems: 2 },
  'Mutation.setTarget.reason': { maxLength: 10 },
};

function schema() {
  const built = buildSchema(SDL);
  built.getMutationType()!.getFields().setTarget.resolve = () => true;
  return enforceInputs(built, RULES);
}

describe('mutation inputs (kit/inputs)', () => {
  const run = async (input: Record<string, unknown>, reason?: string) => {
    const result = await graphql({ schema: schema(), source: 'mutation($i: Target!, $r: String) { setTarget(input: $i, reason: $r) }', variableValues: { i: input, r: reason } });
    return result.errors?.[0]?.extensions ?? result.data;
  };
  const good = { regionCode: '510104', year: 2024 };

  it('lets a call within every rule through', async () => {
    expect(await run({ ...good, note: '中文五个字', tags: ['a', 'bcd'], on: '2024-01-01' }, 'why')).toEqual({ setTarget: true });
  });

  it.each([
    [{ ...good, note: '六个字的备注' }, undefined, 'input.note', 'MAX_LENGTH'],
    [good, 'x'.repeat(11), 'reason', 'MAX_LENGTH'],
    [{ ...good, regionCode: '000000' }, undefined, 'input.regionCode', 'FORMAT'],
    [{ ...good, year: -5 }, undefined, 'input.year', 'RANGE'],
    [{ ...good, on: '1000-01-01' }, undefined, 'input.on', 'RANGE'],
    [{ ...good, regionCode: 'x'.repeat(37) }, undefined, 'input.regionCode', 'MAX_LENGTH'],
    [{ ...good, tags: ['a', 'b', 'c'] }, undefined, 'input.tags', 'MAX_ITEMS'],
    [{ ...good, tags: ['abcd'] }, undefined, 'input.tags[0]', 'MAX_LENGTH'],
  ])('refuses %j (reason %s) naming %s and %s', async (input, reason, field, rule) => {
    expect(await run(input, reason)).toEqual({ code: 'BAD_USER_INPUT', field, rule });
  });

  it('refuses to start when a String or Int is not declared, or a rule names nothing', () => {
    const built = buildSchema(SDL);
    expect(() => enforceInputs(built, { ...RULES, 'Target.year': undefined as never, 'Target.nope': { maxLength: 1 } })).toThrow(
      /Target\.year takes text or a whole number that no input rule bounds[\s\S]*The input rule Target\.nope names no mutation argument/,
    );
  });
});
