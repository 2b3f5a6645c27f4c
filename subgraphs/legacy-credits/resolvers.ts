import { scopeCondition } from '../../kit/access';
import { DateScalar } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { paginate, type PageArgs } from '../../kit/pagination';
import type { Resolvers, SubgraphContext } from '../../kit/subgraph';
import { JxCreditLedger } from './entities';
import { importCsv } from './import-csv';
import { changeEntry, entryOf, registerCompletion, registerEntry, type Action, type CompletionInput, type CreditEntry, type LedgerLoaders, type RegisterInput } from './ledger';
import { CODE_BY_STATUS, PLATFORM_POLICY, STATUS_BY_CODE, type PlatformPolicy } from './platform';
import { accountOf, auditEntries, complianceOf, itHoursOf, type AuditFilter, type TeacherCounts } from './views';

type Context = SubgraphContext<LedgerLoaders>;

interface RecordFilter {
  teacherId?: string | null;
  status?: string | null;
  source?: string | null;
  category?: string | null;
  earnedFrom?: string | null;
  earnedTo?: string | null;
}

/** A teacher as this platform knows them: by 身份证号 (the key), with the registry's retirement date. */
interface TeacherRef {
  idNumber: string;
  retirementDate?: string | null;
}

const policyById = (id: string) => (id === PLATFORM_POLICY.id ? PLATFORM_POLICY : null);

export const resolvers: Resolvers<LedgerLoaders> = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    creditRecord: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.entryById.load(id),
    creditRecords: async (_: unknown, args: PageArgs & { filter?: RecordFilter | null }, { dataSource, identity }: Context) => {
      const filter = args.filter ?? {};
      const query = dataSource.getRepository(JxCreditLedger).createQueryBuilder('l');
      const scope = scopeCondition(identity, { teacher: 'l.jsbh', school: 'l.xxbh', region: 'l.qxdm', institution: 'l.jgbh' });
      if (scope) query.andWhere(scope.sql, scope.params);
      if (filter.teacherId) query.andWhere('l.jsbh = :jsbh', { jsbh: filter.teacherId });
      if (filter.status) query.andWhere('l.zt = :zt', { zt: CODE_BY_STATUS[filter.status] });
      if (filter.source) query.andWhere('l.xfly = :xfly', { xfly: filter.source });
      if (filter.category) query.andWhere('l.xflb = :xflb', { xflb: filter.category });
      if (filter.earnedFrom) query.andWhere('l.hdrq >= :from', { from: filter.earnedFrom });
      if (filter.earnedTo) query.andWhere('l.hdrq <= :to', { to: filter.earnedTo });
      const page = await paginate(query, args, { column: 'l.hdrq', property: 'hdrq', direction: 'DESC', idColumn: 'l.lsh', idProperty: 'lsh' });
      const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: entryOf(edge.node) }));
      return { totalCount: page.totalCount, pageInfo: page.pageInfo, edges, nodes: edges.map((e) => e.node) };
    },
    creditPolicy: (_: unknown, { id }: { id: string }) => policyById(id),
    // The platform applies its one policy wherever it runs.
    creditPolicies: () => [PLATFORM_POLICY],
    creditAuditEntries: (_: unknown, args: PageArgs & { filter: AuditFilter }, { dataSource, identity }: Context) => auditEntries(dataSource, identity, args),
  },

  Mutation: {
    registerCredit: (_: unknown, { input }: { input: RegisterInput }, { dataSource, identity }: Context) => registerEntry(dataSource, identity, input),
    reviewCreditRecord: (_: unknown, args: { id: string; decision: 'APPROVE' | 'REJECT'; reason?: string | null }, { dataSource, identity }: Context) =>
      changeEntry(dataSource, identity, args.id, args.decision as Action, args.reason),
    verifyCreditRecord: (_: unknown, { id }: { id: string }, { dataSource, identity }: Context) => changeEntry(dataSource, identity, id, 'VERIFY'),
    revokeCreditRecord: (_: unknown, { id, reason }: { id: string; reason: string }, { dataSource, identity }: Context) =>
      changeEntry(dataSource, identity, id, 'REVOKE', reason),
    registerCompletionCredits: (_: unknown, { input }: { input: CompletionInput }, { dataSource, identity }: Context) =>
      registerCompletion(dataSource, identity, input),
    importCreditRecords: (_: unknown, { input }: { input: { fileName: string; contentBase64: string; allOrNothing?: boolean | null } }, { dataSource, identity }: Context) =>
      importCsv(dataSource, identity, input),
  },

  CreditRecord: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.entryById.load(ref.id),
    // The platform knows teachers by 身份证号: the gateway joins on the registry's idNumber key.
    teacher: (entry: CreditEntry) => ({ __typename: 'Teacher', idNumber: entry.idNumber }),
    onlineHours: (entry: CreditEntry) => entry.onlineHoursMilli,
    offlineHours: (entry: CreditEntry) => entry.offlineHoursMilli,
    credits: (entry: CreditEntry) => entry.creditsMilli,
    trainingProject: (entry: CreditEntry) => (entry.trainingProjectId ? { __typename: 'TrainingProject', id: entry.trainingProjectId } : null),
    policy: () => PLATFORM_POLICY,
    history: (entry: CreditEntry) =>
      entry.steps.map((step, index) => ({
        id: `${entry.id}#${index}`,
        record: entry,
        actorId: step.czr,
        actorRole: step.czjs,
        at: step.sj,
        from: step.q === null ? null : STATUS_BY_CODE[step.q],
        to: STATUS_BY_CODE[step.h],
        reason: step.yy,
      })),
  },

  CreditPolicy: {
    __resolveReference: (ref: { id: string }) => policyById(ref.id),
    requiredPerCycle: (policy: PlatformPolicy) => policy.requiredPerCycleMilli,
    requiredPerYear: (policy: PlatformPolicy) => policy.requiredPerYearMilli,
    conversions: () => ['CONCENTRATED', 'ONLINE', 'SCHOOL_BASED', 'IT_PRACTICE', 'IT_ONLINE', 'OTHER'].map((category) => ({ category, hours: 1, credits: 1 })),
    categoryCaps: () => [],
    sources: (policy: PlatformPolicy) =>
      ['cycleYears', 'requiredPerCycle', 'conversions'].map((field) => ({ field, source: policy.source, confirmed: true })),
  },

  Teacher: {
    creditAccount: async (teacher: TeacherRef, { year }: { year?: number | null }, { loaders }: Context) =>
      accountOf(await loaders.entriesByIdNumber.load(teacher.idNumber), teacher.retirementDate, year),
    creditRecords: async (teacher: TeacherRef, { status }: { status?: string | null }, { loaders }: Context) =>
      (await loaders.entriesByIdNumber.load(teacher.idNumber)).filter((e) => !status || e.status === status),
    itTrainingHours: async (teacher: TeacherRef, _: unknown, { loaders }: Context) => itHoursOf(await loaders.entriesByIdNumber.load(teacher.idNumber)),
  },

  TrainingProject: {
    creditsAwarded: ({ id }: { id: string }, _: unknown, { loaders }: Context) => loaders.awardedByProject.load(id),
  },

  Region: {
    creditCompliance: (region: { code: string; teacherCounts?: TeacherCounts | null }, { year }: { year?: number | null }, { dataSource }: Context) =>
      complianceOf(dataSource, region, year),
  },
};
