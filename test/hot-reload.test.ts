import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { RunningGateway } from '../gateway/gateway';
import { SUBGRAPHS, SUPERGRAPH_PATH, defaultSubgraphUrl, readContract } from '../schema/subgraphs';
import { post, startTestGateway } from './support/graph';

/** The four contracts composed, with one extra field on the teachers contract's Query. */
function supergraphWithExtraField(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name }) => ({
      name,
      url: defaultSubgraphUrl(name),
      typeDefs: parse(name === 'teachers' ? `${readContract(name)}\nextend type Query { hotReloadProbe: String }\n` : readContract(name)),
    })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

async function queryFieldNames(url: string): Promise<string[]> {
  const result = await post<{ __type: { fields: { name: string }[] } }>(url, `{ __type(name: "Query") { fields { name } } }`);
  expect(result.errors).toBeUndefined();
  return result.data!.__type.fields.map((f) => f.name);
}

/** Polls until `check` passes: the reload is asynchronous (a file watch and a short settle). */
async function eventually(check: () => Promise<void>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('the gateway reloads its supergraph file', () => {
  let dir: string;
  let path: string;
  let gateway: RunningGateway;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'supergraph-'));
    path = join(dir, 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_PATH, path);
    // No subgraph runs: introspection is answered by the gateway alone.
    gateway = await startTestGateway(null, { supergraphPath: path });
    url = `http://127.0.0.1:${gateway.port}/graphql`;
  });

  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a new valid supergraph without a restart, answering requests throughout', async () => {
    expect(await queryFieldNames(url)).not.toContain('hotReloadProbe');
    const during = Array.from({ length: 20 }, () => queryFieldNames(url));
    writeFileSync(path, supergraphWithExtraField());
    await Promise.all(during);
    await eventually(async () => expect(await queryFieldNames(url)).toContain('hotReloadProbe'));
    expect((await fetch(`http://127.0.0.1:${gateway.port}/ready`)).status).toBe(200);
  });

  it('rejects a broken supergraph and keeps serving the current one', async () => {
    writeFileSync(path, 'this is not a supergraph {');
    // Give the watcher time to see it and reject it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await queryFieldNames(url)).toContain('hotReloadProbe');
    // A valid GraphQL document that is not a supergraph (no federation core schema) is refused too.
    writeFileSync(path, 'type Query { only: String }');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await queryFieldNames(url)).toEqual(expect.arrayContaining(['hotReloadProbe', 'teacher', 'teachers']));

    copyFileSync(SUPERGRAPH_PATH, path);
    await eventually(async () => expect(await queryFieldNames(url)).not.toContain('hotReloadProbe'));
  });
});

/**
 * How the kubelet updates a mounted ConfigMap (deploy/k8s: the supergraph): the file is a link
 * `supergraph.graphql -> ..data/supergraph.graphql`, and a new version is a new timestamped
 * directory that `..data` is renamed onto; the file's own name never changes.
 */
describe('the gateway reloads a supergraph mounted from a Kubernetes ConfigMap', () => {
  let dir: string;
  let gateway: RunningGateway;

  function writeVersion(version: string, sdl: string): void {
    mkdirSync(join(dir, version));
    writeFileSync(join(dir, version, 'supergraph.graphql'), sdl);
    symlinkSync(version, join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'configmap-'));
    writeVersion('..2026_01_01_00_00_00.000000001', readFileSync(SUPERGRAPH_PATH, 'utf8'));
    symlinkSync('..data/supergraph.graphql', join(dir, 'supergraph.graphql'));
    gateway = await startTestGateway(null, { supergraphPath: join(dir, 'supergraph.graphql') });
  });

  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the new version once the kubelet swaps ..data', async () => {
    const url = `http://127.0.0.1:${gateway.port}/graphql`;
    expect(await queryFieldNames(url)).not.toContain('hotReloadProbe');
    writeVersion('..2026_01_01_00_01_00.000000002', supergraphWithExtraField());
    await eventually(async () => expect(await queryFieldNames(url)).toContain('hotReloadProbe'));
  });
});
