import { declareConfig, secret, secretFile, url, variable } from '../../kit/config';

export const creditsConfig = declareConfig('credits subgraph', {
  CREDITS_GRAPH_URL: variable(url(), {
    defaultText: 'unset: imports and institutions’ completions are refused (`GRAPH_NOT_CONFIGURED`)',
    description:
      "The gateway, through which credits checks imported rows' teachers and 身份证号 and institutions' completions (subgraphs never read each other's tables). `npm start` and docker-compose set it.",
  }),
  CREDITS_GRAPH_TOKEN: variable(secret(), {
    description: "A service token for credits (`npm run token -- --service credits`): it reads teachers' placements and 身份证号, enrollments, the completion feed and institutions, nothing else, and writes only completion credits (registerCompletionCredits).",
  }),
  CREDITS_GRAPH_TOKEN_FILE: variable(secretFile(), { description: 'The same token read from a file; `CREDITS_GRAPH_TOKEN` wins when both are set.' }),
});
