/**
 * 身份证号 checks (GB 11643-1999) the credits slice needs for imports. The registry
 * owns teachers and their numbers; subgraphs never import each other, so this small
 * check lives here too. The ID number is only checked, never stored by credits.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character the first 17 digits give. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Null when the number is a well-formed 18-character (or legacy 15-digit) 身份证号, else why not. */
export function idNumberProblem(value: string): string | null {
  const text = value.trim().toUpperCase();
  if (/^\d{15}$/.test(text)) return null;
  if (!/^\d{17}[\dX]$/.test(text)) return '身份证号 must be 18 characters (17 digits and a digit or X), or a legacy 15-digit number';
  const expected = checkCharacter(text.slice(0, 17));
  if (text[17] !== expected) return `身份证号 check character is ${text[17]} but the first 17 digits give ${expected}`;
  return null;
}

/** A legacy 15-digit number as 18 characters (century 19 inserted, check character added); 18-character numbers upper-cased. */
export function normalizedIdNumber(value: string): string {
  const text = value.trim().toUpperCase();
  if (!/^\d{15}$/.test(text)) return text;
  const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
  return first17 + checkCharacter(first17);
}
