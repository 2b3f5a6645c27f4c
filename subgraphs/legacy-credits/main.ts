/**
 * `npm run start:legacy-credits`: the platform on :4013 (PORT), its database from
 * LEGACY_CREDITS_DATABASE_URL / DATABASE_URL or `data/legacy_credits.sqlite`, seeded with
 * the demo province on first run (DEMO_TEACHERS, default 2000, as `npm start`).
 */
import { generateDemoProvince } from '../../scripts/demo-province';
import { openDataSource } from '../../kit/data-source';
import { logger } from '../../kit/logger';
import { isLegacySeeded, seedLegacyCredits } from './seed';
import { LEGACY_CREDITS_PORT, createLegacyStore, startLegacyCredits } from './server';

async function main(): Promise<void> {
  const store = createLegacyStore();
  await openDataSource(store.dataSource);
  if (!(await isLegacySeeded(store.dataSource))) {
    await seedLegacyCredits(store.dataSource, generateDemoProvince({ teachers: Number(process.env.DEMO_TEACHERS ?? 2000) }));
    console.log('Seeded the legacy credit ledger with the demo province.');
  }
  const running = await startLegacyCredits({ port: Number(process.env.PORT ?? LEGACY_CREDITS_PORT), store });
  console.log(`legacy credits (江西平台) ready at ${running.url}`);
  const shutdown = () => {
    setTimeout(() => process.exit(1), 15_000).unref();
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
