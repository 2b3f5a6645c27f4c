import { todayInChina, type IsoDate } from '../../kit/date';
import { trainingConfig } from './config';

/**
 * The business day the training subgraph acts on: every window check (declaration, review,
 * publication, selection rounds, schedule lead time) compares against it.
 *
 * Default: today in China Standard Time. `TRAINING_CLOCK=YYYY-MM-DD` pins it, read on every
 * call, so tests and demos can act inside the only policy calendar with published values
 * (Zhejiang 2020H1) although they run years later. It is a development and test device:
 * production leaves it unset. A malformed value fails loudly rather than falling back.
 */
export const CLOCK_VARIABLE = 'TRAINING_CLOCK';

export function trainingToday(): IsoDate {
  return trainingConfig.TRAINING_CLOCK ?? todayInChina();
}

/** The instant a fact was recorded (ISO 8601, milliseconds, UTC): orders the completion feed. Always the real clock. */
export function recordedAt(now: Date = new Date()): string {
  return now.toISOString();
}
