import { readContract } from '../../schema/subgraphs';
import type { SubgraphDefinition } from '../../kit/subgraph';
import { access, services, writes } from './access';
import { inputs } from './inputs';
import { trainingConfig } from './config';
import { Enrollment, EnrollmentNotice, Institution, ProjectTrainer, SpotCheck, TrainingClass, TrainingPolicyChange, TrainingPolicyRecord, TrainingProject, TrainingIdempotencyKey } from './entities';
import { createLoaders, type TrainingLoaders } from './loaders';
import { CreateTraining1764000000000 } from './migrations/1764000000000-create-training';
import { TrainingWorkflow1764100000000 } from './migrations/1764100000000-training-workflow';
import { TrainingPolicies1765100000000 } from './migrations/1765100000000-training-policies';
import { ProvinceTrainingRules1765200000000 } from './migrations/1765200000000-province-training-rules';
import { IdempotencyKeys1765300000000 } from './migrations/1765300000000-idempotency-keys';
import { DispatchAccountability1765600000000 } from './migrations/1765600000000-dispatch-accountability';
import { createResolvers, type TrainingResolversConfig } from './resolvers';
import { registryAccessFromEnv } from './graph-access';

/** Training projects (培训项目) and course selection (选课): serves `schema/training.graphql`. */
export function createTrainingSubgraph(config: TrainingResolversConfig): SubgraphDefinition<TrainingLoaders> {
  return {
    name: 'training',
    contract: readContract('training'),
    entities: [Institution, TrainingProject, TrainingClass, Enrollment, TrainingPolicyRecord, TrainingPolicyChange, ProjectTrainer, SpotCheck, EnrollmentNotice, TrainingIdempotencyKey],
    migrations: [CreateTraining1764000000000, TrainingWorkflow1764100000000, TrainingPolicies1765100000000, ProvinceTrainingRules1765200000000, IdempotencyKeys1765300000000, DispatchAccountability1765600000000],
    resolvers: createResolvers(config),
    access,
    services,
    inputs,
    writes,
    createLoaders,
    config: [trainingConfig],
  };
}

/** Configured from the environment (TRAINING_GRAPH_URL, TRAINING_GRAPH_TOKEN[_FILE]: see graph-access.ts). */
export const trainingSubgraph = createTrainingSubgraph({ registry: () => registryAccessFromEnv() });
