import type { TeacherCounts } from './__generated__/resolvers-types';

/*
 * Other slices' entities as the gateway hands them to this slice: their key, plus the
 * fields this contract `@requires` (nested values as sent, so Decimals arrive as strings).
 * The generated resolver types take these as the parents of `Teacher` and `Region` fields.
 */

/** Year rows of IT hours as credits sends them in the entity representation (Decimals as strings). */
export interface HoursRow {
  year: number;
  onlineHours: string | number;
  practiceHours: string | number;
}

export interface TeacherRep {
  id: string;
  /** From the registry (`@requires`), for `itCapability` and `titleEvaluationEligibility`. */
  retirementDate?: string | null;
  /** From credits (`@requires`), for `itCapability`. */
  itTrainingHours?: HoursRow[];
}

/** A region with the registry's head counts (every field here `@requires` them), and its child regions where asked. */
export interface RegionRep {
  code: string;
  name?: string;
  teacherCounts: TeacherCounts;
  children?: RegionRep[];
}
