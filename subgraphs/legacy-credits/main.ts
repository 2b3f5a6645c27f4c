/**
 * `npm run start:legacy-credits`: the platform on :4013 (PORT), its database from
 * LEGACY_CREDITS_DATABASE_URL / DATABASE_URL or `data/legacy_credits.sqlite`, its writes checked
 * through the gateway at LEGACY_CREDITS_GRAPH_URL (config.ts). It only serves: the npm script seeds
 * the demo province's ledger first (`npm run seed -- --legacy-credits`).
 */
import { runSubgraphMain } from '../../kit/subgraph';
import { LEGACY_CREDITS_PORT, legacyCreditsSubgraph } from './server';

void runSubgraphMain(legacyCreditsSubgraph, LEGACY_CREDITS_PORT);
