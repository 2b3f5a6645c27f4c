import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_DIR, checkContracts, readContracts } from '../schema/check-compatibility';

/** `npm run check:contracts`: the contracts against the checked-in baseline (schema/baseline/). */
describe('the breaking-change check for schema/', () => {
  it('passes for the working tree against the baseline', async () => {
    const { ok, report } = await checkContracts(readContracts(BASELINE_DIR), readContracts());
    expect(report).toMatch(/No breaking change/);
    expect(ok).toBe(true);
  });

  it('fails on a removed field and a removed enum value, naming them', async () => {
    const current = readContracts();
    // CreditSource is shared with certification: the value goes from both, or they do not compose.
    const withoutDegreeStudy = (sdl: string) => sdl.replace('  "学历提升: degree study"\n  DEGREE_STUDY\n', '');
    const credits = withoutDegreeStudy(current.credits.replace(/(  "[^"\n]*"\n)?  pending: Decimal!\n/, ''));
    const { ok, report } = await checkContracts(readContracts(BASELINE_DIR), { ...current, credits, certification: withoutDegreeStudy(current.certification) });
    expect(ok).toBe(false);
    expect(report).toMatch(/breaking change\(s\)/);
    expect(report).toContain('CreditAccount.pending');
    expect(report).toContain('DEGREE_STUDY');
  });

  it('fails on a changed argument type and passes an addition', async () => {
    const current = readContracts();
    const changed = current.credits.replace(/(creditPolicies\((\s*"[^"\n]*")?\s*provinceCode: )ID!/, '$1Int!');
    const failed = await checkContracts(readContracts(BASELINE_DIR), { ...current, credits: changed });
    expect(failed.ok).toBe(false);
    expect(failed.report).toContain('Query.creditPolicies.provinceCode');
    const added = current.credits.replace('  pending: Decimal!\n', '  pending: Decimal!\n  "New."\n  carriedOver: Decimal\n');
    const passed = await checkContracts(readContracts(BASELINE_DIR), { ...current, credits: added });
    expect(passed.ok).toBe(true);
  });

  it('accepts the legacy credits SDL: its hidden 身份证号 key changes nothing clients see', async () => {
    const legacy = readFileSync(join(__dirname, '..', 'subgraphs/legacy-credits/credits.graphql'), 'utf8');
    const { ok } = await checkContracts(readContracts(BASELINE_DIR), { ...readContracts(), credits: legacy });
    expect(ok).toBe(true);
  });

  it('keeps the legacy credits SDL in step with the contract: only the Teacher key differs', () => {
    const legacy = readFileSync(join(__dirname, '..', 'subgraphs/legacy-credits/credits.graphql'), 'utf8');
    const contract = readContracts().credits;
    const comparable = (sdl: string) =>
      sdl
        .replace(/^#.*\n/gm, '')
        .replace(', "@inaccessible"]', ']')
        .replace(/type Teacher @key\(fields: "idNumber"\) \{\n(\s*".*"\n)?\s*idNumber: String! @inaccessible\n/, 'type Teacher @key(fields: "id") {\n  id: ID!\n');
    expect(comparable(legacy)).toBe(comparable(contract));
  });
});
