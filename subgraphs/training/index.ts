import { readContract } from '../../schema/subgraphs';
import type { SubgraphDefinition } from '../../kit/subgraph';
import { access, writes } from './access';
import { inputs } from './inputs';
import { trainingConfig } from './config';
import { Enrollment, Institution, TrainingClass, TrainingProject } from './entities';
import { createLoaders, type TrainingLoaders } from './loaders';
import { CreateTraining1764000000000 } from './migrations/1764000000000-create-training';
import { TrainingWorkflow1764100000000 } from './migrations/1764100000000-training-workflow';
import { resolvers } from './resolvers';

/** Training projects (培训项目) and course selection (选课): serves `schema/training.graphql`. */
export const trainingSubgraph: SubgraphDefinition<TrainingLoaders> = {
  name: 'training',
  contract: readContract('training'),
  entities: [Institution, TrainingProject, TrainingClass, Enrollment],
  migrations: [CreateTraining1764000000000, TrainingWorkflow1764100000000],
  resolvers,
  access,
  inputs,
  writes,
  createLoaders,
  config: [trainingConfig],
};
