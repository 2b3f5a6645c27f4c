import type { IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';

/** A placement's period: `from` included, `to` (the next placement's `from`) excluded, null while current. */
export interface PlacementPeriod {
  from: IsoDate;
  to: IsoDate | null;
}

/** The placement covering `date`, if any. */
export function placementOn<P extends PlacementPeriod>(placements: readonly P[], date: IsoDate): P | null {
  return placements.find((p) => p.from <= date && (p.to === null || date < p.to)) ?? null;
}

/** 任职起始 at registration: between the hire date and the registration day, both included. */
export function assertPlacementStart(placedSince: IsoDate, hireDate: IsoDate, today: IsoDate): void {
  if (placedSince < hireDate || placedSince > today) {
    throw badInput(`placedSince ${placedSince} must lie between the hire date ${hireDate} and today ${today}.`, {
      field: 'placedSince',
      rule: 'PLACEMENT_START_OUT_OF_RANGE',
    });
  }
}

/** A placement as the history keeps it: a school (and its county) over a period. */
export interface PlacedPeriod extends PlacementPeriod {
  schoolId: string;
  regionCode: string;
}

/** A corrected or earlier period: always closed (the present is moved by a transfer, 调动). */
export interface PlacementCorrection {
  schoolId: string;
  regionCode: string;
  from: IsoDate;
  to: IsoDate;
}

export const PLACEMENT_PERIOD_EMPTY = 'PLACEMENT_PERIOD_EMPTY';
export const PLACEMENT_IN_FUTURE = 'PLACEMENT_IN_FUTURE';
export const PLACEMENT_BEFORE_HIRE = 'PLACEMENT_BEFORE_HIRE';
export const PLACEMENT_GAP = 'PLACEMENT_GAP';

/**
 * 任职经历更正: the history with `correction` spliced in. The period replaces whatever the history
 * said for its days: a placement it covers whole goes, one it overlaps is shortened, one it lies
 * inside is split around it; then neighbours at the same school merge (so correcting a start date
 * is a period at the school either side of the old date). The result never overlaps; the checks
 * (`assertPlacementCorrection`) keep it without gaps.
 */
export function spliceCorrection(history: readonly PlacedPeriod[], correction: PlacementCorrection): PlacedPeriod[] {
  const ends = (p: PlacementPeriod) => p.to ?? '9999-12-31';
  const kept: PlacedPeriod[] = [];
  for (const p of history) {
    if (ends(p) <= correction.from || p.from >= correction.to) {
      kept.push({ ...p });
      continue;
    }
    if (p.from < correction.from) kept.push({ ...p, to: correction.from });
    if (ends(p) > correction.to) kept.push({ ...p, from: correction.to });
  }
  kept.push({ ...correction });
  kept.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: PlacedPeriod[] = [];
  for (const p of kept) {
    const last = merged.at(-1);
    if (last && last.schoolId === p.schoolId && last.to === p.from) last.to = p.to;
    else merged.push(p);
  }
  return merged;
}

/**
 * The rules of a correction, checked before anything is written: a period of at least one day
 * (PLACEMENT_PERIOD_EMPTY), ended by today (PLACEMENT_IN_FUTURE: the present is moved by a
 * transfer), not before the hire date (PLACEMENT_BEFORE_HIRE), and touching the recorded history
 * (PLACEMENT_GAP: an earlier placement ends where the first recorded one starts, or the periods in
 * between are added first), so the history stays without gaps from its first day on.
 */
export function assertPlacementCorrection(history: readonly PlacedPeriod[], correction: PlacementCorrection, hireDate: IsoDate, today: IsoDate): void {
  if (correction.from >= correction.to) {
    throw badInput(`The period must last at least a day: from ${correction.from} is not before to ${correction.to} (to is the first day no longer there).`, {
      field: 'to',
      rule: PLACEMENT_PERIOD_EMPTY,
    });
  }
  if (correction.to > today) {
    throw badInput(`A correction ends by today (${today}), not ${correction.to}: the teacher's present school changes by transferTeacher (调动).`, {
      field: 'to',
      rule: PLACEMENT_IN_FUTURE,
    });
  }
  if (correction.from < hireDate) {
    throw badInput(`The period starts ${correction.from}, before the teacher was hired (${hireDate}); correct the hire date first if it is wrong.`, {
      field: 'from',
      rule: PLACEMENT_BEFORE_HIRE,
    });
  }
  const first = history.reduce<PlacedPeriod | null>((earliest, p) => (!earliest || p.from < earliest.from ? p : earliest), null);
  if (!first) {
    throw badInput('The registry keeps no placement of this teacher to correct: a teacher is placed by registerTeacher or transferTeacher first.', {
      field: 'teacherId',
      rule: PLACEMENT_GAP,
    });
  }
  if (correction.to < first.from) {
    throw badInput(
      `The period ends ${correction.to}, before the recorded history starts (${first.from}), which would leave the days between without a school: end it on ${first.from}, or add the placements in between first.`,
      { field: 'to', rule: PLACEMENT_GAP },
    );
  }
}
