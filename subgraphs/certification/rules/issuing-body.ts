/**
 * 发证机构: the body that issued a certificate, recorded on it so that a lost certificate can be
 * reissued by that body (Sichuan notice 省执行办 2017 第01号, see lost-certificate.ts).
 *
 * - MINISTRY: 教育部 (Sichuan 1.0 certificates 由教育部统一颁发); it has no office on this platform.
 * - BUREAU: an education department or bureau, by its region code (the province's 教育厅: `510000`).
 * - INSTITUTION: a training institution (培训机构), by its id in the training slice.
 */
export type IssuingBodyKind = 'MINISTRY' | 'BUREAU' | 'INSTITUTION';

export interface IssuingBody {
  kind: IssuingBodyKind;
  /** BUREAU: its six-digit region code; INSTITUTION: its id; MINISTRY: null. */
  id: string | null;
}

/** The name printed for 教育部 on the certificates it issues. */
export const MINISTRY_NAME = '教育部';

/**
 * The issuing body a certificate printed with `issuer` in province `provinceCode` has, when the
 * name alone tells it: 教育部, or the province's own department (`provincialIssuer`, the name
 * this platform prints for it). Any other name (an institution's, a centre's) does not say which
 * body on this platform it is: null, and the issuing command names the body itself.
 */
export function issuingBodyByName(issuer: string, provinceCode: string, provincialIssuer: string): IssuingBody | null {
  if (issuer === MINISTRY_NAME) return { kind: 'MINISTRY', id: null };
  if (issuer === provincialIssuer) return { kind: 'BUREAU', id: `${provinceCode}0000` };
  return null;
}
