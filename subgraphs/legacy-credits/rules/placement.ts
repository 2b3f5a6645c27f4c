/**
 * The registry's facts a credit is checked against (任职经历, 身份证号), as pure rules: the platform
 * keeps no roster, so a credit is filed under the 身份证号 the registry holds and at the school and
 * county where the registry placed the teacher on the day it was earned. Codes and rules are the
 * credits contract's, as the reference slice answers them.
 */
import { badInput, DomainError } from '../../../kit/errors';
import { normalizeIdNumber } from '../../../standards/id-number';

export const PLACEMENT_MISMATCH = 'PLACEMENT_MISMATCH';
export const NO_PLACEMENT_ON_DATE = 'NO_PLACEMENT_ON_DATE';
export const TEACHER_NOT_MATCHED = 'TEACHER_NOT_MATCHED';

/** A teacher's school and its county (GB/T 2260), per the registry. */
export interface Placement {
  schoolId: string;
  regionCode: string;
}

/** One placement of the history: from `from` up to, not including, `to` (null: still there). */
export interface PlacementSpan extends Placement {
  from: string;
  to: string | null;
}

/** What the registry says of a teacher for an import: the 身份证号, today's placement and the history. */
export interface RegisteredTeacher {
  idNumber: string;
  current: Placement;
  placements: readonly PlacementSpan[];
}

/** Where the history places the teacher on `date` (YYYY-MM-DD); null before the first placement. */
export function placementOn(placements: readonly PlacementSpan[], date: string): Placement | null {
  const placed = placements.find((p) => p.from <= date && (p.to === null || date < p.to));
  return placed ? { schoolId: placed.schoolId, regionCode: placed.regionCode } : null;
}

/** The claimed field that differs from the registry's placement (the school first), or null when both agree. */
export function mismatchedField(placed: Placement, claimed: Placement): 'schoolId' | 'regionCode' | null {
  if (placed.schoolId !== claimed.schoolId) return 'schoolId';
  if (placed.regionCode !== claimed.regionCode) return 'regionCode';
  return null;
}

/** The claim's school and county must be the registry's placement on `on`; nothing is stored otherwise. */
export function assertPlacement(placed: Placement, claim: Placement & { teacherId: string }, on: string): void {
  const field = mismatchedField(placed, claim);
  if (!field) return;
  throw new DomainError(
    PLACEMENT_MISMATCH,
    `The registry places teacher ${claim.teacherId} at school ${placed.schoolId} in ${placed.regionCode} on ${on}, not ${claim.schoolId} in ${claim.regionCode}: a credit is filed where the teacher was placed when it was earned; nothing was stored.`,
    { field, rule: PLACEMENT_MISMATCH },
  );
}

/** The refusal of a day before the teacher's first placement: the credit has nowhere to be filed. */
export function noPlacementOnDate(teacherId: string, on: string, field: string): DomainError {
  return badInput(
    `The registry has no placement of teacher ${teacherId} on ${on} (${field}): its placement history starts later, so the credit has no school or county to be filed under; nothing was stored. Check the date, or have the registry record the teacher's earlier school.`,
    { field, rule: NO_PLACEMENT_ON_DATE },
  );
}

export interface RowProblem {
  column: string;
  rule: string;
  reason: string;
}

/**
 * An imported row against the registry. Unknown, placed outside the importer's scope (on the
 * registry's placement, never the row's) or with another 身份证号 (when the row gives one) answer
 * alike, `TEACHER_NOT_MATCHED`, so a row cannot probe for teachers or numbers outside the importer's
 * region. Only then are the day (`NO_PLACEMENT_ON_DATE`) and the row's school and county
 * (`PLACEMENT_MISMATCH`) judged. Numbers are never echoed.
 */
export function importRowProblem(
  row: { teacherId: string; idNumber: string | null; schoolId: string; regionCode: string; earnedOn: string },
  registered: RegisteredTeacher | undefined,
  inScope: (placement: Placement) => boolean,
): RowProblem | null {
  const placed = registered ? placementOn(registered.placements, row.earnedOn) : null;
  const sameNumber = !row.idNumber || (registered && normalizeIdNumber(registered.idNumber) === normalizeIdNumber(row.idNumber));
  if (!registered || !inScope(placed ?? registered.current) || !sameNumber) {
    return { column: 'teacherId', rule: TEACHER_NOT_MATCHED, reason: `No teacher ${row.teacherId} with this 身份证号 is registered within the importer's region.` };
  }
  if (!placed) {
    return { column: 'earnedOn', rule: NO_PLACEMENT_ON_DATE, reason: `The registry places teacher ${row.teacherId} at no school on ${row.earnedOn}; have the registry record that placement first.` };
  }
  const field = mismatchedField(placed, row);
  if (field) {
    return {
      column: field,
      rule: PLACEMENT_MISMATCH,
      reason: `The registry places teacher ${row.teacherId} at school ${placed.schoolId} in ${placed.regionCode} on ${row.earnedOn}; a credit is filed where the teacher was placed when it was earned.`,
    };
  }
  return null;
}
