import type { SubgraphDefinition } from '../shared/subgraph';
import { access } from './access';
import { Certificate } from './entities';
import { createLoaders, type CertificationLoaders } from './loaders';
import { CreateCertificates1764000000000 } from './migrations/1764000000000-create-certificates';
import { resolvers } from './resolvers';

/** Certification (证书): serves `schema/certification.graphql`. */
export const certificationSubgraph: SubgraphDefinition<CertificationLoaders> = {
  name: 'certification',
  entities: [Certificate],
  migrations: [CreateCertificates1764000000000],
  resolvers,
  access,
  createLoaders,
};
