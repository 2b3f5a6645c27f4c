import { scopeCondition } from '../../kit/access';
import { DateScalar } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { paginate } from '../../kit/pagination';
import type { Resolvers } from './__generated__/resolvers-types';
import { JxCreditLedger } from './entities';
import { importCsv, importTemplate } from './import-csv';
import { changeEntry, entryOf, registerCompletion, registerEntry, reportEntries } from './ledger';
import { CATEGORIES, codeOf, PLATFORM_POLICY } from './platform';
import { accountOf, auditEntries, complianceOf, historyOf, itHoursOf } from './views';
import type { LegacyGraphAccess } from './graph-access';

/** What a deployment gives the platform beyond its database. */
export interface LegacyCreditsConfig {
  /** The registry and training as the graph shows them; read per call so configuration can arrive late. */
  graph: () => LegacyGraphAccess | null;
}

const policyById = (id: string) => (id === PLATFORM_POLICY.id ? PLATFORM_POLICY : null);

export const createResolvers = ({ graph }: LegacyCreditsConfig): Resolvers => ({
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    creditImportTemplate: () => importTemplate(),
    creditRecord: (_, { id }, { loaders }) => loaders.entryById.load(id),
    creditRecords: async (_, args, { dataSource, identity }) => {
      const filter = args.filter ?? {};
      const query = dataSource.getRepository(JxCreditLedger).createQueryBuilder('l');
      const scope = scopeCondition(identity, { teacher: 'l.jsbh', school: 'l.xxbh', region: 'l.qxdm', institution: 'l.jgbh' });
      if (scope) query.andWhere(scope.sql, scope.params);
      if (filter.teacherId) query.andWhere('l.jsbh = :jsbh', { jsbh: filter.teacherId });
      // REPORTED has no 状态码 here: no entry is ever in it.
      if (filter.status) query.andWhere(codeOf(filter.status) === null ? '1 = 0' : 'l.zt = :zt', { zt: codeOf(filter.status) });
      if (filter.source) query.andWhere('l.xfly = :xfly', { xfly: filter.source });
      if (filter.category) query.andWhere('l.xflb = :xflb', { xflb: filter.category });
      if (filter.earnedFrom) query.andWhere('l.hdrq >= :from', { from: filter.earnedFrom });
      if (filter.earnedTo) query.andWhere('l.hdrq <= :to', { to: filter.earnedTo });
      const page = await paginate(query, args, { column: 'l.hdrq', property: 'hdrq', direction: 'DESC', idColumn: 'l.lsh', idProperty: 'lsh' });
      const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: entryOf(edge.node) }));
      return { totalCount: page.totalCount, pageInfo: page.pageInfo, edges, nodes: edges.map((e) => e.node) };
    },
    creditPolicy: (_, { id }) => policyById(id),
    // The platform applies its one policy wherever it runs.
    creditPolicies: () => [PLATFORM_POLICY],
    creditAuditEntries: (_, args, { dataSource, identity }) => auditEntries(dataSource, identity, args),
  },

  Mutation: {
    registerCredit: (_, { input, idempotencyKey }, { dataSource, identity }) => registerEntry(dataSource, identity, input, graph, idempotencyKey),
    reviewCreditRecord: (_, { id, decision, reason }, { dataSource, identity }) => changeEntry(dataSource, identity, id, decision, reason, graph),
    reportCreditRecords: (_, { ids }, { dataSource, identity }) => reportEntries(dataSource, identity, ids),
    verifyCreditRecord: (_, { id }, { dataSource, identity }) => changeEntry(dataSource, identity, id, 'VERIFY', null, graph),
    revokeCreditRecord: (_, { id, reason }, { dataSource, identity }) => changeEntry(dataSource, identity, id, 'REVOKE', reason, graph),
    registerCompletionCredits: (_, { input }, { dataSource, identity }) => registerCompletion(dataSource, identity, input, graph),
    importCreditRecords: (_, { input }, { dataSource, identity }) => importCsv(dataSource, identity, input, graph),
  },

  CreditRecord: {
    __resolveReference: (ref, { loaders }) => loaders.entryById.load(ref.id),
    // The platform knows teachers by 身份证号: the gateway joins on the registry's idNumber key.
    teacher: (entry) => ({ idNumber: entry.idNumber }),
    onlineHours: (entry) => entry.onlineHoursMilli,
    offlineHours: (entry) => entry.offlineHoursMilli,
    credits: (entry) => entry.creditsMilli,
    trainingProject: (entry) => (entry.trainingProjectId ? { id: entry.trainingProjectId } : null),
    policy: () => PLATFORM_POLICY,
    history: historyOf,
  },

  CreditPolicy: {
    __resolveReference: (ref) => policyById(ref.id),
    requiredPerCycle: (policy) => policy.requiredPerCycleMilli,
    requiredPerYear: (policy) => policy.requiredPerYearMilli,
    conversions: () => CATEGORIES.map((category) => ({ category, hours: 1, credits: 1 })),
    categoryCaps: () => [],
    sources: (policy) => ['cycleYears', 'requiredPerCycle', 'conversions'].map((field) => ({ field, source: policy.source, confirmed: true })),
  },

  Teacher: {
    creditAccount: async (teacher, { year }, { loaders }) => accountOf(await loaders.entriesByIdNumber.load(teacher.idNumber), teacher.retirementDate, year),
    creditRecords: async (teacher, { status }, { loaders }) =>
      (await loaders.entriesByIdNumber.load(teacher.idNumber)).filter((e) => !status || e.status === status),
    itTrainingHours: async (teacher, _, { loaders }) => itHoursOf(await loaders.entriesByIdNumber.load(teacher.idNumber)),
  },

  TrainingProject: {
    creditsAwarded: ({ id }, _, { loaders }) => loaders.awardedByProject.load(id),
  },

  Region: {
    creditCompliance: (region, { year }, { dataSource }) => complianceOf(dataSource, region, year),
  },
});
