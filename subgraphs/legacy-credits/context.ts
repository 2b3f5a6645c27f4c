import type { SubgraphContext } from '../../kit/subgraph';
import type { LedgerLoaders } from './ledger';

/** What every resolver of this slice receives; the generated resolver types are typed with it. */
export type Context = SubgraphContext<LedgerLoaders>;
