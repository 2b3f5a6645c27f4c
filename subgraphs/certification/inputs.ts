import { base64File, columnText, REGION_CODE, type InputRules } from '../../kit/inputs';
import { Certificate, CompletionProof, CompletionReview, LostCertificateExplanation, PassEntry, PassList, PreAssessment, ProgrammeTarget } from './entities';

/** Certification's mutations: text as long as its column, codes in their format, years in range (kit/inputs). */
export const inputs: InputRules = {
  'Mutation.issueItCompletionCertificate.idempotencyKey': { maxLength: 128 },
  'Mutation.issueDevelopmentAssessmentCertificate.idempotencyKey': { maxLength: 128 },
  'Mutation.reissueCertificate.idempotencyKey': { maxLength: 128 },
  'Mutation.explainLostCertificate.idempotencyKey': { maxLength: 128 },
  'Mutation.importPartnerPassList.idempotencyKey': { maxLength: 128 },
  'PreAssessmentInput.regionCode': REGION_CODE,
  'PreAssessmentInput.programmeId': columnText(PreAssessment, 'programmeId'),
  'ItCompletionProofInput.regionCode': REGION_CODE,
  'ItCompletionProofInput.programmeId': columnText(CompletionProof, 'programmeId'),
  'ItCompletionProofInput.reference': columnText(CompletionProof, 'reference'),
  // A signed statement the graph handed out; far shorter than this.
  'ItCompletionReviewInput.evidence': { maxLength: 4096 },
  'ItCompletionReviewInput.holderName': columnText(CompletionReview, 'holderName'),
  'ItCompletionReviewInput.regionCode': REGION_CODE,
  'ItCompletionReviewInput.schoolCategory': columnText(CompletionReview, 'schoolCategory'),
  'DevelopmentAssessmentInput.holderName': columnText(Certificate, 'holderName'),
  'DevelopmentAssessmentInput.regionCode': REGION_CODE,
  'DevelopmentAssessmentInput.schoolCategory': columnText(Certificate, 'schoolCategory'),
  // PASS or EXCELLENT, which the issuance rule checks.
  'DevelopmentAssessmentInput.result': { maxLength: 16 },
  'Mutation.revokeCertificate.number': columnText(Certificate, 'number'),
  'Mutation.revokeCertificate.reason': columnText(Certificate, 'statusReason'),
  'Mutation.reissueCertificate.number': columnText(Certificate, 'number'),
  'Mutation.reissueCertificate.reason': columnText(Certificate, 'statusReason'),
  'Mutation.explainLostCertificate.number': columnText(Certificate, 'number'),
  'Mutation.explainLostCertificate.statement': columnText(LostCertificateExplanation, 'statement'),
  'ImportPassListInput.programme': columnText(PassList, 'programme'),
  'ImportPassListInput.regionCode': REGION_CODE,
  // A pass list of a few thousand rows is far smaller.
  'ImportPassListInput.content': base64File(512 * 1024),
  'ImportPassListInput.xlsxBase64': base64File(512 * 1024),
  // 年度 of the passes: the 1.0 programme ran 2014–2017; later partner years are allowed.
  'ImportPassListInput.year': { min: 2013, max: 2100 },
  'VerifyPassEntryInput.idNumberSeen': columnText(PassEntry, 'idNumber'),
  'VerifyPassEntryInput.certificateNumberSeen': columnText(PassEntry, 'partnerCertificateNumber'),
  'VerifyPassEntryInput.schoolCategory': columnText(PassEntry, 'schoolCategory'),
  // Kept in the audit trail, cut to its first words there.
  'Mutation.rejectPartnerPassEntry.reason': { maxLength: 500 },
  'ItProgramTargetInput.regionCode': REGION_CODE,
  'ItProgramTargetInput.year': { min: 2000, max: 2100 },
  // A percentage with two decimals or a head count, which the command reads.
  'ItProgramTargetInput.value': { maxLength: 16 },
  'ItProgramTargetInput.aim': { maxLength: 16 },
  'ItProgramTargetInput.source': columnText(ProgrammeTarget, 'source'),
};
