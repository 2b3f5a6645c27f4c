/**
 * Typed operations for the example screens, generated from the graph's client schema with
 * GraphQL Code Generator's client preset:
 *
 *   npm run codegen:frontend               write examples/frontend/src/gql/
 *   npm run codegen:frontend -- --check    fail if src/gql/ is stale
 *   npm run codegen:frontend -- --out DIR  write elsewhere (test/frontend-example.test.ts)
 *
 * The schema is the one clients see at the gateway: the four contracts composed, @inaccessible
 * fields (the hidden 身份证号 key) removed. A contract change that breaks an operation fails here;
 * one that changes a type the screens rely on fails `tsc -p examples/frontend`.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { composeSdls, readContracts } from '../../schema/check-compatibility';

const HERE = __dirname;

export function clientSchemaSdl(): string {
  const composition = composeSdls(readContracts());
  if (!composition.ok) throw new Error(`the contracts do not compose:\n${composition.errors.join('\n')}`);
  return printSchema(composition.apiSchema);
}

/** Writes the preset's files for the operations in src/ into `outDir` (a folder ending in `/`). */
export async function generateClientTypes(outDir: string): Promise<void> {
  await generate(
    {
      schema: clientSchemaSdl(),
      documents: [join(HERE, 'src/**/*.ts'), `!${join(HERE, 'src/gql/**')}`],
      generates: {
        [outDir]: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: { scalars: { Date: 'string', Decimal: 'string' }, enumsAsTypes: true, useTypeImports: true },
        },
      },
      silent: true,
    },
    true,
  );
}

function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const committed = join(HERE, 'src/gql');
  if (values.check) {
    const fresh = mkdtempSync(join(tmpdir(), 'frontend-gql-'));
    await generateClientTypes(`${fresh}/`);
    if (JSON.stringify(filesOf(fresh)) !== JSON.stringify(filesOf(committed))) {
      console.error('examples/frontend/src/gql is stale: run `npm run codegen:frontend` and commit the result.');
      process.exit(1);
    }
    console.log('examples/frontend/src/gql matches the contracts.');
    return;
  }
  const out = values.out ?? committed;
  await generateClientTypes(`${out}/`);
  console.log(`Generated typed operations into ${out}.`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
