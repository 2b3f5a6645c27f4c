import type { SubgraphDefinition } from '../shared/subgraph';
import { access } from './access';
import { CreditAuditEntry, CreditPolicy, CreditRecord } from './entities';
import { createLoaders, type CreditLoaders } from './loaders';
import { CreateCredits1764000000000 } from './migrations/1764000000000-create-credits';
import { PolicyDataAndAudit1764100000000 } from './migrations/1764100000000-policy-data-and-audit';
import { resolvers } from './resolvers';

/** Credits (学分管理): serves `schema/credits.graphql`. */
export const creditsSubgraph: SubgraphDefinition<CreditLoaders> = {
  name: 'credits',
  entities: [CreditRecord, CreditPolicy, CreditAuditEntry],
  migrations: [CreateCredits1764000000000, PolicyDataAndAudit1764100000000],
  resolvers,
  access,
  createLoaders,
};
