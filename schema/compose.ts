/**
 * Composes the four subgraph contracts into `schema/supergraph.graphql`.
 *
 *   npm run compose            write the supergraph
 *   npm run compose -- --check fail if the checked-in supergraph is stale
 *
 * Any composition error fails the command (and so the build and CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, SUPERGRAPH_PATH, defaultSubgraphUrl, readContract } from './subgraphs';

export function composeContracts(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name }) => ({
      name,
      url: defaultSubgraphUrl(name),
      typeDefs: parse(readContract(name)),
    })),
  );
  if (result.errors) {
    const details = result.errors.map((e) => `  - ${e.message}`).join('\n');
    throw new Error(`Composition failed:\n${details}`);
  }
  return result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
}

function main(): void {
  const { check } = parseArgs({ options: { check: { type: 'boolean', default: false } } }).values;
  const supergraph = composeContracts();
  if (!check) {
    writeFileSync(SUPERGRAPH_PATH, supergraph);
    console.log(`Composed ${SUBGRAPHS.length} subgraphs into ${SUPERGRAPH_PATH}`);
    return;
  }
  const current = readFileSync(SUPERGRAPH_PATH, 'utf8');
  if (current !== supergraph) {
    console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql matches a fresh composition.');
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
