import { declareConfig, integer, variable } from '../../kit/config';

export const legacyCreditsConfig = declareConfig('legacy-credits subgraph', {
  DEMO_TEACHERS: variable(integer('teachers'), {
    default: 2000,
    description: 'Size of the demo province `npm run start:legacy-credits` seeds into an empty ledger (as `npm start` does).',
  }),
});
