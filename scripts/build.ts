/**
 * `npm run build`: compiles the runtime (tsconfig.build.json: no tests, no dev tools) into
 * `dist/` and copies beside the compiled code the files it reads at run time, the contracts
 * and the composed supergraphs, so `node dist/gateway/main.js` and `node dist/subgraphs/<name>/main.js`
 * run with production dependencies only.
 *
 *   npm run build                      into dist/
 *   npm run build -- --out-dir DIR     elsewhere (tests build into a temporary copy)
 *
 * The compiled files keep decorator metadata (TypeORM reads column types from it).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(__dirname, '..');

/** Directories whose `.graphql` files the runtime reads beside its code (readContract, legacy credits' own SDL). */
export const ASSET_DIRS = ['schema', 'subgraphs/legacy-credits'];

export function build(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  // TypeScript 7 exports no bin path; its package.json is exported, and bin/tsc sits beside it.
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  for (const dir of ASSET_DIRS) {
    for (const file of readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.graphql'))) {
      const target = join(outDir, dir, file);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(ROOT, dir, file), target);
    }
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  const outDir = resolve(values['out-dir'] ?? join(ROOT, 'dist'));
  build(outDir);
  console.log(`Built into ${outDir}: node ${join(outDir, 'gateway', 'main.js')}`);
}
