import type { SubgraphContext } from '../../kit/subgraph';
import type { TrainingLoaders } from './loaders';

/** What every resolver of this slice receives; the generated resolver types are typed with it. */
export type Context = SubgraphContext<TrainingLoaders>;
