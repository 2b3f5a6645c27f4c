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
