import type { Identity } from '../../kit/identity';
import type { Connection } from '../../kit/pagination';
import type { Serving } from '../../kit/subgraph';
import type * as Contract from './__generated__/resolvers-types';
import type * as Entities from './entities';

/*
 * What the resolvers of each contract type receive as parent and return (the codegen
 * mappers in schema/codegen.ts point here). Rows are checked against the contract: a field
 * they serve as stored must have the contract's type (kit `Serving`).
 */

export type Region = Serving<Contract.Region, Entities.Region>;
export type School = Serving<Contract.School, Entities.School>;
export type Teacher = Serving<Contract.Teacher, Entities.Teacher>;
/** A placement (a row, or one of a correction's kept history); `school` is resolved from its id. */
export type Placement = Serving<Contract.Placement, Pick<Entities.TeacherPlacement, 'schoolId' | 'regionCode' | 'from' | 'to'>>;
/** A correction of a placement history (audit row); `school` and `before` are resolved from it. */
export type PlacementCorrection = Serving<Contract.PlacementCorrection, Entities.TeacherPlacementChange, 'before'>;
export type SchoolConnection = Connection<School>;
export type TeacherConnection = Connection<Teacher>;
/** `me`: the caller's vouched identity; each field reads its own row by the identity's scope. */
export type Viewer = Identity;
