import { maskKeepingEnds } from './masking';
import { isProvinceCode, provinceCodeOf } from './region-code';

/**
 * 公民身份号码 (身份证号, citizen ID number), GB 11643-1999.
 *
 * 18 characters: 6-digit area code (GB/T 2260) + birth date YYYYMMDD + 3-digit sequence
 * (odd = male) + check character. Legacy 15-digit numbers (GB 11643-1989: 2-digit year, no
 * check character) are upgraded to 18 characters, so one person has one number whichever
 * form a system sends. Pure: checks return the problem; each slice answers in its own error.
 */
export type Sex = 'MALE' | 'FEMALE';

export interface CitizenId {
  /** The 18-character number, check character upper-case. */
  idNumber: string;
  areaCode: string;
  birthDate: string;
  sex: Sex;
  /** True when the input was a 15-digit legacy number. */
  upgradedFromLegacy: boolean;
}

/** What is wrong with a number, by the rule it breaks (the slices pass `rule` on as `extensions.rule`). */
export interface IdNumberProblem {
  rule: 'ID_NUMBER_FORMAT' | 'ID_NUMBER_AREA' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_CHECKSUM';
  message: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const CURRENT = /^\d{17}[\dX]$/;
const LEGACY = /^\d{15}$/;
/** Registration began in 1984; no holder was born before 1900. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The check character for the first 17 digits: Σ(digit × weight) mod 11 → `10X98765432`. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** A 15-digit legacy number as 18 characters: century 19 inserted, check character computed. */
export function upgradeLegacyIdNumber(legacy: string): string {
  const first17 = `${legacy.slice(0, 6)}19${legacy.slice(6)}`;
  return first17 + checkCharacter(first17);
}

function cleaned(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The number as the registry keys it: trimmed, upper-case, a legacy 15-digit number upgraded. Anything else is returned cleaned, unchecked. */
export function normalizeIdNumber(raw: string): string {
  const text = cleaned(raw);
  return LEGACY.test(text) ? upgradeLegacyIdNumber(text) : text;
}

/** True for an 18-character number whose check character agrees with its digits. */
export function hasValidCheckCharacter(idNumber: string): boolean {
  return CURRENT.test(idNumber) && checkCharacter(idNumber) === idNumber[17];
}

function formatProblem(text: string): IdNumberProblem | null {
  if (CURRENT.test(text) || LEGACY.test(text)) return null;
  return {
    rule: 'ID_NUMBER_FORMAT',
    message: `身份证号 must be 18 characters (17 digits and a digit or X) or a 15-digit legacy number; got ${text.length} characters.`,
  };
}

function checksumProblem(idNumber: string): IdNumberProblem | null {
  const expected = checkCharacter(idNumber);
  if (idNumber[17] === expected) return null;
  return {
    rule: 'ID_NUMBER_CHECKSUM',
    message: `身份证号 check character is ${idNumber[17]} but the first 17 digits give ${expected}: a digit was probably mistyped.`,
  };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The shape checks a slice that does not own the number makes before asking the registry:
 * 18 characters with a matching check character, or 15 legacy digits. Null when it passes.
 */
export function idNumberShapeProblem(raw: string): IdNumberProblem | null {
  const text = cleaned(raw);
  return formatProblem(text) ?? (LEGACY.test(text) ? null : checksumProblem(text));
}

/**
 * Validates a 身份证号 in full (format, province of the area code, a real birth date no later
 * than `today` (YYYY-MM-DD), check character) and derives birth date and sex from it.
 */
export function readIdNumber(raw: string, today: string): { id: CitizenId; problem: null } | { id: null; problem: IdNumberProblem } {
  const fail = (problem: IdNumberProblem) => ({ id: null, problem });
  const text = cleaned(raw);
  const format = formatProblem(text);
  if (format) return fail(format);
  const upgradedFromLegacy = LEGACY.test(text);
  const idNumber = upgradedFromLegacy ? upgradeLegacyIdNumber(text) : text;

  const areaCode = idNumber.slice(0, 6);
  if (!isProvinceCode(provinceCodeOf(areaCode))) {
    return fail({ rule: 'ID_NUMBER_AREA', message: `身份证号 starts with area code ${areaCode}, which names no province (GB/T 2260).` });
  }

  const [year, month, day] = [idNumber.slice(6, 10), idNumber.slice(10, 12), idNumber.slice(12, 14)];
  const birthDate = `${year}-${month}-${day}`;
  if (!isCalendarDate(Number(year), Number(month), Number(day)) || birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return fail({ rule: 'ID_NUMBER_BIRTH_DATE', message: `身份证号 holds birth date ${idNumber.slice(6, 14)}, which is not a real past date.` });
  }

  const checksum = upgradedFromLegacy ? null : checksumProblem(idNumber);
  if (checksum) return fail(checksum);

  const sex: Sex = Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { id: { idNumber, areaCode, birthDate, sex, upgradedFromLegacy }, problem: null };
}

/** `11010519491231002X` → `110***********002X`: area prefix and last four stay readable (see masking.ts). */
export function maskIdNumber(idNumber: string): string {
  return maskKeepingEnds(idNumber);
}
