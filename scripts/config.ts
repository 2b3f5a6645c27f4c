import { declareConfig, secret, url, variable } from '../kit/config';

/** `npm run sync:completions` (scripts/sync-completions.ts). */
export const completionSyncConfig = declareConfig('npm run sync:completions', {
  GATEWAY_URL: variable(url(), { default: 'http://localhost:4000/graphql', description: 'The gateway whose completion feed the sync reads and registers credits through.' }),
  SYNC_TOKEN: variable(secret(), {
    defaultText: 'a development credits service token (`npm run token -- --service credits`)',
    description: 'The credits service client token (role SERVICE, service credits) the sync reads the feed and registers with; not SYSTEM.',
  }),
});
