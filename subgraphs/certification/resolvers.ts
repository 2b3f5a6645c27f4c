import { DateScalar } from '../shared/date';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import type { Certificate } from './entities';
import type { CertificationLoaders } from './loaders';

type Context = SubgraphContext<CertificationLoaders>;

export const resolvers: Resolvers<CertificationLoaders> = {
  Date: DateScalar,

  Query: {
    certificate: (_: unknown, { number }: { number: string }, { loaders }: Context) => loaders.certificateByNumber.load(number),
  },

  Certificate: {
    __resolveReference: (ref: { number: string }, { loaders }: Context) => loaders.certificateByNumber.load(ref.number),
    teacher: (certificate: Certificate) => ({ __typename: 'Teacher', id: certificate.teacherId }),
    replaces: (certificate: Certificate, _: unknown, { loaders }: Context) =>
      certificate.replacesNumber ? loaders.certificateByNumber.load(certificate.replacesNumber) : null,
    replacedBy: (certificate: Certificate, _: unknown, { loaders }: Context) =>
      certificate.status === 'REISSUED' ? loaders.replacementOf.load(certificate.number) : null,
  },

  Teacher: {
    certificates: ({ id }: { id: string }, { kind }: { kind?: string | null }, { loaders }: Context) =>
      loaders.certificatesByTeacher.load({ teacherId: id, kind: kind ?? null }),
  },
};
