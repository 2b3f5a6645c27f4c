import type { Serving } from '../../kit/subgraph';
import type * as Contract from './__generated__/resolvers-types';
import type { Plan } from './coverage';
import type * as Entities from './entities';

/*
 * What the resolvers of each contract type receive as parent and return (the codegen
 * mappers in schema/codegen.ts point here). Rows and views are checked against the
 * contract: a field they serve as they are must have the contract's type (kit `Serving`).
 */

export type Certificate = Serving<Contract.Certificate, Entities.Certificate>;
export type ItCompletionReview = Serving<Contract.ItCompletionReview, Entities.CompletionReview>;
/** Values are stored as basis points or teachers and written out by resolvers. */
export type ItProgramTarget = Serving<Contract.ItProgramTarget, Entities.ProgrammeTarget, 'value' | 'aim'>;
export type ItProgramPlan = Serving<Contract.ItProgramPlan, Plan>;
export type PartnerPassList = Serving<Contract.PartnerPassList, Entities.PassList>;
export type PartnerPassEntry = Serving<Contract.PartnerPassEntry, Entities.PassEntry>;
export type PassAuditEntry = Serving<Contract.PassAuditEntry, Entities.PassAudit>;

/*
 * Other slices' entities as the gateway hands them to this slice: their key, plus the
 * fields this contract `@requires` (nested values as sent, so Decimals arrive as strings).
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
  /** From the other slices (`@requires`), for `trainingArchive`. */
  name?: string;
  idCardNumber?: string;
  hireDate?: string;
  /**
   * The school as each field's `@requires` asks for it: name and county name for `trainingArchive`,
   * the region code (the teacher's province) for `itCapability` and `titleEvaluationEligibility`.
   */
  school?: { name?: string; region?: { name?: string; code?: string } };
  /** 任职经历, oldest first (for `trainingArchive`). */
  placements?: { school: { name: string; region: { name: string } }; from: string; to: string | null }[];
  enrollments?: ArchiveEnrollment[] | null;
  creditRecords?: ArchiveCreditRecord[] | null;
}

export interface ArchiveEnrollment {
  status: string;
  selectedOn: string;
  completedOn: string | null;
  trainingClass: { name: string; startsOn: string; endsOn: string; project: { title: string; totalCredits: string } };
}

export interface ArchiveCreditRecord {
  earnedOn: string;
  /** Decimal as the credits slice sends it. */
  credits: string;
  status: string;
  category: string;
  source: string;
}

/** A region with the registry's head counts (every field here `@requires` them), and its child regions where asked. */
export interface RegionRep {
  code: string;
  name?: string;
  teacherCounts: Contract.TeacherCounts;
  children?: RegionRep[];
}
