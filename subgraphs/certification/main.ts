import { runSubgraphMain } from '../../kit/subgraph';
import { certificationSubgraph } from './index';

void runSubgraphMain(certificationSubgraph, 4004);
