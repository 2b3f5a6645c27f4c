import { runSubgraphMain } from '../shared/subgraph';
import { trainingSubgraph } from './index';

void runSubgraphMain(trainingSubgraph, 4002);
