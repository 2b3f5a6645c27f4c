import { readContract } from '../../schema/subgraphs';
import type { SubgraphDefinition } from '../../kit/subgraph';
import { access, writes } from './access';
import { inputs } from './inputs';
import { creditsConfig } from './config';
import { CreditAuditEntry, CreditIdempotencyKey, CreditPolicy, CreditRecord } from './entities';
import { createLoaders, type CreditLoaders } from './loaders';
import { CreateCredits1764000000000 } from './migrations/1764000000000-create-credits';
import { PolicyDataAndAudit1764100000000 } from './migrations/1764100000000-policy-data-and-audit';
import { ComplianceCoveringIndex1764300000000 } from './migrations/1764300000000-compliance-covering-index';
import { IdempotencyKeys1764400000000 } from './migrations/1764400000000-idempotency-keys';
import { CreditDuties1764500000000 } from './migrations/1764500000000-credit-duties';
import { CreditSummary1764600000000 } from './migrations/1764600000000-credit-summary';
import { CreditSummaryEarnedTotal1764700000000 } from './migrations/1764700000000-credit-summary-earned-total';
import { DropComplianceCoveringIndex1764800000000 } from './migrations/1764800000000-drop-compliance-covering-index';
import { ReportUpStep1765110000000 } from './migrations/1765110000000-report-up-step';
import { CreditSummaryCountyJudgementIndex1765500000000 } from './migrations/1765500000000-credit-summary-county-judgement-index';
import { createResolvers, type CreditsConfig } from './resolvers';
import { graphAccessFromEnv } from './graph-access';
import { summariseIfMissing } from './summaries';

/** Credits (学分管理): serves `schema/credits.graphql`. */
export function createCreditsSubgraph(config: CreditsConfig): SubgraphDefinition<CreditLoaders> {
  return {
    name: 'credits',
    contract: readContract('credits'),
    entities: [CreditRecord, CreditPolicy, CreditAuditEntry, CreditIdempotencyKey],
    migrations: [
      CreateCredits1764000000000,
      PolicyDataAndAudit1764100000000,
      ComplianceCoveringIndex1764300000000,
      IdempotencyKeys1764400000000,
      CreditDuties1764500000000,
      CreditSummary1764600000000,
      CreditSummaryEarnedTotal1764700000000,
      DropComplianceCoveringIndex1764800000000,
      ReportUpStep1765110000000,
      CreditSummaryCountyJudgementIndex1765500000000,
    ],
    resolvers: createResolvers(config),
    access,
    inputs,
    writes,
    createLoaders,
    config: [creditsConfig],
    afterMigrations: summariseIfMissing,
  };
}

/** Configured from the environment (CREDITS_GRAPH_URL, CREDITS_GRAPH_TOKEN[_FILE]: see graph-access.ts). */
export const creditsSubgraph = createCreditsSubgraph({ graph: () => graphAccessFromEnv() });
