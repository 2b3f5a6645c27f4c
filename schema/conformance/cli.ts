/**
 * npm run conformance -- --subgraph credits --url http://host:4003/graphql
 *     [--signing-key PEM|PATH]          the gateway key the implementation trusts (default GATEWAY_SIGNING_KEY, else data/keys/)
 *     [--fixtures FILE]                  known data (JSON, see fixtures.ts); default: the demo province
 *     [--teachers N] [--seed S]          ... generated with these options (default 2000, 20200120: what `npm start` seeds)
 * npm run conformance -- --write-fixtures FILE [--teachers N] [--seed S]
 * npm run conformance -- compose --credits-sdl FILE [--<name>-sdl FILE ...] --out FILE
 *     composes the contracts with one (or more) implementation's own SDL: the supergraph the
 *     gateway serves (SUPERGRAPH_PATH) when that implementation is plugged in.
 *
 * Prints PASS/FAIL per rule; exits 1 when any rule fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { composeSdls, readContracts, type ContractSdls } from '../check-compatibility';
import { SUBGRAPHS, type SubgraphName } from '../subgraphs';
import { importSigningKey, loadGatewaySigningKey } from '../../kit/identity';
import { demoFixtures, readFixtures } from './fixtures';
import { connectionProblem, formatResults, runConformance } from './kit';
import { rulesFor } from './rules';

const NAMES = SUBGRAPHS.map((s) => s.name) as SubgraphName[];
const TEXT = { type: 'string' } as const;

export function composeWith(argv: string[]): { ok: boolean; message: string } {
  const sdlOptions = Object.fromEntries(NAMES.map((name) => [`${name}-sdl`, TEXT])) as Record<`${SubgraphName}-sdl`, typeof TEXT>;
  const { values } = parseArgs({ args: argv, options: { out: TEXT, ...sdlOptions } });
  const out = values.out;
  if (!out) return { ok: false, message: 'compose needs --out FILE' };
  const sdls: ContractSdls = readContracts();
  const replaced: string[] = [];
  for (const name of NAMES) {
    const file = values[`${name}-sdl`];
    if (file) {
      sdls[name] = readFileSync(file, 'utf8');
      replaced.push(`${name} from ${file}`);
    }
  }
  const composition = composeSdls(sdls);
  if (!composition.ok) return { ok: false, message: `Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}` };
  const sdl = composition.supergraphSdl.endsWith('\n') ? composition.supergraphSdl : `${composition.supergraphSdl}\n`;
  writeFileSync(out, sdl);
  return { ok: true, message: `Composed ${out} (${replaced.join(', ') || 'the contracts as they are'}). Serve it with SUPERGRAPH_PATH=${out}.` };
}

async function signingKeyFrom(value: string | undefined) {
  if (!value) return loadGatewaySigningKey();
  const pem = value.includes('BEGIN') ? value : readFileSync(value, 'utf8');
  return importSigningKey(pem);
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'compose') {
    const { ok, message } = composeWith(argv.slice(1));
    (ok ? console.log : console.error)(message);
    return ok ? 0 : 1;
  }
  const { values } = parseArgs({
    args: argv,
    options: { subgraph: TEXT, url: TEXT, 'signing-key': TEXT, fixtures: TEXT, teachers: TEXT, seed: TEXT, 'write-fixtures': TEXT },
  });
  const { teachers, seed, url } = values;
  const demo = () => demoFixtures({ teachers: teachers ? Number(teachers) : undefined, seed: seed ? Number(seed) : undefined });
  const write = values['write-fixtures'];
  if (write) {
    writeFileSync(write, `${JSON.stringify(demo(), null, 2)}\n`);
    console.log(`Wrote fixtures to ${write}.`);
    return 0;
  }
  const subgraph = values.subgraph as SubgraphName | undefined;
  if (!subgraph || !NAMES.includes(subgraph) || !url) {
    console.error(`usage: npm run conformance -- --subgraph ${NAMES.join('|')} --url http://host:port/graphql [--signing-key PEM|PATH] [--fixtures FILE | --teachers N --seed S]`);
    return 2;
  }
  const fixturesFile = values.fixtures;
  const fixtures = fixturesFile ? readFixtures(fixturesFile) : demo();
  const signingKey = await signingKeyFrom(values['signing-key']);
  const unreachable = await connectionProblem(url);
  if (unreachable) {
    console.error(unreachable);
    return 1;
  }
  console.log(`Conformance of ${subgraph} at ${url} (fixtures: ${fixtures.source})\n`);
  const results = await runConformance({ subgraph, url, fixtures, signingKey, rules: rulesFor(subgraph) });
  console.log(formatResults(subgraph, url, results));
  return results.every((r) => r.ok) ? 0 : 1;
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
