import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  type GraphQLSchema,
  defaultFieldResolver,
} from 'graphql';
import { getMetadataArgsStorage } from 'typeorm';
import { MILLI, formatMilli } from './decimal';
import { isProvinceCode, isRegionCode, isRegionPrefix, provinceCodeOf } from '../standards/region-code';
import { badInput } from './errors';

/**
 * What every string, number and date a mutation is given must satisfy before any command runs
 * or the database is asked: the column's length and the domain's range or code format. Each
 * subgraph declares its own (`inputs.ts`), by location: `Mutation.<field>.<argument>` or
 * `<InputType>.<field>`; `enforceInputs` checks every mutation against them in one place, so a
 * command never meets a value its column cannot hold, and bad input gets BAD_USER_INPUT naming the
 * field and the rule (`MAX_LENGTH`, `RANGE`, `FORMAT`) instead of a database error.
 *
 * Every `String` and `Int` a mutation takes must be declared (the subgraph does not start
 * otherwise); `ID`, `Decimal` and `Date` have defaults that a declaration refines.
 */
export interface InputRule {
  /** Longest text, in characters (as MySQL counts `VARCHAR(n)`). */
  maxLength?: number;
  /** Smallest and largest number (for a Decimal, in its units: `"0.5"` is 0.5), or date. */
  min?: number | string;
  max?: number | string;
  /** A code's format, and how the message names it. */
  format?: { test: (value: string) => boolean; expected: string };
  /** Most items of a list (a list stored joined in one column). */
  maxItems?: number;
  /** Over `maxLength`: the refusal's rule (default `MAX_LENGTH`) and what to do instead. */
  tooLong?: { rule: string; hint: string };
}

export type InputRules = Record<string, InputRule>;

/** Longest text an entity's column holds, from its TypeORM declaration: a column change is followed. */
export function columnText(entity: Function, property: string): InputRule {
  const column = getMetadataArgsStorage().columns.find((c) => c.target === entity && c.propertyName === property);
  if (!column) throw new Error(`${entity.name}.${property} is not a column.`);
  const { type, length } = column.options;
  // TEXT holds 65,535 bytes: characters of up to four bytes in utf8mb4.
  if (type === 'text') return { maxLength: 16_383 };
  if (!length) throw new Error(`${entity.name}.${property} declares no length.`);
  return { maxLength: Number(length) };
}

/** A six-digit GB/T 2260 code of a province-level division that exists (`000000` does not). */
export const REGION_CODE: InputRule = {
  format: { test: (code) => isRegionCode(code) && isProvinceCode(provinceCodeOf(code)), expected: 'a six-digit GB/T 2260 region code such as 510104' },
};

/** A region subtree: a province's 2 digits, a city's 4 or a county's 6. */
export const REGION_PREFIX: InputRule = {
  format: { test: (prefix) => isRegionPrefix(prefix) && isProvinceCode(provinceCodeOf(prefix)), expected: 'a GB/T 2260 prefix of 2, 4 or 6 digits such as 5101' },
};

/** A file sent as base64 (an import): at most `bytes` once decoded; `hint` says where larger files go. */
export function base64File(bytes: number, hint = `the file may be at most ${bytes} bytes`): InputRule {
  return { maxLength: Math.ceil(bytes / 3) * 4, tooLong: { rule: 'FILE_TOO_LARGE', hint } };
}

/**
 * A file sent in a GraphQL input, named as the graph's files are named (`filename`, `content`:
 * base64), or by the deprecated `fileName` / `contentBase64` of the first contracts. The new
 * name wins when both are given; neither is BAD_USER_INPUT naming the field.
 */
export function uploadedFile(input: {
  filename?: string | null;
  content?: string | null;
  fileName?: string | null;
  contentBase64?: string | null;
}): { filename: string; bytes: Buffer } {
  const filename = input.filename ?? input.fileName;
  const content = input.content ?? input.contentBase64;
  if (!filename) throw badInput('Give the file\'s name in `filename` (its extension says how to read it).', { field: 'filename', rule: 'REQUIRED' });
  if (content === null || content === undefined) throw badInput('Give the file\'s bytes, base64-encoded, in `content`.', { field: 'content', rule: 'REQUIRED' });
  return { filename, bytes: Buffer.from(content, 'base64') };
}

/**
 * A workbook sent as `content` (base64, as the graph's files carry it), or by an input's
 * deprecated `xlsxBase64`; neither is BAD_USER_INPUT naming `content`.
 */
export function uploadedContent(input: { content?: string | null; xlsxBase64?: string | null }): string {
  const content = input.content ?? input.xlsxBase64;
  if (content === null || content === undefined) throw badInput('Give the workbook, base64-encoded, in `content`.', { field: 'content', rule: 'REQUIRED' });
  return content;
}

/**
 * Default rules by scalar: ids are UUIDs or codes, dates are this era's, and decimals (credits,
 * hours, money, stored as 32-bit thousandths) stay within what their columns hold; the sign is
 * the domain's to judge (a negative hour count has its own rule and message).
 */
const DEFAULTS: Record<string, InputRule> = {
  ID: { maxLength: 36 },
  Decimal: { min: -1_000_000, max: 1_000_000 },
  Date: { min: '1900-01-01', max: '2100-12-31' },
};
const MUST_DECLARE = new Set(['String', 'Int']);

