import { parseIsoDate, type IsoDate } from '../../../kit/date';
import { formatMilli } from '../../../kit/decimal';
import { badInput, DomainError } from '../../../kit/errors';
import type { CompletionResult } from '../__generated__/resolvers-types';
import type { EnrollmentAction } from './enrollment';

/** What the institution records when a class ends (结业): the fact credits are registered from. */
export interface CompletionRecord {
  /** All hours the teacher attended, online hours included (thousandths). */
  hoursAttendedMilli: number;
  /** The online part of `hoursAttendedMilli` (thousandths). */
  onlineHoursMilli: number;
  result: CompletionResult;
  /** The day of recording (China Standard Time). */
  on: IsoDate;
  classStartsOn: IsoDate;
}

/**
 * Checks a completion record and returns the enrollment action it is (`complete` or `fail`).
 * Hours are not negative and the online part is not more than the whole (`BAD_USER_INPUT`);
 * nobody completes a class before it starts (`COMPLETION_BEFORE_CLASS_START`).
 */
export function checkCompletion(record: CompletionRecord): Extract<EnrollmentAction, 'complete' | 'fail'> {
  parseIsoDate(record.on);
  for (const [field, value] of [
    ['hoursAttended', record.hoursAttendedMilli],
    ['onlineHours', record.onlineHoursMilli],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw badInput(`${field} must be 0 or more hours, not ${value / 1000}.`, { field, rule: 'HOURS_NEGATIVE' });
    }
  }
  if (record.onlineHoursMilli > record.hoursAttendedMilli) {
    throw badInput(
      `Online hours ${formatMilli(record.onlineHoursMilli)} are part of the hours attended and cannot exceed them (${formatMilli(record.hoursAttendedMilli)}).`,
      { field: 'onlineHours', rule: 'ONLINE_HOURS_OVER_TOTAL' },
    );
  }
  if (record.on < record.classStartsOn) {
    throw new DomainError(
      'COMPLETION_BEFORE_CLASS_START',
      `The class starts on ${record.classStartsOn}; completion cannot be recorded on ${record.on}, before it has begun.`,
      { rule: 'COMPLETION_BEFORE_CLASS_START', on: record.on, startsOn: record.classStartsOn },
    );
  }
  return record.result === 'COMPLETED' ? 'complete' : 'fail';
}
