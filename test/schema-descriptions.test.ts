import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, visit, type DirectiveNode } from 'graphql';

/**
 * Every type, field, argument, input field and enum value a client can see is described in its
 * contract (issue 17: 162 of 436 fields had a description), as GraphQL-ESLint's
 * require-description rule asks, so a new undescribed element fails here naming its place.
 * Another slice's entity is described where it is owned: in the others, only the fields they
 * add need a description (not its key fields, nor `@external` ones).
 */
const CONTRACTS = ['teachers', 'training', 'credits', 'certification'].map((name) => `schema/${name}.graphql`).concat('subgraphs/legacy-credits/credits.graphql');

/** Entities and the slice that owns each (README's table). */
const OWNER: Record<string, string> = {
  Region: 'teachers', School: 'teachers', Teacher: 'teachers',
  Institution: 'training', TrainingProject: 'training', TrainingClass: 'training', Enrollment: 'training',
  CreditRecord: 'credits', CreditPolicy: 'credits',
  Certificate: 'certification',
};

function keyFields(directives: readonly DirectiveNode[] = []): Set<string> {
  const names = new Set<string>();
  for (const directive of directives) {
    if (directive.name.value !== 'key') continue;
    const fields = directive.arguments?.find((a) => a.name.value === 'fields');
    if (fields) for (const name of print(fields.value).replace(/"/g, '').split(/[\s{}]+/)) if (name) names.add(name);
  }
  return names;
}

export function undescribed(sdl: string, slice: string): string[] {
  const missing: string[] = [];
  const described = (node: { description?: { value: string } }) => Boolean(node.description?.value.trim());
  for (const definition of parse(sdl).definitions) {
    if (!('name' in definition) || !definition.name) continue;
    const type = definition.name.value;
    const foreign = OWNER[type] !== undefined && OWNER[type] !== slice;
    const keys = foreign && 'directives' in definition ? keyFields(definition.directives) : new Set<string>();
    const root = type === 'Query' || type === 'Mutation';
    if (!root && !foreign && definition.kind !== Kind.OBJECT_TYPE_EXTENSION && 'description' in definition && !described(definition)) missing.push(type);
    visit(definition, {
      FieldDefinition(field) {
        if (field.directives?.some((d) => d.name.value === 'external') || keys.has(field.name.value)) return false;
        if (!described(field)) missing.push(`${type}.${field.name.value}`);
        for (const arg of field.arguments ?? []) if (!described(arg)) missing.push(`${type}.${field.name.value}(${arg.name.value})`);
        return false;
      },
      InputValueDefinition(input) {
        if (!described(input)) missing.push(`${type}.${input.name.value}`);
      },
      EnumValueDefinition(value) {
        if (!described(value)) missing.push(`${type}.${value.name.value}`);
      },
    });
  }
  return missing;
}

describe('the contracts', () => {
  it.each(CONTRACTS)('%s describes every type, field, argument and enum value', (file) => {
    const slice = /(\w+)\.graphql$/.exec(file)![1];
    expect(undescribed(readFileSync(join(__dirname, '..', file), 'utf8'), slice)).toEqual([]);
  });
});
