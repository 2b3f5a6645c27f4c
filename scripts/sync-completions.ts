/**
 * Registers credits for training completions, read through the gateway.
 *
 *   GATEWAY_URL=http://localhost:4000/graphql SYNC_TOKEN=<credits service token> npm run sync:completions [-- --after CURSOR]
 *   npm run sync:completions -- --every 300 --cursor-file data/completion-sync.cursor
 *
 * One run reads the feed to its end and prints the last cursor; pass it back with --after
 * to resume there. With --every SECONDS it keeps running, one pass per interval, and keeps
 * the cursor in --cursor-file (default data/completion-sync.cursor) across restarts.
 * Re-reading is harmless: registration is idempotent per enrollment. A failed pass is
 * logged and retried at the next interval from the same cursor.
 * It runs as the credits service (`npm run -s token -- --service credits`), not SYSTEM: it reads
 * only the feed and the placements granted to credits and calls only `registerCompletionCredits`.
 * Without SYNC_TOKEN it signs a development credits service token (see scripts/token.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { exitOnConfigProblems } from '../kit/config';
import { environmentConfig } from '../kit/settings';
import { syncCompletionCredits, type SyncResult } from '../subgraphs/credits/completion-sync';
import { completionSyncConfig } from './config';
import { serviceToken } from './token';

async function pass(after: string | null): Promise<SyncResult> {
  const result = await syncCompletionCredits({
    gatewayUrl: completionSyncConfig.GATEWAY_URL,
    token: completionSyncConfig.SYNC_TOKEN ?? (await serviceToken('credits', 1)),
    after,
    onPage: ({ seen, registered }) => process.stderr.write(`\rseen ${seen} completions, registered ${registered}   `),
  });
  process.stderr.write('\n');
  console.log(JSON.stringify({ at: new Date().toISOString(), seen: result.seen, registered: result.registered, failures: result.failures, lastCursor: result.lastCursor }));
  return result;
}

async function main(): Promise<number> {
  exitOnConfigProblems('sync:completions', [environmentConfig, completionSyncConfig]);
  const { values } = parseArgs({
    options: { every: { type: 'string' }, after: { type: 'string' }, 'cursor-file': { type: 'string', default: 'data/completion-sync.cursor' } },
  });
  const { every, after } = values;
  if (!every) return (await pass(after ?? null)).failures.length > 0 ? 1 : 0;

  const seconds = Number(every);
  if (!Number.isFinite(seconds) || seconds < 1) throw new Error(`--every needs a number of seconds, got "${every}"`);
  const cursorFile = values['cursor-file'];
  let cursor = after ?? (existsSync(cursorFile) ? readFileSync(cursorFile, 'utf8').trim() || null : null);
  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  process.once('SIGTERM', () => (stopping = true));
  while (!stopping) {
    try {
      const result = await pass(cursor);
      if (result.lastCursor && result.lastCursor !== cursor) {
        cursor = result.lastCursor;
        mkdirSync(dirname(cursorFile), { recursive: true });
        writeFileSync(cursorFile, `${cursor}\n`);
      }
    } catch (error) {
      console.error(`${new Date().toISOString()} pass failed, retrying in ${seconds} s: ${(error as Error).message}`);
    }
    for (let waited = 0; waited < seconds && !stopping; waited += 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
