import { runSubgraphMain } from '../shared/subgraph';
import { certificationSubgraph } from './index';

void runSubgraphMain(certificationSubgraph, 4004);
