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
import { legacyCreditsConfig } from './config';
import { JxCreditLedger, JxIdempotencyKey } from './entities';
import { legacyGraphAccessFromEnv } from './graph-access';
import { createLedgerLoaders, type LedgerLoaders } from './ledger';
import { JxLedger1765000000000 } from './migrations/1765000000000-jx-ledger';
import { IdempotencyKeys1765100000000 } from './migrations/1765100000000-idempotency-keys';
import { DropRoster1765700000000 } from './migrations/1765700000000-drop-roster';
import { createResolvers, type LegacyCreditsConfig } from './resolvers';

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
export function createLegacyCreditsSubgraph(config: LegacyCreditsConfig): SubgraphDefinition<LedgerLoaders> {
  return {
    name: LEGACY_CREDITS_STORE,
    contract: legacyCreditsSdl(),
    entities: [JxCreditLedger, JxIdempotencyKey],
    migrations: [JxLedger1765000000000, IdempotencyKeys1765100000000, DropRoster1765700000000],
    resolvers: createResolvers(config),
    access,
    inputs,
    writes,
    createLoaders: createLedgerLoaders,
    config: [legacyCreditsConfig],
  };
}

/** Configured from the environment (LEGACY_CREDITS_GRAPH_URL, LEGACY_CREDITS_GRAPH_TOKEN[_FILE]: see graph-access.ts). */
export const legacyCreditsSubgraph = createLegacyCreditsSubgraph({ graph: () => legacyGraphAccessFromEnv() });

export function startLegacyCredits(options: StartOptions, definition: SubgraphDefinition<LedgerLoaders> = legacyCreditsSubgraph): Promise<RunningSubgraph> {
  return startSubgraph(definition, options);
}
