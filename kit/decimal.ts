import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors';

/**
 * Exact decimals (credits, hours, money) are stored and computed as integer
 * thousandths ("milli" units): sums are exact in SQL and in JavaScript, on
 * every database, with no binary floating point in between.
 */
export const MILLI = 1000;
const DECIMAL_PATTERN = /^(-)?(\d{1,12})(?:\.(\d{1,3}))?$/;

/** "12.5" → 12500. Rejects more than three decimal places rather than rounding silently. */
export function parseMilli(text: string): number {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) {
    throw badInput(`"${text}" is not a decimal number with at most 3 decimal places.`, { rule: 'DECIMAL_FORMAT' });
  }
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * MILLI + Number(fraction.padEnd(3, '0'));
  return sign ? -value : value;
}

/** 12500 → "12.5"; 12000 → "12". */
export function formatMilli(milli: number): string {
  if (!Number.isSafeInteger(milli)) throw new RangeError(`Not an integer number of thousandths: ${milli}`);
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / MILLI);
  const fraction = String(abs % MILLI).padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** SQL SUM() arrives as a string (mysql2), a number (SQLite) or null for no rows. */
export function sumToMilli(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`SUM of thousandths is not a safe integer: ${String(value)}`);
  return n;
}

/**
 * GraphQL `Decimal`: a string such as "12.5" on the wire, integer thousandths inside.
 * Resolvers return thousandths; arguments arrive as thousandths.
 */
export const DecimalScalar = new GraphQLScalarType<number, string>({
  name: 'Decimal',
  description: 'Exact decimal number, as a string such as "12.5".',
  serialize: (value) => formatMilli(value as number),
  parseValue: (value) => {
    if (typeof value === 'string') return parseMilli(value);
    if (typeof value === 'number') return parseMilli(String(value));
    throw badInput('A Decimal is written as a string such as "12.5".', { rule: 'DECIMAL_FORMAT' });
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseMilli(ast.value);
    throw badInput('A Decimal is written as a string such as "12.5".', { rule: 'DECIMAL_FORMAT' });
  },
});
