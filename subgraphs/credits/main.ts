import { runSubgraphMain } from '../../kit/subgraph';
import { creditsSubgraph } from './index';

void runSubgraphMain(creditsSubgraph, 4003);
