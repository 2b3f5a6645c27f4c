import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../kit/errors';
import { certificationConfig } from './config';

/**
 * Signed evidence of a teacher's IT programme figures as `Teacher.itCapability` computed them from
 * the hours the credits subgraph sent through `@requires`. A mutation cannot use `@requires`, so
 * the city office's review (`reviewItCompletion`) hands this back: the signature shows the hours
 * came through the graph and were not typed in. Key: `CERTIFICATION_EVIDENCE_KEY` (set it when
 * more than one certification process runs), else a random key per process.
 */
export interface ItEvidence {
  teacherId: string;
  programmeId: string;
  onlineHoursMilli: number;
  practiceHoursMilli: number;
  retirementDate: string | null;
  asOf: string;
  /** Expiry, epoch milliseconds. */
  expires: number;
}

export const EVIDENCE_TTL_MS = 24 * 3600_000;
const processKey = randomBytes(32);

function mac(payload: string): string {
  const configured = certificationConfig.CERTIFICATION_EVIDENCE_KEY;
  return createHmac('sha256', configured ? Buffer.from(configured) : processKey).update(payload).digest('base64url');
}

export function signEvidence(evidence: ItEvidence): string {
  const payload = Buffer.from(JSON.stringify(evidence)).toString('base64url');
  return `${payload}.${mac(payload)}`;
}

export function readEvidence(token: string, now = Date.now()): ItEvidence {
  const invalid = new DomainError('BAD_USER_INPUT', 'The evidence is not one this graph issued, or it was altered: read Teacher.itCapability.evidence again.', {
    field: 'evidence',
    rule: 'EVIDENCE_SIGNATURE',
  });
  const [payload, signature] = token.split('.');
  if (!payload || !signature) throw invalid;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
  const evidence = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ItEvidence;
  if (evidence.expires < now) {
    throw new DomainError('BAD_USER_INPUT', 'The evidence has expired: read Teacher.itCapability.evidence again.', {
      field: 'evidence',
      rule: 'EVIDENCE_EXPIRED',
    });
  }
  return evidence;
}
