import type { Connection } from '../../kit/pagination';
import type { Serving } from '../../kit/subgraph';
import type * as Contract from './__generated__/resolvers-types';
import type * as Entities from './entities';

/*
 * What the resolvers of each contract type receive as parent and return (the codegen
 * mappers in schema/codegen.ts point here). Rows are checked against the contract: a field
 * they serve as stored must have the contract's type (kit `Serving`).
 */

export type Institution = Serving<Contract.Institution, Entities.Institution>;
export type TrainingProject = Serving<Contract.TrainingProject, Entities.TrainingProject>;
export type TrainingClass = Serving<Contract.TrainingClass, Entities.TrainingClass>;
export type Enrollment = Serving<Contract.Enrollment, Entities.Enrollment>;
/** A completion is a COMPLETED enrollment row, seen as the credits side needs it; its date is set on every row the feed selects. */
export type Completion = Serving<Contract.Completion, Entities.Enrollment, 'completedOn'>;
export type InstitutionConnection = Connection<Institution>;
export type TrainingProjectConnection = Connection<TrainingProject>;
export type EnrollmentConnection = Connection<Enrollment>;
export type CompletionConnection = Connection<Completion>;
/** A spot check row; its result column holds PASSED or FAILED (resolved to the contract's enum). */
export type SpotCheck = Serving<Contract.SpotCheck, Entities.SpotCheck, 'result'>;
