import { runSubgraphMain } from '../../kit/subgraph';
import { trainingSubgraph } from './index';

void runSubgraphMain(trainingSubgraph, 4002);
