import { addMonths, addYears, type IsoDate } from '../../../kit/date';
import type { Sex } from '../../../standards/id-number';

/**
 * Statutory retirement date, used when a school registers no date of its own.
 *
 * Original ages: men 60, women 55 (women in professional and managerial posts,
 * which covers teachers). From 2025-01-01 the NPC Standing Committee decision of
 * 2024-09-13 delays retirement gradually: one month for every four months of birth
 * from the first cohort reached (men born from 1965-01, women from 1970-01), up to
 * 36 months (men 63, women 58). The retirement date is the day the age is reached.
 */
export function statutoryRetirementDate(birthDate: IsoDate, sex: Sex): IsoDate {
  const originalAge = sex === 'MALE' ? 60 : 55;
  const firstDelayedCohortYear = sex === 'MALE' ? 1965 : 1970;
  const [year, month] = birthDate.split('-').map(Number);
  const monthsAfterFirstCohort = (year - firstDelayedCohortYear) * 12 + (month - 1);
  const delayMonths = monthsAfterFirstCohort < 0 ? 0 : Math.min(36, Math.floor(monthsAfterFirstCohort / 4) + 1);
  return addMonths(birthDate, originalAge * 12 + delayMonths);
}

/** Years before retirement within which a teacher is exempt from the IT capability programme. */
export const RETIREMENT_EXEMPTION_YEARS = 5;

/**
 * Still serving on `asOf` and retiring within five years of it (boundary included). Such
 * teachers are exempt from the IT application capability programme (Ningde notice); a teacher
 * already retired is not near retirement (issue 17: the list showed teachers retired in 2022).
 */
export function isNearRetirement(retirementDate: IsoDate, asOf: IsoDate): boolean {
  return retirementDate > asOf && retirementDate <= addYears(asOf, RETIREMENT_EXEMPTION_YEARS);
}

/** The latest retirement date that still counts as near retirement on `asOf` (for SQL filters). */
export function nearRetirementCutoff(asOf: IsoDate): IsoDate {
  return addYears(asOf, RETIREMENT_EXEMPTION_YEARS);
}
