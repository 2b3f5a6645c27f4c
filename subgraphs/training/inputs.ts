import { columnText, REGION_CODE, REGION_PREFIX, type InputRules } from '../../kit/inputs';
import { isProvinceCode } from '../../standards/region-code';
import { Enrollment, TrainingClass, TrainingProject } from './entities';

/** Training's mutations: text as long as its column, codes in their format, counts in range (kit/inputs). */
export const inputs: InputRules = {
  'DeclareProjectInput.title': columnText(TrainingProject, 'title'),
  'DeclareProjectInput.term': columnText(TrainingProject, 'term'),
  'ProjectLeaderInput.name': columnText(TrainingProject, 'leaderName'),
  'ProjectLeaderInput.staffId': columnText(TrainingProject, 'leaderStaffId'),
  'ClassPlanInput.name': columnText(TrainingClass, 'name'),
  'ClassPlanInput.capacity': { min: 1, max: 10_000 },
  // TRAINING, ACCOMMODATION or MEALS, which the declaration rules check.
  'FeeLineInput.item': { maxLength: 32 },
  // Stored joined in one column each (512 and 256 characters): bounded per item and in number.
  'AudienceInput.subjects': { maxLength: 32, maxItems: 12 },
  'AudienceInput.regionPrefixes': { ...REGION_PREFIX, maxItems: 30 },
  'Mutation.reviewProject.reason': columnText(TrainingProject, 'rejectionReason'),
  'Mutation.requestProjectChange.description': columnText(TrainingProject, 'changeDescription'),
  'Mutation.approveProjectChange.reason': columnText(TrainingProject, 'rejectionReason'),
  'Mutation.publishClassSchedule.schedule': columnText(TrainingClass, 'schedule'),
  'AssignTeacherInput.regionCode': REGION_CODE,
  'Mutation.reviewEnrollment.reason': columnText(Enrollment, 'decisionReason'),
  'Mutation.recheckEnrollment.reason': columnText(Enrollment, 'decisionReason'),
  'Mutation.withdrawEnrollment.reason': columnText(Enrollment, 'decisionReason'),
  // A policy revision is stored whole as JSON (TEXT): each part is bounded so the row always fits.
  'ReviseTrainingPolicyInput.provinceCode': { format: { test: isProvinceCode, expected: 'a two-digit GB/T 2260 province code such as 51' } },
  'ReviseTrainingPolicyInput.name': { maxLength: 200 },
  'ReviseTrainingPolicyInput.citation': { maxLength: 200 },
  'ReviseTrainingPolicyInput.maxClassesPerLeaderPerTerm': { min: 1, max: 100 },
  'ReviseTrainingPolicyInput.scheduleLeadDays': { min: 0, max: 365 },
  'ReviseTrainingPolicyInput.allowedFeeItems': { maxLength: 32, maxItems: 3 },
  'ReviseTrainingPolicyInput.specialAttentionCredits': { min: 0, max: 1000 },
  'ReviseTrainingPolicyInput.terms': { maxItems: 4 },
  'ReviseTrainingPolicyInput.sources': { maxItems: 30 },
  'DeclarationQuotaInput.perKind': { maxItems: 5 },
  'DeclarationQuotaInput.newlyAccreditedYears': { min: 1, max: 50 },
  'DeclarationQuotaInput.newlyAccreditedQuota': { min: 0, max: 10_000 },
  'KindQuotaInput.quota': { min: 0, max: 10_000 },
  'PolicyShareInput.numerator': { min: 0, max: 100 },
  'PolicyShareInput.denominator': { min: 1, max: 100 },
  'TermCalendarInput.term': { maxLength: 16 },
  'TrainingPolicySourceInput.field': { maxLength: 120 },
  'TrainingPolicySourceInput.source': { maxLength: 500 },
};
