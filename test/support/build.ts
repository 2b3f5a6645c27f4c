import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../../scripts/build';

const ROOT = join(__dirname, '..', '..');

/**
 * An application directory as the container image holds it: package.json, package-lock.json and
 * `dist/` from `npm run build` (no sources, no tests); the caller installs its dependencies.
 */
export function buildApplication(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tts-${label}-`));
  build(join(dir, 'dist'));
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, file), join(dir, file));
  return dir;
}
