import { isValidIsoDate, type IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';

/**
 * 身份证号 (citizen ID number), GB 11643-1999.
 *
 * 18 characters: 6-digit area code (GB/T 2260) + birth date YYYYMMDD + 3-digit
 * sequence (odd = male) + check character. Legacy 15-digit numbers (1989 standard:
 * 2-digit year, no check character) are accepted and upgraded to 18 characters, so
 * a teacher has exactly one number in the registry whichever form a system sent.
 */
export type Sex = 'MALE' | 'FEMALE';

export interface CitizenId {
  /** The 18-character number, check character upper-case. */
  idNumber: string;
  areaCode: string;
  birthDate: IsoDate;
  sex: Sex;
  /** True when the input was a 15-digit legacy number. */
  upgradedFromLegacy: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** GB/T 2260 province codes (first two digits) that issue ID numbers, incl. Taiwan, Hong Kong, Macao. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** The check character for the first 17 digits: Σ(digit × weight) mod 11 → `10X98765432`. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

const FIELD = { field: 'idNumber' };

/**
 * Validates a 身份证号 and derives birth date and sex from it.
 * Throws BAD_USER_INPUT naming what is wrong; `today` bounds the birth date.
 */
export function parseCitizenId(raw: string, today: IsoDate): CitizenId {
  const text = raw.trim().toUpperCase();
  let idNumber: string;
  let upgradedFromLegacy = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    idNumber = first17 + checkCharacter(first17);
    upgradedFromLegacy = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    idNumber = text;
  } else {
    throw badInput(
      `身份证号 must be 18 characters (17 digits and a digit or X) or a 15-digit legacy number; got ${text.length} characters.`,
      { ...FIELD, rule: 'ID_NUMBER_FORMAT' },
    );
  }

  const areaCode = idNumber.slice(0, 6);
  if (!PROVINCE_CODES.has(areaCode.slice(0, 2))) {
    throw badInput(`身份证号 starts with area code ${areaCode}, which names no province (GB/T 2260).`, {
      ...FIELD,
      rule: 'ID_NUMBER_AREA',
    });
  }

  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) {
    throw badInput(`身份证号 holds birth date ${idNumber.slice(6, 14)}, which is not a real past date.`, {
      ...FIELD,
      rule: 'ID_NUMBER_BIRTH_DATE',
    });
  }

  const expected = checkCharacter(idNumber.slice(0, 17));
  if (!upgradedFromLegacy && idNumber[17] !== expected) {
    throw badInput(
      `身份证号 check character is ${idNumber[17]} but the first 17 digits give ${expected}: a digit was probably mistyped.`,
      { ...FIELD, rule: 'ID_NUMBER_CHECKSUM' },
    );
  }

  const sex: Sex = Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { idNumber, areaCode, birthDate, sex, upgradedFromLegacy };
}
