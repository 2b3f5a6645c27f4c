import type { Serving } from '../../kit/subgraph';
import type { Connection } from '../../kit/pagination';
import type * as Contract from './__generated__/resolvers-types';
import type { CreditEntry } from './ledger';
import type { PlatformPolicy } from './platform';

/*
 * What the resolvers of each contract type receive as parent and return (the codegen
 * mappers in schema/codegen.ts point here). The platform's views of its ledger are checked
 * against the contract: a field they serve as they are must have the contract's type (kit
 * `Serving`).
 */

export type CreditRecord = Serving<Contract.CreditRecord, CreditEntry>;
export type CreditPolicy = Serving<Contract.CreditPolicy, PlatformPolicy>;
export type CreditRecordConnection = Connection<CreditRecord>;

/*
 * Other slices' entities as the gateway hands them to this platform: their key, plus the
 * fields the contract `@requires` where a resolver asked for them.
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
  teacherCounts?: Contract.TeacherCounts | null;
}
