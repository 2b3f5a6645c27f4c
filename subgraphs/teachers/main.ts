import { runSubgraphMain } from '../../kit/subgraph';
import { teachersSubgraph } from './index';

void runSubgraphMain(teachersSubgraph, 4001);
