import { parseIsoDate, type IsoDate } from '../../../kit/date';
import { badInput, DomainError } from '../../../kit/errors';
import { describeWindow, isWithinWindow, type TermCalendar, type TrainingPolicy } from './policy';

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier); both are UTC midnights, so the result is exact. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${parseIsoDate(to)}T00:00:00Z`) - Date.parse(`${parseIsoDate(from)}T00:00:00Z`)) / DAY_MS);
}

/** `date` moved by `days` whole days, across month ends and 29 February. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${parseIsoDate(date)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last day a class's timetable may be published: 5 days before it starts in Zhejiang. */
export function latestSchedulePublication(startsOn: IsoDate, policy: TrainingPolicy): IsoDate | null {
  return policy.scheduleLeadDays === null ? null : addDays(startsOn, -policy.scheduleLeadDays);
}

/**
 * 课表发布: the timetable is published at least `scheduleLeadDays` before the class starts.
 * Exactly that many days before is on time. Throws `SCHEDULE_TOO_LATE`. No lead configured: any day.
 */
export function checkSchedulePublication(publishedOn: IsoDate, startsOn: IsoDate, policy: TrainingPolicy): void {
  const latest = latestSchedulePublication(startsOn, policy);
  if (latest === null || parseIsoDate(publishedOn) <= latest) return;
  const lead = daysBetween(publishedOn, startsOn);
  throw new DomainError(
    'SCHEDULE_TOO_LATE',
    `The timetable published on ${publishedOn} is ${lead} days before the class starts on ${startsOn}; it must be published at least ${policy.scheduleLeadDays} days before, by ${latest} (${policy.citation}).`,
    { rule: 'SCHEDULE_TOO_LATE', publishedOn, startsOn, leadDays: lead, minimumLeadDays: policy.scheduleLeadDays, latest, policyId: policy.id, citation: policy.citation },
  );
}

/**
 * 课表未发布提醒: a class with no timetable once the last day to publish it has come (Zhejiang:
 * 5 days before it starts), and not yet started-and-ended. False where no lead time is configured.
 */
export function timetableOverdue(trainingClass: { schedulePublishedOn: IsoDate | null; startsOn: IsoDate }, today: IsoDate, policy: TrainingPolicy): boolean {
  const latest = latestSchedulePublication(trainingClass.startsOn, policy);
  return latest !== null && trainingClass.schedulePublishedOn === null && today >= latest;
}

/** A class (班期) as declared or edited. */
export interface ClassPlan {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  capacity: number;
}

/**
 * Dates in order, capacity a positive whole number (both malformed input, `BAD_USER_INPUT`),
 * and the class inside the term's training window (`CLASS_OUTSIDE_TRAINING_WINDOW`).
 */
export function checkClassPlan(plan: ClassPlan, calendar: TermCalendar): void {
  parseIsoDate(plan.startsOn);
  parseIsoDate(plan.endsOn);
  if (plan.endsOn < plan.startsOn) {
    throw badInput(`Class ${plan.name} ends on ${plan.endsOn}, before it starts on ${plan.startsOn}.`, {
      field: 'endsOn',
      rule: 'CLASS_ENDS_BEFORE_START',
    });
  }
  if (!Number.isSafeInteger(plan.capacity) || plan.capacity < 1) {
    throw badInput(`Class ${plan.name} needs a capacity of at least 1 seat, not ${plan.capacity}.`, {
      field: 'capacity',
      rule: 'CAPACITY_POSITIVE_INTEGER',
    });
  }
  const window = calendar.training;
  if (!isWithinWindow(window, plan.startsOn) || !isWithinWindow(window, plan.endsOn)) {
    throw new DomainError(
      'CLASS_OUTSIDE_TRAINING_WINDOW',
      `Class ${plan.name} runs from ${plan.startsOn} to ${plan.endsOn}; classes of term ${calendar.term} run from ${describeWindow(window)}.`,
      { rule: 'CLASS_OUTSIDE_TRAINING_WINDOW', startsOn: plan.startsOn, endsOn: plan.endsOn, from: window.from, to: window.to },
    );
  }
}
