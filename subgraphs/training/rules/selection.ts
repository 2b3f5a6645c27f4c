import { DomainError } from '../../../kit/errors';
import type { IsoDate } from '../../../kit/date';
import type { Audience } from './declaration';
import { seatViolation } from './enrollment';
import type { TeachingStage } from '../__generated__/resolvers-types';
import { describeWindow, isWithinWindow, type TermCalendar, type TrainingPolicy } from './policy';

/** 选课轮次: 1 and 2 are the teachers' own rounds; 0 is direct assignment (选派) by a bureau or school. */
export type SelectionRound = 0 | 1 | 2;

/** The self-selection round open on `date`, or null between and outside the rounds. Both ends included. */
export function selectionRoundOn(calendar: TermCalendar, date: IsoDate): 1 | 2 | null {
  if (isWithinWindow(calendar.selection.round1, date)) return 1;
  if (isWithinWindow(calendar.selection.round2, date)) return 2;
  return null;
}

/** The round a teacher's own selection on `on` belongs to; throws `SELECTION_CLOSED` outside both rounds. */
export function openSelectionRound(calendar: TermCalendar, on: IsoDate): 1 | 2 {
  const round = selectionRoundOn(calendar, on);
  if (round !== null) return round;
  const { round1, round2 } = calendar.selection;
  throw new DomainError(
    'SELECTION_CLOSED',
    `Course selection for term ${calendar.term} is closed on ${on}; the rounds are ${describeWindow(round1)} and ${describeWindow(round2)}.`,
    { rule: 'SELECTION_CLOSED', on, round1, round2 },
  );
}

export interface SelectionRequest {
  /** 1 or 2 for a teacher's own selection (see `openSelectionRound`), 0 for direct assignment. */
  round: SelectionRound;
  /** The day of the selection (China Standard Time). */
  on: IsoDate;
  calendar: TermCalendar;
  /**
   * The teacher made any round-1 selection in the term, whatever became of it: a choice the
   * school rejected or the class declined still counts as taking part in round 1.
   */
  teacherSelectedInRound1: boolean;
  audience: Audience;
  /**
   * The teacher as the registry places them today (任教学段, 任教学科, the school's county).
   * `assignedId`: the teacher an assigner (选派) names, so a refusal says which of them.
   */
  teacher: { stage: TeachingStage; subject: string; regionCode: string; assignedId?: string };
  /** The teacher has an enrollment in this class whose status is not in `ENDED_WITHOUT_PLACE`. */
  alreadyEnrolledInClass: boolean;
  trainingClass: { name: string; capacity: number; seatsTaken: number };
}

/**
 * Every violated selection rule, first the one to fix first. Direct assignment (round 0)
 * bypasses the rounds and their dates, but not the audience, duplicates or capacity.
 * A full class refuses selections outright: the selection itself takes the seat (see
 * `SEAT_HOLDING_STATUSES`), so teachers do not queue for seats that do not exist.
 */
export function selectionViolations(request: SelectionRequest): DomainError[] {
  return [roundViolation(request), duplicateViolation(request), audienceViolation(request), capacityViolation(request)].filter(
    (error): error is DomainError => error !== null,
  );
}

/** Throws the first violated rule of `selectionViolations`. */
export function checkSelection(request: SelectionRequest): void {
  const [first] = selectionViolations(request);
  if (first) throw first;
}

/** 90学分及以上的选课: schools review such choices with special attention. */
export function needsSpecialAttention(totalCreditsMilli: number, policy: TrainingPolicy): boolean {
  return policy.specialAttentionCreditsMilli !== null && totalCreditsMilli >= policy.specialAttentionCreditsMilli;
}

function roundViolation(request: SelectionRequest): DomainError | null {
  const { round, on, calendar } = request;
  if (round === 0) return null;
  const window = round === 1 ? calendar.selection.round1 : calendar.selection.round2;
  if (!isWithinWindow(window, on)) {
    const { round1, round2 } = calendar.selection;
    return new DomainError(
      'SELECTION_CLOSED',
      `Round ${round} of course selection for term ${calendar.term} runs from ${describeWindow(window)}; today is ${on}, and the rounds are ${describeWindow(round1)} and ${describeWindow(round2)}.`,
      { rule: 'SELECTION_CLOSED', round, from: window.from, to: window.to, on },
    );
  }
  if (round === 2 && !request.teacherSelectedInRound1) {
    return new DomainError(
      'ROUND_TWO_REQUIRES_ROUND_ONE',
      `Only teachers who selected a course in round 1 (${describeWindow(calendar.selection.round1)}) may select in round 2.`,
      { rule: 'ROUND_TWO_REQUIRES_ROUND_ONE', round },
    );
  }
  return null;
}

function duplicateViolation(request: SelectionRequest): DomainError | null {
  if (!request.alreadyEnrolledInClass) return null;
  return new DomainError('ALREADY_SELECTED', `You have already selected class ${request.trainingClass.name}.`, { rule: 'ALREADY_SELECTED' });
}

/** Stage, subject and region must each match; an empty list admits everyone. */
function audienceViolation(request: SelectionRequest): DomainError | null {
  const { audience, teacher, trainingClass } = request;
  const dimensions = [
    { dimension: 'stage', condition: 'stage is', wanted: audience.stages, actual: teacher.stage, fits: (value: string) => value === teacher.stage },
    { dimension: 'subject', condition: 'subject is', wanted: audience.subjects, actual: teacher.subject, fits: (value: string) => value === teacher.subject },
    { dimension: 'region', condition: 'region code starts with', wanted: audience.regionPrefixes, actual: teacher.regionCode, fits: (prefix: string) => teacher.regionCode.startsWith(prefix) },
  ];
  const mismatch = dimensions.find(({ wanted, fits }) => wanted.length > 0 && !wanted.some(fits));
  if (mismatch === undefined) return null;
  const { dimension, condition, wanted, actual } = mismatch;
  const whose = teacher.assignedId ? `teacher ${teacher.assignedId}'s` : 'yours';
  return new DomainError(
    'NOT_IN_AUDIENCE',
    `Class ${trainingClass.name} is for teachers whose ${condition} ${wanted.join(' or ')}; ${whose} is ${actual}.`,
    { rule: 'NOT_IN_AUDIENCE', dimension, wanted, actual, ...(teacher.assignedId ? { teacherId: teacher.assignedId } : {}) },
  );
}

function capacityViolation(request: SelectionRequest): DomainError | null {
  const { name, capacity, seatsTaken } = request.trainingClass;
  return seatViolation(seatsTaken, capacity, name);
}
