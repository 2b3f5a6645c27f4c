import { badInput } from '../../../kit/errors';

/**
 * GB/T 2260 area codes: province (2 digits) + prefecture (2) + county (2).
 * `510000` is Sichuan, `510100` Chengdu, `510104` Jinjiang district.
 */
export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export function assertRegionCode(code: string): string {
  if (!/^\d{6}$/.test(code)) {
    throw badInput(`Region code "${code}" must be six digits (GB/T 2260), e.g. 510104.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  }
  return code;
}

export function regionLevel(code: string): RegionLevel {
  assertRegionCode(code);
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

/** The code of the region directly above, or null for a province. */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return null;
    case 'CITY':
      return `${code.slice(0, 2)}0000`;
    case 'COUNTY':
      return `${code.slice(0, 4)}00`;
  }
}

/**
 * The prefix shared by a region and every region below it: a province's two digits,
 * a city's four, a county's six. `LIKE prefix%` on area codes selects the subtree.
 */
export function descendantPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return code.slice(0, 2);
    case 'CITY':
      return code.slice(0, 4);
    case 'COUNTY':
      return code;
  }
}

/** True when `code` is `ancestor` itself or lies below it. */
export function isWithinRegion(code: string, ancestor: string): boolean {
  return code.startsWith(descendantPrefix(ancestor));
}
