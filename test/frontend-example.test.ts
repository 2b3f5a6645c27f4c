import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The frontend example (examples/frontend: a teacher's "my credits", a school's review queue)
 * compiles against the contracts as they are now: its typed operations are generated afresh with
 * GraphQL Code Generator's client preset, then tsc checks the screens. A contract change that
 * breaks them (a field removed, renamed, made nullable under a screen that reads it) fails here.
 */
const ROOT = join(__dirname, '..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

describe('examples/frontend', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'frontend-'));
    cpSync(join(ROOT, 'examples/frontend'), dir, { recursive: true, filter: (source) => !source.includes(`${join('src', 'gql')}`) });
    // The copy resolves packages from the project's node_modules, as the example does in place.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('generates typed operations from the current contracts and compiles its two screens', () => {
    // As `npm run codegen:frontend` does (the codegen CLI is ESM inside; jest's CommonJS cannot load it).
    execFileSync(process.execPath, ['--import', 'tsx', 'examples/frontend/codegen.ts', '--out', join(dir, 'src/gql')], { cwd: ROOT, encoding: 'utf8' });
    expect(() => execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' })).not.toThrow();
  }, 120_000);

  it('fails to compile when the contract changes under a screen', async () => {
    // A screen that reads a field the contract does not have: tsc must refuse it.
    writeFileSync(join(dir, 'src/broken.ts'), `import { MyCreditsQuery } from './my-credits';\nimport type { ResultOf } from '@graphql-typed-document-node/core';\nexport const broken = (r: ResultOf<typeof MyCreditsQuery>) => r.me.teacher?.creditAccount?.noSuchField;\n`);
    let output = '';
    try {
      execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/noSuchField/);
  }, 120_000);
});