interface Check {
  rule: InputRule;
  scalar: string;
}

function checkValue(path: string, { rule, scalar }: Check, value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (rule.maxLength !== undefined && [...value].length > rule.maxLength) {
      const hint = rule.tooLong ? `: ${rule.tooLong.hint}` : '';
      throw badInput(`${path} is ${[...value].length} characters long; at most ${rule.maxLength} are allowed${hint}.`, { field: path, rule: rule.tooLong?.rule ?? 'MAX_LENGTH' });
    }
    if (rule.format && !rule.format.test(value)) throw badInput(`${path} must be ${rule.format.expected}; "${value.slice(0, 40)}" is not.`, { field: path, rule: 'FORMAT' });
  }
  // Decimals arrive as integer thousandths (kit/decimal).
  const shown = (n: number) => (scalar === 'Decimal' ? formatMilli(n) : String(n));
  const comparable = typeof value === 'number' && scalar === 'Decimal' ? value / MILLI : value;
  if (rule.min !== undefined && (comparable as number | string) < rule.min) {
    throw badInput(`${path} is ${typeof value === 'number' ? shown(value) : String(value)}; the smallest allowed is ${String(rule.min)}.`, { field: path, rule: 'RANGE' });
  }
  if (rule.max !== undefined && (comparable as number | string) > rule.max) {
    throw badInput(`${path} is ${typeof value === 'number' ? shown(value) : String(value)}; the largest allowed is ${String(rule.max)}.`, { field: path, rule: 'RANGE' });
  }
}

/** Checks one value of `type` found at `path`, input objects and lists followed. */
function checkInput(rules: InputRules, location: string, path: string, type: GraphQLInputType, value: unknown): void {
  if (value === null || value === undefined) return;
  if (type instanceof GraphQLNonNull) return checkInput(rules, location, path, type.ofType, value);
  if (type instanceof GraphQLList) {
    if (!Array.isArray(value)) return checkInput(rules, location, path, type.ofType, value);
    const maxItems = rules[location]?.maxItems;
    if (maxItems !== undefined && value.length > maxItems) {
      throw badInput(`${path} has ${value.length} items; at most ${maxItems} are allowed.`, { field: path, rule: 'MAX_ITEMS' });
    }
    value.forEach((item, i) => checkInput(rules, location, `${path}[${i}]`, type.ofType, item));
    return;
  }
  if (type instanceof GraphQLInputObjectType) {
    for (const field of Object.values(type.getFields())) {
      const given = (value as Record<string, unknown>)[field.name];
      checkInput(rules, `${type.name}.${field.name}`, `${path}.${field.name}`, field.type, given);
    }
    return;
  }
  if (type instanceof GraphQLScalarType) {
    // A declaration refines the scalar's default (a region code is still an ID of at most 36 characters).
    checkValue(path, { rule: { ...DEFAULTS[type.name], ...rules[location] }, scalar: type.name }, value);
  }
}

/** Every scalar location of a mutation argument, for the start-up check that each String and Int is declared. */
function locations(location: string, type: GraphQLInputType, seen: Set<string>, out: { location: string; scalar: string }[]): void {
  if (type instanceof GraphQLNonNull || type instanceof GraphQLList) return locations(location, type.ofType, seen, out);
  if (type instanceof GraphQLInputObjectType) {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) locations(`${type.name}.${field.name}`, field.type, seen, out);
    return;
  }
  if (type instanceof GraphQLScalarType) out.push({ location, scalar: type.name });
}

/** Wraps every mutation of a built subgraph schema so that its arguments are checked against `rules` first. */
export function enforceInputs(schema: GraphQLSchema, rules: InputRules): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  const undeclared: string[] = [];
  for (const field of Object.values(mutation.getFields()) as GraphQLField<unknown, unknown>[]) {
    const found: { location: string; scalar: string }[] = [];
    for (const arg of field.args) locations(`Mutation.${field.name}.${arg.name}`, arg.type, new Set(), found);
    undeclared.push(...found.filter(({ location, scalar }) => MUST_DECLARE.has(scalar) && !rules[location]).map(({ location }) => location));
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    const args: readonly GraphQLArgument[] = field.args;
    field.resolve = (parent, given, context, info) => {
      for (const arg of args) checkInput(rules, `Mutation.${field.name}.${arg.name}`, arg.name, arg.type, (given as Record<string, unknown>)[arg.name]);
      return resolve(parent, given, context, info);
    };
  }
  const unused = Object.keys(rules).filter((location) => !isLocation(schema, location));
  if (undeclared.length || unused.length) {
    throw new Error(
      [
        ...undeclared.map((l) => `${l} takes text or a whole number that no input rule bounds: declare its column or domain in the subgraph's inputs.ts.`),
        ...unused.map((l) => `The input rule ${l} names no mutation argument or input field of the contract.`),
      ].join('\n'),
    );
  }
  return schema;
}

function isLocation(schema: GraphQLSchema, location: string): boolean {
  const [first, second, third] = location.split('.');
  if (first === 'Mutation') return !!schema.getMutationType()?.getFields()[second]?.args.some((a) => a.name === third);
  const type = schema.getType(first);
  return type instanceof GraphQLInputObjectType && !!type.getFields()[second] && third === undefined;
}
