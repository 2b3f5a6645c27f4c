import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text a reader's PDF software gets out of a PDF, by pdf-parse (pdf.js). pdf-parse 2.x is an
 * ES module with a worker, which Jest's CommonJS loader cannot run: it runs in a node process.
 */
export function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pdf-')), 'document.pdf');
  writeFileSync(file, pdf);
  const script = `import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
const parser = new PDFParse({ data: readFileSync(process.argv[1]) });
const result = await parser.getText();
process.stdout.write(result.text);
await parser.destroy();`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script, file], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
}
