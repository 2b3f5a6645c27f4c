import { date, declareConfig, secret, secretFile, url, variable } from '../../kit/config';

export const trainingConfig = declareConfig('training subgraph', {
  TRAINING_CLOCK: variable(date(), {
    defaultText: 'unset: today in China',
    description:
      "Pins the business day every window check compares against (declaration, review, selection rounds), to act inside a past term's calendar. For tests and demos; production leaves it unset.",
  }),
  TRAINING_GRAPH_URL: variable(url(), {
    defaultText: 'unset: selections (选课) and assignments (选派) are refused (`GRAPH_NOT_CONFIGURED`)',
    description:
      "The gateway, through which training takes a selecting or assigned teacher's school, county, stage and subject from the registry (subgraphs never read each other's tables). `npm start` and docker-compose set it.",
  }),
  TRAINING_GRAPH_TOKEN: variable(secret(), { description: 'A service token for training (`npm run token -- --service training`): it reads teachers\' schools, counties, stages and subjects, nothing else.' }),
  TRAINING_GRAPH_TOKEN_FILE: variable(secretFile(), { description: 'The same token read from a file; `TRAINING_GRAPH_TOKEN` wins when both are set.' }),
});
