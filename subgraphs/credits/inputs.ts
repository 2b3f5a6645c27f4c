import { base64File, columnText, REGION_CODE, type InputRules } from '../../kit/inputs';
import { CreditRecord } from './entities';
import { MAX_GRAPHQL_IMPORT_BYTES } from './import';

/** Credits' mutations: text as long as its column, codes in their format; decimals and dates by the kit's defaults (kit/inputs). */
export const inputs: InputRules = {
  'RegisterCreditInput.regionCode': REGION_CODE,
  'Mutation.registerCredit.idempotencyKey': { maxLength: 128 },
  'CompletionCreditsInput.regionCode': REGION_CODE,
  'Mutation.reviewCreditRecord.reason': columnText(CreditRecord, 'reason'),
  'Mutation.revokeCreditRecord.reason': columnText(CreditRecord, 'reason'),
  'ImportCreditRecordsInput.filename': { maxLength: 255 },
  'ImportCreditRecordsInput.content': base64File(MAX_GRAPHQL_IMPORT_BYTES, `a file over ${MAX_GRAPHQL_IMPORT_BYTES} bytes goes through \`npm run import -- credits FILE\``),
  'ImportCreditRecordsInput.fileName': { maxLength: 255 },
  'ImportCreditRecordsInput.contentBase64': base64File(MAX_GRAPHQL_IMPORT_BYTES, `a file over ${MAX_GRAPHQL_IMPORT_BYTES} bytes goes through \`npm run import -- credits FILE\``),
};
