/**
 * `npm run start:legacy-credits`: the platform on :4013 (PORT), its database from
 * LEGACY_CREDITS_DATABASE_URL / DATABASE_URL or `data/legacy_credits.sqlite`, seeded with
 * the demo province on first run (DEMO_TEACHERS, default 2000, as `npm start`).
 */
import { generateDemoProvince } from '../../scripts/demo-province';
import { exitOnConfigProblems } from '../../kit/config';
import { openDataSource } from '../../kit/data-source';
import { logger } from '../../kit/logger';
import { processConfig, subgraphProductionRule } from '../../kit/settings';
import { subgraphConfigGroups } from '../../kit/subgraph';
import { legacyCreditsConfig } from './config';
import { isLegacySeeded, seedLegacyCredits } from './seed';
import { LEGACY_CREDITS_PORT, createLegacyStore, legacyCreditsSubgraph, startLegacyCredits } from './server';

async function main(): Promise<void> {
  exitOnConfigProblems('legacy-credits subgraph', subgraphConfigGroups(legacyCreditsSubgraph), [subgraphProductionRule]);
  const store = createLegacyStore();
  await openDataSource(store.dataSource);
  if (!(await isLegacySeeded(store.dataSource))) {
    await seedLegacyCredits(store.dataSource, generateDemoProvince({ teachers: legacyCreditsConfig.DEMO_TEACHERS }));
    console.log('Seeded the legacy credit ledger with the demo province.');
  }
  const running = await startLegacyCredits({ port: processConfig.PORT ?? LEGACY_CREDITS_PORT, store });
  console.log(`legacy credits (江西平台) ready at ${running.url}`);
  const shutdown = () => {
    setTimeout(() => process.exit(1), processConfig.SHUTDOWN_GRACE_MS).unref();
    running.stop().then(
      () => store.dataSource.destroy().then(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
