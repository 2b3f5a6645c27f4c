/**
 * `kustomize build DIR` for the features deploy/k8s uses, so CI can check what would be
 * applied without the kustomize binary (it cannot be downloaded there): `resources` (files and
 * folders with their own kustomization), `namespace`, `labels` (metadata only), `images`,
 * `configMapGenerator` (files, literals; behavior create or merge) with
 * `generatorOptions.disableNameSuffixHash: true`. Anything else in a kustomization is refused,
 * so a manifest using more of kustomize fails here instead of being checked wrongly.
 *
 *   npx tsx deploy/k8s/kustomize.ts deploy/k8s/overlays/sichuan     prints the YAML kubectl apply -k would send
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface ConfigMapGenerator {
  name: string;
  behavior?: 'create' | 'merge';
  files?: string[];
  literals?: string[];
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  labels?: Array<{ pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  generatorOptions?: { disableNameSuffixHash?: boolean };
  configMapGenerator?: ConfigMapGenerator[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'generatorOptions', 'configMapGenerator']);

/** Kinds that live outside any namespace (of those a deployment of this project could hold). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass']);

export function kustomizeBuild(dir: string): Manifest[] {
  const path = join(dir, 'kustomization.yaml');
  const k = parse(readFileSync(path, 'utf8')) as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${path}: ${unsupported.join(', ')} not emulated (deploy/k8s/kustomize.ts)`);
  for (const label of k.labels ?? []) {
    if (label.includeSelectors || label.includeTemplates) throw new Error(`${path}: labels with includeSelectors/includeTemplates not emulated`);
  }

  let manifests: Manifest[] = [];
  for (const resource of k.resources ?? []) {
    const target = resolve(dir, resource);
    if (statSync(target).isDirectory()) manifests.push(...kustomizeBuild(target));
    else manifests.push(...parseAllDocuments(readFileSync(target, 'utf8')).map((doc) => doc.toJS() as Manifest).filter(Boolean));
  }

  if ((k.configMapGenerator?.length ?? 0) > 0 && k.generatorOptions?.disableNameSuffixHash !== true) {
    throw new Error(`${path}: generated names with a hash suffix are not emulated; set generatorOptions.disableNameSuffixHash: true`);
  }
  for (const generator of k.configMapGenerator ?? []) {
    const data: Record<string, string> = {};
    for (const file of generator.files ?? []) data[basename(file)] = readFileSync(resolve(dir, file), 'utf8');
    for (const literal of generator.literals ?? []) {
      const at = literal.indexOf('=');
      data[literal.slice(0, at)] = literal.slice(at + 1);
    }
    const existing = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === generator.name);
    if ((generator.behavior ?? 'create') === 'create') {
      if (existing) throw new Error(`${path}: ConfigMap ${generator.name} exists already (behavior: merge?)`);
      manifests.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data });
    } else {
      if (!existing) throw new Error(`${path}: no ConfigMap ${generator.name} to merge into`);
      existing.data = { ...(existing.data as Record<string, string> | undefined), ...data };
    }
  }

  manifests = manifests.map((manifest) => structuredClone(manifest));
  for (const manifest of manifests) {
    if (k.namespace && !CLUSTER_SCOPED.has(manifest.kind)) manifest.metadata.namespace = k.namespace;
    for (const label of k.labels ?? []) manifest.metadata.labels = { ...manifest.metadata.labels, ...label.pairs };
    for (const container of containersOf(manifest)) {
      for (const image of k.images ?? []) {
        const [name, tag] = splitImage(container.image);
        if (name !== image.name) continue;
        container.image = `${image.newName ?? name}${image.newTag ? `:${image.newTag}` : tag ? `:${tag}` : ''}`;
      }
    }
  }
  return manifests;
}

/** The containers (and init containers) of a workload's pod template. */
export function containersOf(manifest: Manifest): Array<{ name: string; image: string; [field: string]: unknown }> {
  const spec = manifest.spec as { template?: { spec?: { containers?: []; initContainers?: [] } } } | undefined;
  const pod = spec?.template?.spec;
  return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])];
}

function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npx tsx deploy/k8s/kustomize.ts DIR');
    process.exit(2);
  }
  console.log(kustomizeBuild(resolve(dir)).map((manifest) => stringify(manifest)).join('---\n'));
}
