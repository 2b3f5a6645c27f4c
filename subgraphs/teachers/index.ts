import { readContract } from '../../schema/subgraphs';
import type { SubgraphDefinition } from '../../kit/subgraph';
import { access, services, writes } from './access';
import { inputs } from './inputs';
import { Region, School, StatisticsTable, Teacher, TeacherIdempotencyKey, TeacherPlacement, TeacherPlacementChange } from './entities';
import { createLoaders, type TeacherLoaders } from './loaders';
import { CreateRegistry1764000000000 } from './migrations/1764000000000-create-registry';
import { TeacherSchoolCategory1764300000000 } from './migrations/1764300000000-teacher-school-category';
import { StatisticsIntake1765100000000 } from './migrations/1765100000000-statistics-intake';
import { IdempotencyKeys1765200000000 } from './migrations/1765200000000-idempotency-keys';
import { TeacherPlacements1765300000000 } from './migrations/1765300000000-teacher-placements';
import { PlacementChanges1765451000000 } from './migrations/1765451000000-placement-changes';
import { resolvers } from './resolvers';

/** The teacher registry (教师库): serves `schema/teachers.graphql`. */
export const teachersSubgraph: SubgraphDefinition<TeacherLoaders> = {
  name: 'teachers',
  contract: readContract('teachers'),
  entities: [Region, School, Teacher, StatisticsTable, TeacherIdempotencyKey, TeacherPlacement, TeacherPlacementChange],
  migrations: [CreateRegistry1764000000000, TeacherSchoolCategory1764300000000, StatisticsIntake1765100000000, IdempotencyKeys1765200000000, TeacherPlacements1765300000000, PlacementChanges1765451000000],
  resolvers,
  access,
  services,
  inputs,
  writes,
  createLoaders,
};
