/**
 * Serves the platform as the graph's credits slice through the shared kit, with its own
 * adapted copy of the contract (credits.graphql beside this file: the Teacher key is the
 * 身份证号, which clients never see).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource, databaseUrlFromEnv, type Store } from '../../kit/data-source';
import { startSubgraph, type RunningSubgraph, type StartOptions, type SubgraphDefinition } from '../../kit/subgraph';
import { access, writes } from './access';
import { inputs } from './inputs';
import { JxCreditLedger, JxIdempotencyKey, JxTeacher } from './entities';
import { createLedgerLoaders, type LedgerLoaders } from './ledger';
import { JxLedger1765000000000 } from './migrations/1765000000000-jx-ledger';
import { IdempotencyKeys1765100000000 } from './migrations/1765100000000-idempotency-keys';
import { resolvers } from './resolvers';

/** Its store's name: the embedded file `data/legacy_credits.sqlite`, migrations table `legacy_credits_migrations`, `LEGACY_CREDITS_DATABASE_URL`. */
export const LEGACY_CREDITS_STORE = 'legacy_credits';
export const LEGACY_CREDITS_SDL_PATH = join(__dirname, 'credits.graphql');
/** The supergraph composed with this SDL (`npm run conformance -- compose --credits-sdl …`): the gateway's SUPERGRAPH_PATH. */
export const LEGACY_CREDITS_SUPERGRAPH_PATH = join(__dirname, 'supergraph.graphql');
export const LEGACY_CREDITS_PORT = 4013;

export function legacyCreditsSdl(): string {
  return readFileSync(LEGACY_CREDITS_SDL_PATH, 'utf8');
}

export function createLegacyStore(url?: string): Store {
  return createDataSource({
    name: LEGACY_CREDITS_STORE,
    entities: legacyCreditsSubgraph.entities,
    migrations: legacyCreditsSubgraph.migrations,
    url: url ?? databaseUrlFromEnv(LEGACY_CREDITS_STORE),
  });
}

/** The Jiangxi-style platform as a subgraph definition: the shared kit serves it like any other. */
export const legacyCreditsSubgraph: SubgraphDefinition<LedgerLoaders> = {
  name: LEGACY_CREDITS_STORE,
  contract: legacyCreditsSdl(),
  entities: [JxCreditLedger, JxTeacher, JxIdempotencyKey],
  migrations: [JxLedger1765000000000, IdempotencyKeys1765100000000],
  resolvers,
  access,
  inputs,
  writes,
  createLoaders: createLedgerLoaders,
};

export function startLegacyCredits(options: StartOptions): Promise<RunningSubgraph> {
  return startSubgraph(legacyCreditsSubgraph, options);
}
