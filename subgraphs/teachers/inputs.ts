import { base64File, columnText, REGION_CODE, type InputRules } from '../../kit/inputs';
import { Teacher } from './entities';

/** The registry's mutations: text as long as its column; ids, dates by the kit's defaults (kit/inputs). */
export const inputs: InputRules = {
  'Mutation.registerTeacher.idempotencyKey': { maxLength: 128 },
  'Mutation.submitStatisticsTable.idempotencyKey': { maxLength: 128 },
  'Mutation.correctPlacement.idempotencyKey': { maxLength: 128 },
  'PlacementCorrectionInput.reason': { maxLength: 500 },
  // 18 characters, or a legacy 15-digit number the command upgrades.
  'RegisterTeacherInput.idNumber': columnText(Teacher, 'idNumber'),
  'RegisterTeacherInput.name': columnText(Teacher, 'name'),
  'RegisterTeacherInput.phone': columnText(Teacher, 'phone'),
  'RegisterTeacherInput.subject': columnText(Teacher, 'subject'),
  'UpdateTeacherInput.name': columnText(Teacher, 'name'),
  'UpdateTeacherInput.phone': columnText(Teacher, 'phone'),
  'UpdateTeacherInput.subject': columnText(Teacher, 'subject'),
  'SubmitStatisticsTableInput.regionCode': REGION_CODE,
  'SubmitStatisticsTableInput.year': { min: 2000, max: 2100 },
  'SubmitStatisticsTableInput.content': base64File(512 * 1024),
  'SubmitStatisticsTableInput.xlsxBase64': base64File(512 * 1024),
  // `row:column:rule`, one per discrepancy the intake reported.
  'SubmitStatisticsTableInput.acceptedDiscrepancies': { maxLength: 64, maxItems: 2000 },
};
