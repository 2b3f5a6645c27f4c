import { base64File, columnText, REGION_CODE, type InputRules } from '../../kit/inputs';
import { JxCreditLedger } from './entities';

/** The platform's mutations (the credits contract): text as long as the ledger's columns, codes in their format (kit/inputs). */
export const inputs: InputRules = {
  'RegisterCreditInput.regionCode': REGION_CODE,
  'Mutation.registerCredit.idempotencyKey': { maxLength: 128 },
  'CompletionCreditsInput.regionCode': REGION_CODE,
  'Mutation.reviewCreditRecord.reason': columnText(JxCreditLedger, 'yy'),
  'Mutation.revokeCreditRecord.reason': columnText(JxCreditLedger, 'yy'),
  'ImportCreditRecordsInput.filename': { maxLength: 255 },
  'ImportCreditRecordsInput.fileName': { maxLength: 255 },
  // The contract's 512 KiB.
  'ImportCreditRecordsInput.content': base64File(512 * 1024),
  'ImportCreditRecordsInput.contentBase64': base64File(512 * 1024),
};
