/**
 * Breaking-change check for the contracts: is the schema clients see (the API schema of the
 * composed supergraph) still compatible with the one they were promised?
 *
 *   npm run check:contracts                      compare schema/*.graphql with schema/baseline/
 *   npm run check:contracts -- --baseline DIR    compare with contracts in another folder
 *   npm run check:contracts -- --update          accept the current contracts as the new baseline
 *
 * The baseline is a checked-in snapshot (`schema/baseline/<name>.graphql`): it works on a fresh
 * clone with no network and no `origin`, and a deliberate break shows up in review as a change
 * to the baseline. Removed or changed fields, arguments, types and enum values that clients
 * use fail with a readable report; additions pass. The differ is @graphql-inspector/core.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { composeServices } from '@apollo/composition';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { parse, type GraphQLSchema } from 'graphql';
import { SCHEMA_DIR, SUBGRAPHS, defaultSubgraphUrl, type SubgraphName } from './subgraphs';

export const BASELINE_DIR = join(SCHEMA_DIR, 'baseline');

export type ContractSdls = Record<SubgraphName, string>;

/** The four contracts as found in `dir` (`<name>.graphql`). */
export function readContracts(dir: string = SCHEMA_DIR): ContractSdls {
  return Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, readFileSync(join(dir, `${name}.graphql`), 'utf8')])) as ContractSdls;
}

export type Composition = { ok: true; supergraphSdl: string; apiSchema: GraphQLSchema } | { ok: false; errors: string[] };

/** Composes four SDLs with @apollo/composition; on success, the API (client-facing) schema too. */
export function composeSdls(sdls: ContractSdls): Composition {
  let typeDefs;
  try {
    typeDefs = SUBGRAPHS.map(({ name }) => ({ name, url: defaultSubgraphUrl(name), typeDefs: parse(sdls[name]) }));
  } catch (error) {
    return { ok: false, errors: [`SDL does not parse: ${(error as Error).message}`] };
  }
  const result = composeServices(typeDefs);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl, apiSchema: result.schema.toAPISchema().toGraphQLJSSchema() };
}

export interface CompatibilityReport {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
}

/** The changes from `before` to `after`, as @graphql-inspector/core classifies them. */
export async function compareApiSchemas(before: GraphQLSchema, after: GraphQLSchema): Promise<CompatibilityReport> {
  const changes = await diff(before, after);
  return {
    breaking: changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking),
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((c) => c.criticality.level === CriticalityLevel.NonBreaking),
  };
}

/** One line per change: what, where, and why it matters. */
export function describeChange(change: Change): string {
  const where = change.path ? ` [${change.path}]` : '';
  // The library's reasons run to several sentences; the first says why it matters.
  const reason = change.criticality.reason?.split(/(?<=\.)\s/)[0];
  const why = reason ? ` — ${reason}` : '';
  return `${change.message}${where}${why}`;
}

export function formatReport(report: CompatibilityReport, label = 'the contracts'): string {
  const lines: string[] = [];
  if (report.breaking.length) {
    lines.push(`${report.breaking.length} breaking change(s) in ${label} (clients may use what changed):`);
    for (const c of report.breaking) lines.push(`  ✗ ${describeChange(c)}`);
  } else {
    lines.push(`No breaking change in ${label}.`);
  }
  if (report.dangerous.length) {
    lines.push(`${report.dangerous.length} change(s) to review:`);
    for (const c of report.dangerous) lines.push(`  ! ${describeChange(c)}`);
  }
  if (report.safe.length) lines.push(`${report.safe.length} compatible change(s) (additions, descriptions).`);
  return lines.join('\n');
}

/** Compares two sets of contracts through their composed API schemas. */
export async function checkContracts(baseline: ContractSdls, current: ContractSdls): Promise<{ ok: boolean; report: string }> {
  const before = composeSdls(baseline);
  if (!before.ok) return { ok: false, report: `The baseline contracts do not compose:\n${before.errors.map((e) => `  - ${e}`).join('\n')}` };
  const after = composeSdls(current);
  if (!after.ok) return { ok: false, report: `The contracts do not compose:\n${after.errors.map((e) => `  - ${e}`).join('\n')}` };
  const report = await compareApiSchemas(before.apiSchema, after.apiSchema);
  return { ok: report.breaking.length === 0, report: formatReport(report) };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { baseline: { type: 'string', default: BASELINE_DIR }, update: { type: 'boolean', default: false } } });
  const baselineDir = values.baseline;
  if (values.update) {
    mkdirSync(BASELINE_DIR, { recursive: true });
    for (const { name } of SUBGRAPHS) copyFileSync(join(SCHEMA_DIR, `${name}.graphql`), join(BASELINE_DIR, `${name}.graphql`));
    console.log(`Baseline updated: ${BASELINE_DIR} now holds the current contracts. Commit it with the change that needed it.`);
    return 0;
  }
  if (!existsSync(baselineDir)) {
    console.error(`No baseline at ${baselineDir}: run \`npm run check:contracts -- --update\` once and commit schema/baseline/.`);
    return 1;
  }
  const { ok, report } = await checkContracts(readContracts(baselineDir), readContracts());
  console.log(report);
  if (!ok) {
    console.error('\nA client may rely on what changed. Keep it (deprecate instead of removing), or, if the break is agreed,');
    console.error('run `npm run check:contracts -- --update` and commit schema/baseline/ with the change.');
  }
  return ok ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
