import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors';

/** A calendar date as `YYYY-MM-DD`; the string form is what databases and clients exchange. */
export type IsoDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date (so 2019-02-29 is false, 2020-02-29 is true). */
export function isValidIsoDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function parseIsoDate(text: string): IsoDate {
  if (!isValidIsoDate(text)) {
    throw badInput(`"${text}" is not a calendar date written as YYYY-MM-DD.`, { rule: 'DATE_FORMAT' });
  }
  return text;
}

/** Today's date in China Standard Time (UTC+8), where every province keeps its records. */
export function todayInChina(now: Date = new Date()): IsoDate {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Adds whole years, moving 29 February to 28 February in common years. */
export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** Adds whole months, clamping the day to the end of a shorter month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

export const DateScalar = new GraphQLScalarType<IsoDate, IsoDate>({
  name: 'Date',
  description: 'Calendar date, ISO 8601 YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return String(value).slice(0, 10);
  },
  parseValue: (value) => {
    if (typeof value !== 'string') throw badInput('A Date is written as a string YYYY-MM-DD.', { rule: 'DATE_FORMAT' });
    return parseIsoDate(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('A Date is written as a string YYYY-MM-DD.', { rule: 'DATE_FORMAT' });
    return parseIsoDate(ast.value);
  },
});
