import { runSubgraphMain } from '../shared/subgraph';
import { teachersSubgraph } from './index';

void runSubgraphMain(teachersSubgraph, 4001);
