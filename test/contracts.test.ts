import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeContracts, installedCompositionVersion, readSupergraphConfig, SUPERGRAPH_CONFIG_PATH, SUPERGRAPH_COPIES } from '../schema/compose';
import { SCHEMA_DIR, SUBGRAPHS, SUPERGRAPH_PATH, defaultSubgraphUrl } from '../schema/subgraphs';

describe('the contracts in schema/', () => {
  const composed = composeContracts();

  it('compose into exactly the checked-in supergraph, and its copy for Kubernetes', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed);
    for (const copy of SUPERGRAPH_COPIES) expect(readFileSync(copy, 'utf8')).toBe(composed);
  });

  it('let the gateway join teachers on the 身份证号 while marking it inaccessible', () => {
    expect(composed).toMatch(/@join__type\(graph: TEACHERS, key: "idNumber"\)/);
    expect(composed).toMatch(/idNumber: String! @inaccessible/);
  });
});

describe('supergraph.yaml (rover conventions)', () => {
  it('lists the four contracts with their local URLs and pins the installed composition version', () => {
    const yaml = readFileSync(SUPERGRAPH_CONFIG_PATH, 'utf8');
    expect(yaml).toContain(`federation_version: =${installedCompositionVersion()}`);
    expect(readSupergraphConfig()).toEqual(
      SUBGRAPHS.map(({ name }) => ({ name, routingUrl: defaultSubgraphUrl(name), schemaFile: join(SCHEMA_DIR, `${name}.graphql`) })),
    );
  });

  it('is refused when it disagrees with the gateway’s subgraphs or the installed composition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supergraph-yaml-'));
    const path = join(dir, 'supergraph.yaml');
    const original = readFileSync(SUPERGRAPH_CONFIG_PATH, 'utf8').replaceAll('./schema/', `${SCHEMA_DIR}/`);
    writeFileSync(path, original.replace(/federation_version: .*/, 'federation_version: =2.0.0').replace('http://localhost:4003/graphql', 'http://localhost:9999/graphql'));
    expect(() => readSupergraphConfig(path)).toThrow(/federation_version is =2\.0\.0[\s\S]*credits\.routing_url is http:\/\/localhost:9999\/graphql/);
    writeFileSync(path, original.replace(/  certification:\n[\s\S]*$/, ''));
    expect(() => readSupergraphConfig(path)).toThrow('subgraphs are teachers, training, credits; the gateway knows teachers, training, credits, certification');
  });
});
