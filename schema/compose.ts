/**
 * Composes the subgraphs `supergraph.yaml` lists (rover's config format) into
 * `schema/supergraph.graphql`, as `rover supergraph compose --config supergraph.yaml` would.
 *
 *   npm run compose            write the supergraph
 *   npm run compose -- --check fail if the checked-in supergraph is stale
 *
 * Any composition error fails the command (and so the build and CI), and so does a
 * supergraph.yaml that names other subgraphs than the gateway knows, or another composition
 * version than the one installed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SUBGRAPHS, SUPERGRAPH_PATH, defaultSubgraphUrl } from './subgraphs';

/**
 * Copies of the supergraph the deployment reads: Kubernetes' kustomize takes files only from
 * inside the kustomization's folder (deploy/k8s/base: the `supergraph` ConfigMap).
 */
export const SUPERGRAPH_COPIES = [join(__dirname, '..', 'deploy', 'k8s', 'base', 'supergraph.graphql')];

/** rover's supergraph config, at the project root. */
export const SUPERGRAPH_CONFIG_PATH = join(__dirname, '..', 'supergraph.yaml');

const supergraphConfigSchema = z.object({
  federation_version: z.string(),
  subgraphs: z.record(z.string(), z.object({ routing_url: z.url(), schema: z.object({ file: z.string() }) })),
});

export interface SupergraphSubgraph {
  name: string;
  routingUrl: string;
  /** The SDL file, absolute. */
  schemaFile: string;
}

/** The composition version installed: what `federation_version: =<version>` must pin. */
export function installedCompositionVersion(): string {
  const packageJson = join(dirname(require.resolve('@apollo/composition')), '..', 'package.json');
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/**
 * Reads supergraph.yaml, checked against what the rest of the project assumes: the gateway's
 * subgraphs (schema/subgraphs.ts) with their local URLs, and the installed composition version.
 */
export function readSupergraphConfig(path: string = SUPERGRAPH_CONFIG_PATH): SupergraphSubgraph[] {
  const config = supergraphConfigSchema.parse(parseYaml(readFileSync(path, 'utf8')));
  const problems: string[] = [];
  const pinned = `=${installedCompositionVersion()}`;
  if (config.federation_version !== pinned) problems.push(`federation_version is ${config.federation_version}; the installed @apollo/composition wants ${pinned}`);
  const names = Object.keys(config.subgraphs);
  const expected = SUBGRAPHS.map((s) => s.name as string);
  if (names.join() !== expected.join()) problems.push(`subgraphs are ${names.join(', ')}; the gateway knows ${expected.join(', ')} (schema/subgraphs.ts), in that order`);
  for (const { name } of SUBGRAPHS) {
    const url = config.subgraphs[name]?.routing_url;
    if (url && url !== defaultSubgraphUrl(name)) problems.push(`${name}.routing_url is ${url}; the gateway's default is ${defaultSubgraphUrl(name)}`);
  }
  if (problems.length > 0) throw new Error(`${path} disagrees with the project:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return names.map((name) => ({
    name,
    routingUrl: config.subgraphs[name].routing_url,
    schemaFile: resolve(dirname(path), config.subgraphs[name].schema.file),
  }));
}

export function composeContracts(): string {
  const result = composeServices(
    readSupergraphConfig().map(({ name, routingUrl, schemaFile }) => ({
      name,
      url: routingUrl,
      typeDefs: parse(readFileSync(schemaFile, 'utf8')),
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
    for (const path of [SUPERGRAPH_PATH, ...SUPERGRAPH_COPIES]) writeFileSync(path, supergraph);
    console.log(`Composed the ${SUBGRAPHS.length} subgraphs of supergraph.yaml into ${SUPERGRAPH_PATH}`);
    return;
  }
  const stale = [SUPERGRAPH_PATH, ...SUPERGRAPH_COPIES].filter((path) => readFileSync(path, 'utf8') !== supergraph);
  if (stale.length > 0) {
    console.error(`Stale: ${stale.join(', ')}; run \`npm run compose\` and commit the result.`);
    process.exit(1);
  }
  console.log('schema/supergraph.graphql and its deployment copy match a fresh composition.');
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
