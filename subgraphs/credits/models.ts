import type { Serving } from '../../kit/subgraph';
import type { Connection } from '../../kit/pagination';
import type * as Contract from './__generated__/resolvers-types';
import type * as Entities from './entities';

/*
 * What the resolvers of each contract type receive as parent and return (the codegen
 * mappers in schema/codegen.ts point here). Rows are checked against the contract: a field
 * they serve as stored must have the contract's type (kit `Serving`).
 */

export type CreditRecord = Serving<Contract.CreditRecord, Entities.CreditRecord>;
/** Conversions are stored by category and listed by a resolver. */
export type CreditPolicy = Serving<Contract.CreditPolicy, Entities.CreditPolicy, 'conversions'>;
export type CreditAuditEntry = Serving<Contract.CreditAuditEntry, Entities.CreditAuditEntry>;
export type CreditRecordConnection = Connection<CreditRecord>;
export type CreditAuditEntryConnection = Connection<CreditAuditEntry>;

/*
 * Other slices' entities as the gateway hands them to this slice: their key, plus the
 * fields this contract `@requires` where a resolver asked for them.
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
  teacherCounts?: Contract.TeacherCounts | null;
}
