/**
 * Recovery: recomputes the credit summary (学分汇总) of every teacher from the credit records.
 *
 *   npm run rebuild:credit-summaries        the credits subgraph's database (CREDITS_DATABASE_URL, else DATABASE_URL)
 *
 * Every credit command keeps the summary in step in its own transaction; run this after
 * writing records outside the commands (a bulk load, a manual correction) or after adding a
 * policy with a new cycle length. It works a page of teachers per transaction with the
 * commands' locks, so the service may keep running.
 */
import { openStores } from './seed';
import { rebuildCreditSummaries } from '../subgraphs/credits/summaries';

async function main(): Promise<void> {
  const stores = await openStores();
  const { credits } = stores;
  const started = Date.now();
  try {
    const teachers = await rebuildCreditSummaries(credits.dataSource, (done) => {
      if (done % 50_000 === 0) console.log(`… ${done.toLocaleString('en')} teachers`);
    });
    console.log(`Rebuilt the credit summaries of ${teachers.toLocaleString('en')} teachers in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await Promise.all(Object.values(stores).map((store) => store.dataSource.destroy()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
