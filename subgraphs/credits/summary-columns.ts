import type { CreditCategory } from './__generated__/resolvers-types';
import { MAX_SUMMARY_CYCLE_YEARS } from './rules/summary';

/**
 * Column names of `credit_summary`: one per credit category (a new category in the contract
 * fails to compile here until a migration adds its column) and one per year of the cycle.
 */
export const CATEGORY_COLUMN = {
  CONCENTRATED: 'concentrated_milli',
  ONLINE: 'online_milli',
  SCHOOL_BASED: 'school_based_milli',
  IT_PRACTICE: 'it_practice_milli',
  IT_ONLINE: 'it_online_milli',
  OTHER: 'other_milli',
} as const satisfies Record<CreditCategory, string>;

/** `year1_milli` … `year10_milli`: credits earned in the first, second, … year of the cycle. */
export const YEAR_COLUMNS: readonly string[] = Array.from({ length: MAX_SUMMARY_CYCLE_YEARS }, (_, i) => `year${i + 1}_milli`);
