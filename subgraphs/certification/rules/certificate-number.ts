import { DomainError, badInput } from '../../../kit/errors';
import type { CertificateKind } from '../__generated__/resolvers-types';
import type { ProgrammeVersion } from './programmes';

/**
 * Certificate numbers (证书编号): `{KIND}-{PROVINCE2}-{YEAR}-{SEQ6}`, e.g. `IT2-51-2019-000123`.
 *
 * - KIND: IT1 (1.0 completion 结业证书), IT2 (2.0 completion), DA (development assessment
 *   发展测评合格证书), PC (training project completion).
 * - PROVINCE2: GB/T 2260 province code of the issuing province.
 * - YEAR: year of issue (a reissued certificate takes a number in the year it is reissued).
 * - SEQ6: 000001–999999, counted per KIND-PROVINCE-YEAR series.
 *
 * Fixed widths make the largest number of a series also its last in text order, so the next
 * number is found with `ORDER BY number DESC` over the series prefix.
 */

/** Kind as written in the number; the IT completion kind also names the programme version. */
export type NumberKind = 'IT1' | 'IT2' | 'DA' | 'PC';

export const NUMBER_KINDS: readonly NumberKind[] = ['IT1', 'IT2', 'DA', 'PC'];

export interface CertificateNumber {
  kind: NumberKind;
  provinceCode: string;
  year: number;
  sequence: number;
}

export const MAX_SEQUENCE = 999_999;

const CERTIFICATE_KIND: Record<NumberKind, CertificateKind> = {
  IT1: 'IT_CAPABILITY_COMPLETION',
  IT2: 'IT_CAPABILITY_COMPLETION',
  DA: 'DEVELOPMENT_ASSESSMENT',
  PC: 'PROJECT_COMPLETION',
};

export function certificateKindOf(kind: NumberKind): CertificateKind {
  return CERTIFICATE_KIND[kind];
}

/** The number kind of an IT capability completion certificate for a programme version. */
export function completionNumberKind(version: ProgrammeVersion): NumberKind {
  return version === '1.0' ? 'IT1' : 'IT2';
}

const PROVINCE_CODE = /^[1-9]\d$/;
/** Certificates in this product are issued from 2000 on; anything else is a typo. */
const YEAR = /^20\d{2}$/;
const SEQUENCE = /^\d{6}$/;
const EXAMPLE = 'IT2-51-2019-000123';

function formatError(text: string, problem: string): DomainError {
  return badInput(
    `"${text}" is not a certificate number: ${problem}. Expected KIND-PROVINCE-YEAR-SEQUENCE such as ${EXAMPLE} ` +
      `(KIND one of ${NUMBER_KINDS.join(', ')}; PROVINCE two digits; YEAR four digits; SEQUENCE six digits).`,
    { field: 'number', rule: 'CERTIFICATE_NUMBER_FORMAT' },
  );
}

/**
 * Reads a number as a person types it: surrounding spaces, lower case and full-width characters
 * from a Chinese input method (ＩＴ２－５１…) are accepted and normalised; anything else is rejected
 * with the part that is wrong.
 */
export function parseCertificateNumber(text: string): CertificateNumber {
  const normalised = text.normalize('NFKC').trim().toUpperCase();
  const parts = normalised.split('-');
  if (parts.length !== 4) throw formatError(text, `it has ${parts.length} part(s) separated by "-", not 4`);
  const [kind, provinceCode, year, sequence] = parts;
  if (!(NUMBER_KINDS as readonly string[]).includes(kind)) throw formatError(text, `"${kind}" is not a certificate kind`);
  if (!PROVINCE_CODE.test(provinceCode)) throw formatError(text, `"${provinceCode}" is not a two-digit province code`);
  if (!YEAR.test(year)) throw formatError(text, `"${year}" is not a year of issue between 2000 and 2099`);
  if (!SEQUENCE.test(sequence) || Number(sequence) === 0) {
    throw formatError(text, `"${sequence}" is not a six-digit sequence between 000001 and 999999`);
  }
  return { kind: kind as NumberKind, provinceCode, year: Number(year), sequence: Number(sequence) };
}

/** `parseCertificateNumber` for stored data, where a foreign (imported) number is not an input error. */
export function readCertificateNumber(text: string): CertificateNumber | null {
  try {
    return parseCertificateNumber(text);
  } catch {
    return null;
  }
}

export function formatCertificateNumber(number: CertificateNumber): string {
  const { kind, provinceCode, year, sequence } = number;
  if (!NUMBER_KINDS.includes(kind) || !PROVINCE_CODE.test(provinceCode) || !YEAR.test(String(year))) {
    throw new RangeError(`Cannot number a certificate of kind ${kind}, province ${provinceCode}, year ${year}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`Certificate sequence ${sequence} is outside 1–${MAX_SEQUENCE}`);
  }
  return `${certificateSeriesPrefix(kind, provinceCode, year)}${String(sequence).padStart(6, '0')}`;
}

/** `IT2-51-2019-`: the prefix every number of one series shares (for `LIKE 'prefix%'`). */
export function certificateSeriesPrefix(kind: NumberKind, provinceCode: string, year: number): string {
  return `${kind}-${provinceCode}-${year}-`;
}

/**
 * The sequence after the last number issued in a series (1 for an empty series). A full series
 * is a business limit, not a bug: it stops issuance with `CERTIFICATE_SEQUENCE_EXHAUSTED`.
 */
export function nextSequence(lastNumberOrNull: string | null): number {
  if (lastNumberOrNull === null) return 1;
  const last = parseCertificateNumber(lastNumberOrNull);
  if (last.sequence >= MAX_SEQUENCE) {
    throw new DomainError(
      'CERTIFICATE_SEQUENCE_EXHAUSTED',
      `Series ${certificateSeriesPrefix(last.kind, last.provinceCode, last.year)} has used all ${MAX_SEQUENCE} numbers; ` +
        'no further certificate of this kind can be numbered for this province and year.',
      { lastNumber: lastNumberOrNull },
    );
  }
  return last.sequence + 1;
}
