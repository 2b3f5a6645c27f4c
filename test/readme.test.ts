import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, Kind, parse, validate, type DocumentNode } from 'graphql';
import { startTestGraph, type TestGraph } from './support/graph';

/** Every GraphQL example in the READMEs must be valid against the schema clients see. */
const READMES = ['README.md', 'subgraphs/teachers/README.md', 'subgraphs/training/README.md', 'subgraphs/credits/README.md', 'subgraphs/certification/README.md'];

function examples(): { file: string; source: string }[] {
  return READMES.flatMap((file) =>
    [...readFileSync(join(__dirname, '..', file), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => ({ file, source: m[1] })),
  );
}

describe('README examples', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await startTestGraph('sqlite', { teachers: 20 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('are all valid operations on the supergraph', async () => {
    const introspection = await graph.query(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data as never);
    const found = examples();
    expect(found.length).toBeGreaterThanOrEqual(8);
    const problems: string[] = [];
    for (const { file, source } of found) {
      const document = parse(source.replace(/"…"/g, '"x"'));
      // Blocks may hold several anonymous operations: check each on its own.
      for (const definition of document.definitions) {
        const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition] };
        for (const error of validate(schema, single)) problems.push(`${file}: ${error.message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
