import { DomainError, badInput } from '../../../kit/errors';
import { isValidIsoDate, type IsoDate } from '../../../kit/date';
import type { ItProgramme } from './programmes';

/**
 * Proofs a programme's completion rests on, besides the hours (Ningde notice, the 80-hour IT
 * programme plan, 2016, as domain.md gives it: "80 学时 = 50 online + 30 practice ... preceded by a
 * diagnostic pre-assessment that steers course choice; practice ends in a submitted 应用实践成果;
 * ... two 合格证明 (online 50 h, practice 30 h) lead to the completion certificate (结业证书)").
 *
 * - ONLINE_STUDY_PASS: 网络研修合格证明, the online study's 50 学时 passed.
 * - PRACTICE_OUTCOME: 应用实践成果, the practice's outcome, submitted.
 * - PRACTICE_PASS: 实践应用合格证明, the practice's 30 学时 passed.
 */
export type CompletionProofKind = 'ONLINE_STUDY_PASS' | 'PRACTICE_OUTCOME' | 'PRACTICE_PASS';

export const PROOF_NAMES: Readonly<Record<CompletionProofKind, string>> = {
  ONLINE_STUDY_PASS: 'the online study pass certificate (网络研修合格证明)',
  PRACTICE_OUTCOME: 'the submitted practice outcome (应用实践成果)',
  PRACTICE_PASS: 'the practice pass certificate (实践应用合格证明)',
};

/** A proof on record: its kind and the day it proves. */
export interface RecordedProof {
  kind: CompletionProofKind;
  provenOn: IsoDate;
}

/** What the programme still asks for among its proofs, in words, in the programme's order. */
export function missingProofs(programme: ItProgramme, recorded: readonly CompletionProofKind[]): string[] {
  return programme.requiredProofs.filter((kind) => !recorded.includes(kind)).map((kind) => PROOF_NAMES[kind]);
}

export interface ProofRecording {
  programme: ItProgramme;
  kind: CompletionProofKind;
  provenOn: IsoDate;
  /** The day of the teacher's diagnostic pre-assessment for the programme; null when none is recorded. */
  preAssessedOn: IsoDate | null;
  /** The teacher's proofs already on record for the programme. */
  recorded: readonly RecordedProof[];
}

function refuse(rule: string, message: string): DomainError {
  return new DomainError(rule, message, { rule });
}

/**
 * Whether a proof may be put on record, in the programme's order of things:
 * - the programme asks for it (PROOF_NOT_REQUIRED otherwise), within its span (PROOF_OUTSIDE_PROGRAMME);
 * - the online study follows the diagnostic pre-assessment, which steers the choice of its courses
 *   (PRE_ASSESSMENT_FIRST), where the programme asks for one;
 * - the practice pass follows the submitted outcome the practice ends in (PRACTICE_OUTCOME_FIRST).
 */
export function checkProofRecording({ programme, kind, provenOn, preAssessedOn, recorded }: ProofRecording): void {
  if (!isValidIsoDate(provenOn)) throw badInput(`"${provenOn}" is not a calendar date written as YYYY-MM-DD.`, { field: 'provenOn', rule: 'DATE_FORMAT' });
  if (!programme.requiredProofs.includes(kind)) {
    throw badInput(
      `${programme.name} asks for no ${PROOF_NAMES[kind]}${programme.requiredProofs.length ? `; it asks for ${programme.requiredProofs.map((k) => PROOF_NAMES[k]).join(', ')}` : ': its completion rests on hours (or a certificate) alone'}.`,
      { field: 'kind', rule: 'PROOF_NOT_REQUIRED' },
    );
  }
  if (provenOn < programme.validFrom || (programme.validTo !== null && provenOn > programme.validTo)) {
    throw refuse('PROOF_OUTSIDE_PROGRAMME', `${programme.name} runs ${programme.validFrom} to ${programme.validTo ?? 'today'}; a proof of ${provenOn} is not part of it.`);
  }
  if (kind === 'ONLINE_STUDY_PASS' && programme.requiresPreAssessment && (preAssessedOn === null || preAssessedOn > provenOn)) {
    throw refuse(
      'PRE_ASSESSMENT_FIRST',
      `The diagnostic pre-assessment (诊断测评) steers the choice of the online courses, so it comes first: ${
        preAssessedOn === null ? 'none is recorded for this teacher and programme (recordPreAssessment)' : `it is recorded on ${preAssessedOn}, after ${provenOn}`
      }.`,
    );
  }
  if (kind === 'PRACTICE_PASS' && programme.requiredProofs.includes('PRACTICE_OUTCOME')) {
    const outcome = recorded.find((p) => p.kind === 'PRACTICE_OUTCOME');
    if (!outcome || outcome.provenOn > provenOn) {
      throw refuse(
        'PRACTICE_OUTCOME_FIRST',
        `The practice ends in a submitted outcome (应用实践成果) before it is passed: ${
          outcome ? `the outcome is recorded on ${outcome.provenOn}, after ${provenOn}` : 'record the submitted outcome first'
        }.`,
      );
    }
  }
}
