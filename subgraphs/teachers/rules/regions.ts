import { badInput } from '../../../kit/errors';
import { isRegionCode } from '../../../standards/region-code';

/** A region code from a client, checked before it reaches a query (GB/T 2260: standards/region-code.ts). */
export function assertRegionCode(code: string): string {
  if (!isRegionCode(code)) {
    throw badInput(`Region code "${code}" must be six digits (GB/T 2260), e.g. 510104.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  }
  return code;
}
