import { todayInChina, type IsoDate } from '../../kit/date';
import { parseMilli } from '../../kit/decimal';
import { certificationConfig } from './config';
import type { Certificate, CompletionProof } from './entities';
import type { HoursRow, TeacherRep } from './models';
import { completionNumberKind, readCertificateNumber } from './rules/certificate-number';
import { evaluateItCapability, type ItCapabilityEvaluation } from './rules/it-capability';
import { programmeFor, type ItProgramme } from './rules/programmes';

/**
 * The province whose programme judges a teacher: the one of the teacher's school's region code,
 * which the gateway sends with the representation (`@requires school { region { code } }`), so a
 * Fujian teacher is judged under Fujian's programme and a Sichuan teacher under Sichuan's.
 * `CERTIFICATION_PROVINCE_CODE` answers only when a representation arrives without it (a gateway
 * still on a supergraph composed before that requirement).
 */
export function teacherProvince(teacher: TeacherRep): string {
  const code = teacher.school?.region?.code;
  return code ? code.slice(0, 2) : certificationConfig.CERTIFICATION_PROVINCE_CODE;
}

/** Hours within the programme's window: its period ending in the year of `asOf`, never before it started. */
export function hoursInWindow(programme: ItProgramme, rows: readonly HoursRow[], asOf: IsoDate): { online: number; practice: number } {
  const asOfYear = Number(asOf.slice(0, 4));
  const startYear = Math.max(Number(programme.validFrom.slice(0, 4)), programme.periodYears ? asOfYear - programme.periodYears + 1 : 0);
  const endYear = Math.min(asOfYear, programme.validTo ? Number(programme.validTo.slice(0, 4)) : asOfYear);
  let online = 0;
  let practice = 0;
  for (const row of rows) {
    if (row.year < startYear || row.year > endYear) continue;
    online += parseMilli(String(row.onlineHours));
    practice += parseMilli(String(row.practiceHours));
  }
  return { online, practice };
}

/** The ISSUED completion certificate of the programme's version among a teacher's certificates. */
export function completionCertificateOf(programme: ItProgramme, certificates: readonly Certificate[]): Certificate | null {
  const kind = completionNumberKind(programme.version);
  return certificates.find((c) => c.status === 'ISSUED' && readCertificateNumber(c.number)?.kind === kind) ?? null;
}

export interface CapabilityInput {
  provinceCode: string;
  asOf?: IsoDate | null;
  retirementDate: IsoDate | null;
  hours: readonly HoursRow[];
  preAssessmentDone: (programme: ItProgramme) => Promise<boolean>;
  /** The completion proofs on record for the programme (Ningde: the two 合格证明 and the submitted outcome). */
  proofs: (programme: ItProgramme) => Promise<CompletionProof[]>;
  certificates: () => Promise<Certificate[]>;
}

export interface Capability {
  programme: ItProgramme | null;
  asOf: IsoDate;
  evaluation: ItCapabilityEvaluation | null;
  preAssessmentDone: boolean;
  proofs: CompletionProof[];
  certificate: Certificate | null;
}

export async function capabilityOf(input: CapabilityInput): Promise<Capability> {
  const asOf = input.asOf ?? todayInChina();
  const programme = programmeFor(input.provinceCode, asOf);
  if (!programme) return { programme: null, asOf, evaluation: null, preAssessmentDone: false, proofs: [], certificate: null };
  // Only a programme that asks for proofs can have any on record (PROOF_NOT_REQUIRED): no query for the others.
  const [preAssessmentDone, proofs, certificates] = await Promise.all([
    input.preAssessmentDone(programme),
    programme.requiredProofs.length ? input.proofs(programme) : Promise.resolve([]),
    input.certificates(),
  ]);
  const certificate = completionCertificateOf(programme, certificates);
  const { online, practice } = hoursInWindow(programme, input.hours, asOf);
  const evaluation = evaluateItCapability({
    programme,
    onlineHoursMilli: online,
    practiceHoursMilli: practice,
    preAssessmentDone,
    retirementDate: input.retirementDate,
    asOf,
    certificate: certificate ? { number: certificate.number, status: certificate.status } : null,
    proofs: proofs.map((p) => p.kind),
  });
  return { programme, asOf, evaluation, preAssessmentDone, proofs, certificate };
}
