/**
 * Registers credits for training completions, read through the gateway.
 *
 *   GATEWAY_URL=http://localhost:4000/graphql SYNC_TOKEN=<system token> npm run sync:completions [-- --after CURSOR]
 *
 * Run it on a schedule; pass the printed cursor back with --after to resume where the
 * last run ended (re-reading is harmless: registration is idempotent per enrollment).
 * Without SYNC_TOKEN it signs a development SYSTEM token (see scripts/token.ts).
 */
import { syncCompletionCredits } from '../subgraphs/credits/completion-sync';
import { devToken } from './token';

async function main(): Promise<number> {
  const afterIndex = process.argv.indexOf('--after');
  const result = await syncCompletionCredits({
    gatewayUrl: process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql',
    token: process.env.SYNC_TOKEN ?? (await devToken({ role: 'SYSTEM', subject: 'completion-sync' }, 1)),
    after: afterIndex > 0 ? process.argv[afterIndex + 1] : null,
    onPage: ({ seen, registered }) => process.stderr.write(`\rseen ${seen} completions, registered ${registered}   `),
  });
  process.stderr.write('\n');
  console.log(JSON.stringify({ seen: result.seen, registered: result.registered, failures: result.failures, lastCursor: result.lastCursor }, null, 2));
  return result.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
