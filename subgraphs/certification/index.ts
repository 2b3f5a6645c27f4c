import { readContract } from '../../schema/subgraphs';
import type { SubgraphDefinition } from '../../kit/subgraph';
import { access, writes } from './access';
import { inputs } from './inputs';
import { certificationConfig } from './config';
import { Certificate, CertificateSeries, CompletionReview, PassAudit, PassEntry, PassList, PreAssessment, ProgrammeTarget, LostCertificateExplanation, CompletionProof, CertificationIdempotencyKey } from './entities';
import { createLoaders, type CertificationLoaders } from './loaders';
import { CreateCertificates1764000000000 } from './migrations/1764000000000-create-certificates';
import { CertificationProgramme1764100000000 } from './migrations/1764100000000-certification-programme';
import { CoverageIndex1764200000000 } from './migrations/1764200000000-coverage-index';
import { TargetMeasures1765100000000 } from './migrations/1765100000000-target-measures';
import { PartnerYear1765200000000 } from './migrations/1765200000000-partner-year';
import { CertificateIssuingBody1765210000000 } from './migrations/1765210000000-certificate-issuing-body';
import { ItCompletionProofs1765220000000 } from './migrations/1765220000000-it-completion-proofs';
import { LostCertificateExplanations1765300000000 } from './migrations/1765300000000-lost-certificate-explanations';
import { IdempotencyKeys1765452000000 } from './migrations/1765452000000-idempotency-keys';
import { createResolvers, type CertificationResolversConfig } from './resolvers';
import { factsAccessFromEnv } from './graph-access';

/** Certification (证书): serves `schema/certification.graphql`. */
export function createCertificationSubgraph(config: CertificationResolversConfig): SubgraphDefinition<CertificationLoaders> {
  return {
    name: 'certification',
    contract: readContract('certification'),
    entities: [Certificate, CertificateSeries, PreAssessment, CompletionReview, PassList, PassEntry, PassAudit, ProgrammeTarget, LostCertificateExplanation, CompletionProof, CertificationIdempotencyKey],
    migrations: [CreateCertificates1764000000000, CertificationProgramme1764100000000, CoverageIndex1764200000000, TargetMeasures1765100000000, PartnerYear1765200000000, CertificateIssuingBody1765210000000, ItCompletionProofs1765220000000, LostCertificateExplanations1765300000000, IdempotencyKeys1765452000000],
    resolvers: createResolvers(config),
    access,
    inputs,
    writes,
    createLoaders,
    config: [certificationConfig],
  };
}

/** Configured from the environment (CERTIFICATION_GRAPH_URL, CERTIFICATION_GRAPH_TOKEN[_FILE]: see graph-access.ts). */
export const certificationSubgraph = createCertificationSubgraph({ facts: () => factsAccessFromEnv() });
