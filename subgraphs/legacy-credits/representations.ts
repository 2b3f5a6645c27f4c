import type { TeacherCounts } from './__generated__/resolvers-types';

/*
 * Other slices' entities as the gateway hands them to this platform: their key, plus the
 * fields the contract `@requires` where a resolver asked for them. The generated resolver
 * types take these as the parents of `Teacher`, `TrainingProject` and `Region` fields.
 */

/** A teacher as this platform knows them: by 身份证号 (its key for Teacher), with the registry's retirement date. */
export interface TeacherRep {
  idNumber: string;
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
