import { addYears, isValidIsoDate, type IsoDate } from '../../../kit/date';
import { formatMilli, MILLI } from '../../../kit/decimal';
import { badInput } from '../../../kit/errors';
import { completionNumberKind, readCertificateNumber } from './certificate-number';
import type { CertificateStatus } from './certificate-workflow';
import { missingProofs, type CompletionProofKind } from './completion-proofs';
import type { ItProgramme } from './programmes';

/** 信息技术应用能力: where one teacher stands in a programme. */

export interface ItCapabilityInput {
  programme: ItProgramme;
  /** Hours earned within the programme's period (the credits subgraph counts them), thousandths. */
  onlineHoursMilli: number;
  practiceHoursMilli: number;
  /** 诊断测评 done. */
  preAssessmentDone: boolean;
  /** Null when unknown: then no exemption is assumed. */
  retirementDate: IsoDate | null;
  asOf: IsoDate;
  /** The teacher's certificate for this programme, if any (e.g. from a partner programme's pass list). */
  certificate?: { number: string; status: CertificateStatus } | null;
  /** The proofs on record for this programme (rules/completion-proofs); none when left out. */
  proofs?: readonly CompletionProofKind[];
}

export interface ItCapabilityEvaluation {
  programme: ItProgramme;
  /** Within the programme's retirement exemption on `asOf`: nothing is required of the teacher. */
  exempt: boolean;
  /** All requirements met, or an active completion certificate of this programme held. */
  complete: boolean;
  /** What still stands between the teacher and completion; empty when complete. Kept for exempt teachers who train anyway. */
  missing: string[];
  onlineHoursMilli: number;
  practiceHoursMilli: number;
  totalHoursMilli: number;
}

function checkHours(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw badInput(`${field} must be a non-negative number of hours in thousandths, not ${value}.`, {
      field,
      rule: 'HOURS_NON_NEGATIVE',
    });
  }
}

function checkDate(value: IsoDate, field: string): void {
  if (!isValidIsoDate(value)) {
    throw badInput(`"${value}" is not a calendar date written as YYYY-MM-DD.`, { field, rule: 'DATE_FORMAT' });
  }
}

/** "10 more practice hours (30 required, 20 done)"; "1 more online hour (…)". */
function shortfall(label: string, requiredMilli: number, doneMilli: number): string {
  const short = requiredMilli - doneMilli;
  return `${formatMilli(short)} more ${label}${short === MILLI ? '' : 's'} (${formatMilli(requiredMilli)} required, ${formatMilli(doneMilli)} done)`;
}

/**
 * 距退休不满五年 (Ningde notice): exempt from the programme (not from credit requirements) when
 * strictly less than the exemption years remain to retirement, judged at the programme's
 * deadline (1.0: its end, 2017-12-31) — not on the day asked, which would let the exemption
 * grow as the years pass. A programme still running has no deadline yet: judged on `asOf`.
 * Exactly five years is not "less than five"; being past retirement is.
 */
export function isRetirementExempt(programme: ItProgramme, retirementDate: IsoDate | null, asOf: IsoDate): boolean {
  if (programme.retirementExemptionYears === null || retirementDate === null) return false;
  const judgedOn = programme.validTo ?? asOf;
  return retirementDate < addYears(judgedOn, programme.retirementExemptionYears);
}

export function evaluateItCapability(input: ItCapabilityInput): ItCapabilityEvaluation {
  const { programme, onlineHoursMilli, practiceHoursMilli, preAssessmentDone, retirementDate, asOf, certificate, proofs = [] } = input;
  checkHours(onlineHoursMilli, 'onlineHoursMilli');
  checkHours(practiceHoursMilli, 'practiceHoursMilli');
  checkDate(asOf, 'asOf');
  if (retirementDate !== null) checkDate(retirementDate, 'retirementDate');

  const totalHoursMilli = onlineHoursMilli + practiceHoursMilli;
  const hours = { onlineHoursMilli, practiceHoursMilli, totalHoursMilli };
  const exempt = isRetirementExempt(programme, retirementDate, asOf);

  // A certificate of this programme's version settles it: partner programmes certify from
  // pass lists whose hours never reach our credit records.
  const certified =
    certificate?.status === 'ISSUED' && readCertificateNumber(certificate.number)?.kind === completionNumberKind(programme.version);
  if (certified) return { programme, exempt, complete: true, missing: [], ...hours };

  const missing: string[] = [];
  if (programme.requiresPreAssessment && !preAssessmentDone) missing.push('the diagnostic pre-assessment');
  const { minOnlineHoursMilli, minPracticeHoursMilli, minTotalHoursMilli } = programme;
  if (minOnlineHoursMilli === null && minPracticeHoursMilli === null && minTotalHoursMilli === null) {
    // Sichuan 1.0: the notice sets no hours; only the certificate (from a partner pass) completes it.
    missing.push(`the ${programme.version} completion certificate issued by ${programme.issuer} (this programme sets no hours: it is certified from a partner programme's pass)`);
    return { programme, exempt, complete: false, missing, ...hours };
  }
  const minOnline = minOnlineHoursMilli ?? 0;
  const minPractice = minPracticeHoursMilli ?? 0;
  if (onlineHoursMilli < minOnline) missing.push(shortfall('online hour', minOnline, onlineHoursMilli));
  if (practiceHoursMilli < minPractice) missing.push(shortfall('practice hour', minPractice, practiceHoursMilli));
  // Only the part of the total that the per-kind minimums above do not already ask for.
  const totalOnceMinimumsMet = Math.max(onlineHoursMilli, minOnline) + Math.max(practiceHoursMilli, minPractice);
  if (minTotalHoursMilli !== null && totalOnceMinimumsMet < minTotalHoursMilli) {
    const extra = minTotalHoursMilli - totalOnceMinimumsMet;
    missing.push(
      `${formatMilli(extra)} more hour${extra === MILLI ? '' : 's'}, online or practice ` +
        `(${formatMilli(minTotalHoursMilli)} required in total, ${formatMilli(totalHoursMilli)} done)`,
    );
  }
  // Ningde: the hours alone do not complete 1.0; the two 合格证明 and the submitted outcome prove them.
  missing.push(...missingProofs(programme, proofs));
  return { programme, exempt, complete: missing.length === 0, missing, ...hours };
}
