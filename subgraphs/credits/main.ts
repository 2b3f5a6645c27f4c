import { runSubgraphMain } from '../shared/subgraph';
import { creditsSubgraph } from './index';

void runSubgraphMain(creditsSubgraph, 4003);
