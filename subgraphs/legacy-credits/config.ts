import { declareConfig, secret, secretFile, url, variable } from '../../kit/config';

/**
 * How the platform reaches the registry and training: through the graph (the gateway), as the
 * `credits` service, since it implements the credits contract and gets that slice's grant.
 */
export const legacyCreditsConfig = declareConfig('legacy-credits subgraph', {
  LEGACY_CREDITS_GRAPH_URL: variable(url(), {
    defaultText: 'unset: registrations, completions and imports are refused (`GRAPH_NOT_CONFIGURED`)',
    description:
      "The gateway, through which the legacy platform checks a credit's teacher, 身份证号, school and county against the registry (placement on the day earned) and completions against training (it keeps no roster of its own).",
  }),
  LEGACY_CREDITS_GRAPH_TOKEN: variable(secret(), {
    description:
      'A service token for credits (`npm run token -- --service credits`): the platform implements the credits contract, so it reads what the registry and training grant the credits service, nothing else, and writes only completion credits.',
  }),
  LEGACY_CREDITS_GRAPH_TOKEN_FILE: variable(secretFile(), { description: 'The same token read from a file; `LEGACY_CREDITS_GRAPH_TOKEN` wins when both are set.' }),
});
