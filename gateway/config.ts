import { SUBGRAPHS, defaultSubgraphUrl, subgraphUrlVariable, type SubgraphName } from '../schema/subgraphs';

/**
 * Where each subgraph lives: `SUBGRAPH_<NAME>_URL`, else the local default port.
 * A province that runs its own credits service sets `SUBGRAPH_CREDITS_URL` and nothing else.
 */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  return Object.fromEntries(
    SUBGRAPHS.map(({ name }) => [name, env[subgraphUrlVariable(name)] || defaultSubgraphUrl(name)]),
  ) as Record<SubgraphName, string>;
}
