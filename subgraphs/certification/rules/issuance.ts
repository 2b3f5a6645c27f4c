import { DomainError } from '../../../kit/errors';
import type { AssessmentLevel, CertificateKind } from '../__generated__/resolvers-types';
import { completionNumberKind, type NumberKind } from './certificate-number';
import type { ItCapabilityEvaluation } from './it-capability';

/**
 * Whether a certificate may be issued (发证). Checks run in the order a person fixes them:
 * an active certificate already held (nothing to do), then what is missing, then the city
 * project office's review, which only makes sense once everything else is done.
 */

/**
 * Outcome of a development assessment: a level printed on the certificate (发展测评合格证书,
 * enum `AssessmentLevel`: 合格 PASS / 优秀 EXCELLENT), or FAIL (不合格), which earns none.
 */
export type DevelopmentAssessmentResult = AssessmentLevel | 'FAIL';

export const DEVELOPMENT_ASSESSMENT_RESULTS: readonly DevelopmentAssessmentResult[] = ['PASS', 'EXCELLENT', 'FAIL'];

/**
 * `existingActiveCertificateOfKind`: the teacher holds an ISSUED certificate of the same kind —
 * for IT completion the same programme version (a 1.0 holder may still earn 2.0), for project
 * completion the same project. A revoked one does not count; a lost one is reissued instead.
 */
export type IssuanceInput =
  | {
      kind: 'IT_CAPABILITY_COMPLETION';
      programmeEvaluation: ItCapabilityEvaluation;
      /** 工程办 reviewed the completion; ignored when the programme requires no such review. */
      cityOfficeReviewed: boolean;
      existingActiveCertificateOfKind: boolean;
    }
  | {
      kind: 'DEVELOPMENT_ASSESSMENT';
      /** Null when the teacher has not been assessed. */
      assessmentResult: DevelopmentAssessmentResult | null;
      existingActiveCertificateOfKind: boolean;
    }
  | {
      kind: 'PROJECT_COMPLETION';
      /** The teacher's enrollment in the project ended COMPLETED. */
      projectCompleted: boolean;
      existingActiveCertificateOfKind: boolean;
    };

export interface IssuanceDecision {
  kind: CertificateKind;
  /** KIND part of the number to give the new certificate. */
  numberKind: NumberKind;
  /** Only development-assessment certificates carry a level. */
  level: AssessmentLevel | null;
}

const KIND_NAME: Record<CertificateKind, string> = {
  IT_CAPABILITY_COMPLETION: 'IT application capability completion certificate (信息技术应用能力提升工程 结业证书)',
  DEVELOPMENT_ASSESSMENT: 'development assessment certificate (发展测评合格证书)',
  PROJECT_COMPLETION: 'training project completion certificate',
};

function notEligible(kind: CertificateKind, missing: string[]): DomainError {
  return new DomainError('NOT_ELIGIBLE', `Not yet eligible for the ${KIND_NAME[kind]}: still missing ${missing.join('; ')}.`, {
    kind,
    missing,
  });
}

/** Returns what to issue, or throws `ALREADY_CERTIFIED`, `NOT_ELIGIBLE` or `CITY_OFFICE_REVIEW_REQUIRED`. */
export function checkIssuance(input: IssuanceInput): IssuanceDecision {
  if (input.existingActiveCertificateOfKind) {
    throw new DomainError(
      'ALREADY_CERTIFIED',
      `The teacher already holds an active ${KIND_NAME[input.kind]}. A lost certificate is reissued (补发) from the existing one, not issued again.`,
      { kind: input.kind },
    );
  }
  switch (input.kind) {
    case 'IT_CAPABILITY_COMPLETION': {
      const { programme, complete, missing } = input.programmeEvaluation;
      // Exemption frees a teacher from the requirement; it is not a certificate.
      if (!complete) throw notEligible(input.kind, missing);
      if (programme.requiresCityOfficeReview && !input.cityOfficeReviewed) {
        throw new DomainError(
          'CITY_OFFICE_REVIEW_REQUIRED',
          `${programme.name} requires the city project office (工程办) to review the teacher's completion before the provincial completion certificate is issued; the review has not been recorded.`,
          { kind: input.kind, programmeId: programme.id },
        );
      }
      return { kind: input.kind, numberKind: completionNumberKind(programme.version), level: null };
    }
    case 'DEVELOPMENT_ASSESSMENT': {
      const result = input.assessmentResult;
      if (result === null || result === 'FAIL') {
        throw notEligible(input.kind, [
          `a development assessment (发展测评) result of PASS or EXCELLENT (${result === null ? 'no result recorded' : 'result: FAIL'})`,
        ]);
      }
      return { kind: input.kind, numberKind: 'DA', level: result };
    }
    case 'PROJECT_COMPLETION': {
      if (!input.projectCompleted) throw notEligible(input.kind, ['a completed enrollment in the training project']);
      return { kind: input.kind, numberKind: 'PC', level: null };
    }
  }
}
