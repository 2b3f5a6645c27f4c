import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigGroup } from '../kit/config';
import { subgraphConfigGroups } from '../kit/subgraph';
import { GATEWAY_CONFIG, GATEWAY_NODE_OPTIONS } from '../gateway/config';
import { SUBGRAPHS, SUPERGRAPH_PATH } from '../schema/subgraphs';
import { certificationSubgraph } from '../subgraphs/certification';
import { creditsSubgraph } from '../subgraphs/credits';
import { teachersSubgraph } from '../subgraphs/teachers';
import { trainingSubgraph } from '../subgraphs/training';
import { isProvinceCode } from '../standards/region-code';
import { containersOf, kustomizeBuild, type Manifest } from '../deploy/k8s/kustomize';
import { start } from './support/processes';

/**
 * deploy/k8s, built as `kubectl apply -k` would (deploy/k8s/kustomize.ts emulates the kustomize
 * features used) and checked against the Kubernetes JSON schemas that `kubernetes-models` ships
 * (no download at test time), then against what the code reads.
 */

const K8S = join(__dirname, '..', 'deploy', 'k8s');
const OVERLAYS = readdirSync(join(K8S, 'overlays'));
const BUILDS: Array<[string, Manifest[]]> = [['base', kustomizeBuild(join(K8S, 'base'))], ...OVERLAYS.map((o): [string, Manifest[]] => [`overlays/${o}`, kustomizeBuild(join(K8S, 'overlays', o))])];

