import { badInput } from '../../../kit/errors';
import type { EnrollmentStatus, TrainingLevel } from '../__generated__/resolvers-types';

/**
 * 参训情况 (Sichuan notice 省执行办 2017 第01号): counties count each teacher as 未参训, 已参训 or
 * 不合格, and the notice's 已培训 counts participation in 国培/省培/市培/县培 over the years asked
 * (2014–2016 there), not certificates. A teacher who completed any such class has taken part
 * (已参训); one whose every finished class in those levels failed is 不合格; one with neither, 未参训.
 */
export type Participation = 'NOT_TRAINED' | 'TRAINED' | 'FAILED';

/** The levels the notice counts: 国培, 省培, 市培, 县培 (not 校本研修). */
export const PARTICIPATION_LEVELS: readonly TrainingLevel[] = ['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY'];

export interface FinishedEnrollment {
  status: EnrollmentStatus;
  level: TrainingLevel;
  /** The year the class started. */
  year: number;
}

export function participationOf(enrollments: readonly FinishedEnrollment[], fromYear: number, toYear: number): { status: Participation; completed: number; failed: number } {
  if (!Number.isSafeInteger(fromYear) || !Number.isSafeInteger(toYear) || toYear < fromYear) {
    throw badInput(`Years run from fromYear to toYear, not ${fromYear}–${toYear}.`, { field: 'toYear', rule: 'YEAR_RANGE' });
  }
  const counted = enrollments.filter((e) => PARTICIPATION_LEVELS.includes(e.level) && e.year >= fromYear && e.year <= toYear);
  const completed = counted.filter((e) => e.status === 'COMPLETED').length;
  const failed = counted.filter((e) => e.status === 'FAILED').length;
  const status: Participation = completed > 0 ? 'TRAINED' : failed > 0 ? 'FAILED' : 'NOT_TRAINED';
  return { status, completed, failed };
}
