import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The four slices of the graph, with the port each listens on by default. */
export const SUBGRAPHS = [
  { name: 'teachers', port: 4001 },
  { name: 'training', port: 4002 },
  { name: 'credits', port: 4003 },
  { name: 'certification', port: 4004 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SCHEMA_DIR = __dirname;
export const SUPERGRAPH_PATH = join(SCHEMA_DIR, 'supergraph.graphql');

/** The contract (SDL) of one subgraph, as provinces implement it. */
export function readContract(name: string): string {
  return readFileSync(join(SCHEMA_DIR, `${name}.graphql`), 'utf8');
}

export function defaultSubgraphUrl(name: SubgraphName): string {
  const { port } = SUBGRAPHS.find((s) => s.name === name)!;
  return `http://localhost:${port}/graphql`;
}

/** `SUBGRAPH_CREDITS_URL` and so on: where the gateway finds each subgraph. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `SUBGRAPH_${name.toUpperCase()}_URL`;
}