/** The kubernetes-models class of a manifest: `apps/v1` + `Deployment` → kubernetes-models/apps/v1/Deployment. */
function modelOf(manifest: Manifest): new (data: object) => { validate(): void } {
  const path = `kubernetes-models/${manifest.apiVersion}/${manifest.kind}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path) as Record<string, new (data: object) => { validate(): void }>;
  return module[manifest.kind];
}

interface Container {
  name: string;
  image: string;
  command: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  envFrom?: Array<{ configMapRef: { name: string } }>;
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  resources: { requests: { cpu: string; memory: string }; limits?: { memory?: string } };
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string }>;
  ports?: Array<{ name: string; containerPort: number }>;
}

const find = (manifests: Manifest[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const container = (manifests: Manifest[], kind: string, name: string) => containersOf(find(manifests, kind, name)!)[0] as unknown as Container;
const volumes = (m: Manifest) => (m.spec as { template: { spec: { volumes?: Array<{ name: string; secret?: { secretName: string; items?: Array<{ key: string }> }; configMap?: { name: string } }> } } }).template.spec.volumes ?? [];

/** What each process checks at start: the variables its manifest may set. */
const DEFINITIONS = { teachers: teachersSubgraph, training: trainingSubgraph, credits: creditsSubgraph, certification: certificationSubgraph };
const GROUPS: Record<string, readonly ConfigGroup[]> = {
  gateway: GATEWAY_CONFIG,
  ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphConfigGroups(DEFINITIONS[name])])),
  migrate: SUBGRAPHS.flatMap(({ name }) => subgraphConfigGroups(DEFINITIONS[name])),
};

/** Peak RSS under load per process, MB, from BENCHMARKS.md's process table (full Sichuan-scale run). */
function benchmarkPeakRss(process: string): number {
  const row = new RegExp(`^\\| ${process}(?: \\(ours\\))? \\| (\\d+) \\| (\\d+) \\|$`, 'm').exec(readFileSync(join(__dirname, '..', 'BENCHMARKS.md'), 'utf8'));
  if (!row) throw new Error(`BENCHMARKS.md has no RSS row for ${process}`);
  return Number(row[2]);
}

const MEBIBYTES: Record<string, number> = { Mi: 1, Gi: 1024 };
const megabytes = (quantity: string) => {
  const [, amount, unit] = /^(\d+)(Mi|Gi)$/.exec(quantity)!;
  return (Number(amount) * MEBIBYTES[unit] * 1024 * 1024) / 1e6;
};

describe.each(BUILDS)('deploy/k8s/%s', (_name, manifests) => {
  it('is valid against the Kubernetes JSON schemas, every object', () => {
    expect(manifests.length).toBeGreaterThan(10);
    for (const manifest of manifests) {
      const Model = modelOf(manifest);
      expect(() => new Model(manifest).validate()).not.toThrow();
    }
  });

  it('runs the gateway and the four subgraphs compiled, each with a Service on its port', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.name)]) {
      const deployment = find(manifests, 'Deployment', name)!;
      const c = container(manifests, 'Deployment', name);
      const entry = c.command[1];
      expect(c.command[0]).toBe('node');
      expect(entry).toMatch(/^dist\/.+\.js$/);
      expect(existsSync(join(__dirname, '..', entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
      const port = Number(c.env!.find((e) => e.name === 'PORT')!.value);
      expect(c.ports).toEqual([{ name: 'http', containerPort: port }]);
      const service = find(manifests, 'Service', name)!;
      const podLabels = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
      const selector = (service.spec as { selector: Record<string, string> }).selector;
      for (const [key, value] of Object.entries(selector)) expect(podLabels[key]).toBe(value);
      expect((service.spec as { ports: object[] }).ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
    }
  });

  it('starts the gateway with the V8 flags it is benchmarked with (GATEWAY_NODE_OPTIONS)', () => {
    expect(container(manifests, 'Deployment', 'gateway').env!.find((e) => e.name === 'NODE_OPTIONS')?.value).toBe(GATEWAY_NODE_OPTIONS);
  });

  it('probes readiness on /ready and liveness on /health', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.name)]) {
      const c = container(manifests, 'Deployment', name);
      expect(c.readinessProbe!.httpGet).toEqual({ path: '/ready', port: 'http' });
      expect(c.livenessProbe!.httpGet).toEqual({ path: '/health', port: 'http' });
    }
  });

  it('requests at least the memory each process peaked at in the Sichuan-scale benchmark, and CPU', () => {
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.name)]) {
      const { requests, limits } = container(manifests, 'Deployment', name).resources;
      expect(megabytes(requests.memory)).toBeGreaterThanOrEqual(benchmarkPeakRss(name));
      expect(megabytes(limits!.memory!)).toBeGreaterThan(megabytes(requests.memory));
      expect(requests.cpu).toMatch(/^\d+m$/);
    }
  });

  it('scales the gateway and the busiest subgraph (teachers) on CPU', () => {
    const hpas = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'teachers' },
    ]);
  });

  it('mounts the composed supergraph from a ConfigMap as a directory, which the gateway reloads in place', () => {
    const gateway = find(manifests, 'Deployment', 'gateway')!;
    const c = container(manifests, 'Deployment', 'gateway');
    const path = c.env!.find((e) => e.name === 'SUPERGRAPH_PATH')!.value!;
    const mount = c.volumeMounts!.find((m) => path.startsWith(`${m.mountPath}/`))!;
    expect(mount.subPath).toBeUndefined();
    const volume = volumes(gateway).find((v) => v.name === mount.name)!;
    const configMap = find(manifests, 'ConfigMap', volume.configMap!.name)!;
    expect((configMap.data as Record<string, string>)[path.slice(mount.mountPath.length + 1)]).toBe(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  });

  it('sets only variables the process declares, with values its configuration accepts', () => {
    const configMaps = new Map(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => [m.metadata.name, (m.data ?? {}) as Record<string, string>]));
    for (const [kind, name] of [['Job', 'migrate'], ['Deployment', 'gateway'], ...SUBGRAPHS.map((s) => ['Deployment', s.name])]) {
      const c = container(manifests, kind, name);
      const env: Record<string, string> = {};
      for (const ref of c.envFrom ?? []) Object.assign(env, configMaps.get(ref.configMapRef.name));
      for (const variable of c.env ?? []) env[variable.name] = variable.value ?? 'from a Secret';
      const declared = new Set(GROUPS[name].flatMap((group) => Object.keys(group.variables)));
      // NODE_OPTIONS is read by Node itself, before any of the process's code (GATEWAY_NODE_OPTIONS).
      expect(Object.keys(env).filter((variable) => !declared.has(variable) && variable !== 'NODE_OPTIONS')).toEqual([]);
      // Values that are neither file paths inside the pod nor read from Secrets are checked as the process checks them.
      const checkable = Object.fromEntries(Object.entries(env).filter(([, value]) => !value.startsWith('/') && value !== 'from a Secret'));
      expect(GROUPS[name].flatMap((group) => group.problems(checkable))).toEqual([]);
    }
  });
});

describe('deploy/k8s secrets', () => {
  const manifests = BUILDS[0][1];
  let made: string[];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-keys-'));
    const keys = start('scripts/keys.ts', { NODE_ENV: 'production' }, ['--dir', dir]);
    expect(await keys.exited).toBe(0);
    made = readdirSync(dir);
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds no secret itself: keys come from teacher-training-keys, made by npm run keys, and database URLs from teacher-training-databases', () => {
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    const text = JSON.stringify(manifests);
    expect(text).not.toMatch(/BEGIN [A-Z ]*KEY|mysql:\/\//);
    const referenced = new Map<string, Set<string>>();
    const note = (secret: string, key: string) => referenced.set(secret, new Set([...(referenced.get(secret) ?? []), key]));
    for (const manifest of manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job')) {
      for (const volume of volumes(manifest)) for (const item of volume.secret?.items ?? []) note(volume.secret!.secretName, item.key);
      for (const variable of (containersOf(manifest)[0] as unknown as Container).env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref) note(ref.name, ref.key);
      }
    }
    expect([...referenced.keys()].sort()).toEqual(['teacher-training-databases', 'teacher-training-keys']);
    for (const key of referenced.get('teacher-training-keys')!) expect(made).toContain(key);
    expect([...referenced.get('teacher-training-databases')!].sort()).toEqual(SUBGRAPHS.map((s) => `${s.name.toUpperCase()}_DATABASE_URL`).sort());
  });
});

describe.each(OVERLAYS)('deploy/k8s/overlays/%s', (overlay) => {
  const manifests = kustomizeBuild(join(K8S, 'overlays', overlay));

  it('puts everything in the province’s own namespace, with its image and its province code', () => {
    const namespace = manifests.find((m) => m.kind === 'Namespace')!;
    for (const manifest of manifests.filter((m) => m.kind !== 'Namespace')) expect(manifest.metadata.namespace).toBe(namespace.metadata.name);
    for (const manifest of manifests) for (const c of containersOf(manifest)) expect(c.image).toMatch(/^[^:]+\/teacher-training\/supergraph:\d+\.\d+\.\d+$/);
    const code = (find(manifests, 'ConfigMap', 'province')!.data as Record<string, string>).CERTIFICATION_PROVINCE_CODE;
    expect(isProvinceCode(code)).toBe(true);
    expect(namespace.metadata.name).toBe(`teacher-training-${code}`);
  });
});
