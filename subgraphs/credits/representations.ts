import type { TeacherCounts } from './__generated__/resolvers-types';

/*
 * Other slices' entities as the gateway hands them to this slice: their key, plus the
 * fields this contract `@requires` where a resolver asked for them. The generated resolver
 * types take these as the parents of `Teacher`, `TrainingProject` and `Region` fields.
 */

export interface TeacherRep {
  id: string;
  /** From the registry, for `creditAccount` only (`@requires`). */
  retirementDate?: string | null;
}

export interface TrainingProjectRep {
  id: string;
}

export interface RegionRep {
  code: string;
  /** From the registry, for `creditCompliance` only (`@requires`). */
  teacherCounts?: TeacherCounts | null;
}
