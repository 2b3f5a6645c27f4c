import { DomainError, badInput } from '../../../kit/errors';
import type { CertificateStatus, VerificationResult } from '../__generated__/resolvers-types';

export type { CertificateStatus };

/**
 * Certificate life cycle (enum `CertificateStatus`): ISSUED → REVOKED (撤销, reason required)
 * or ISSUED → REISSUED (补发: a lost certificate gets a new number that points to the old one,
 * and the old one stops verifying). REVOKED and REISSUED are final.
 */
export type CertificateAction = 'REVOKE' | 'REISSUE';

/** The only transitions there are; anything missing here is `INVALID_TRANSITION`. */
export const CERTIFICATE_TRANSITIONS: Readonly<Record<CertificateStatus, Partial<Record<CertificateAction, CertificateStatus>>>> = {
  ISSUED: { REVOKE: 'REVOKED', REISSUE: 'REISSUED' },
  REVOKED: {},
  REISSUED: {},
};

export interface CertificateTransition {
  to: CertificateStatus;
  /** Trimmed reason for the audit trail; null when none was given (allowed for a reissue). */
  reason: string | null;
}

/**
 * The status after `action`. A revocation must say why, because it takes a teacher's
 * qualification away and is shown on verification; a reissue's reason (lost, damaged) is optional.
 */
export function transitionCertificate(
  from: CertificateStatus,
  action: CertificateAction,
  { reason }: { reason?: string | null } = {},
): CertificateTransition {
  const to = CERTIFICATE_TRANSITIONS[from][action];
  if (to === undefined) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `A ${from} certificate cannot be ${action === 'REVOKE' ? 'revoked' : 'reissued'}: only an ISSUED certificate can be revoked or reissued; REVOKED and REISSUED are final.`,
      { from, action },
    );
  }
  const trimmed = reason?.trim() || null;
  if (action === 'REVOKE' && trimmed === null) {
    throw badInput('A certificate is revoked only with a reason, which is kept for the audit trail.', {
      field: 'reason',
      rule: 'REVOCATION_REASON_REQUIRED',
    });
  }
  return { to, reason: trimmed };
}

/** What public verification (证书查验) needs of a certificate; nothing more is read. */
export interface VerifiableCertificate {
  number: string;
  status: CertificateStatus;
  holderName: string;
}

export interface VerificationOutcome {
  result: VerificationResult;
  /** Number of the certificate that replaced a reissued one, so the verifier can ask for it. */
  replacedBy?: string;
}

/**
 * Lookalike middle dots in minority names (买买提·艾力) typed from different keyboards; matched
 * after NFKC, which has already turned the full-width full stop (．) into ".".
 */
const MIDDLE_DOTS = /[.\u00B7\u2022\u2027\u2219\u30FB]/g;

/**
 * Name as compared on verification: NFKC folds full-width letters and the full-width space
 * (U+3000) to their ASCII forms; all whitespace is then dropped, because "张 三" and "张三" are
 * the same person while a space never distinguishes two Chinese names; middle dots are unified;
 * Latin letters compare case-insensitively.
 */
export function normaliseHolderName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(MIDDLE_DOTS, '\u00B7').toLowerCase();
}

/**
 * Public verification of a certificate by number and holder name. The name is checked before
 * the status, so someone who does not know the holder learns nothing about the certificate's
 * fate; the outcome carries no personal data.
 */
export function verificationOutcome(
  certificate: VerifiableCertificate | null,
  replacement: { number: string } | null | undefined,
  nameGiven: string,
): VerificationOutcome {
  const given = normaliseHolderName(nameGiven);
  if (given === '') {
    throw badInput("Verifying a certificate needs the holder's name as printed on it.", {
      field: 'name',
      rule: 'HOLDER_NAME_REQUIRED',
    });
  }
  if (certificate === null) return { result: 'NOT_FOUND' };
  if (normaliseHolderName(certificate.holderName) !== given) return { result: 'NAME_MISMATCH' };
  switch (certificate.status) {
    case 'ISSUED':
      return { result: 'VALID' };
    case 'REVOKED':
      return { result: 'REVOKED' };
    case 'REISSUED':
      return replacement ? { result: 'REPLACED', replacedBy: replacement.number } : { result: 'REPLACED' };
  }
}
