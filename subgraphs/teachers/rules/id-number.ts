import type { IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';
import { readIdNumber, type CitizenId } from '../../../standards/id-number';

/**
 * Registration's check of a 身份证号 (GB 11643, standards/id-number.ts): the full validation,
 * refused as BAD_USER_INPUT on `idNumber` with the rule that failed; `today` bounds the birth date.
 */
export function parseCitizenId(raw: string, today: IsoDate): CitizenId {
  const { id, problem } = readIdNumber(raw, today);
  if (problem) throw badInput(problem.message, { field: 'idNumber', rule: problem.rule });
  return id;
}
