import { scopeCondition } from '../../kit/access';
import { uploadedFile } from '../../kit/inputs';
import { creditImportTemplate } from './import-template';
import { DateScalar, todayInChina } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { paginate } from '../../kit/pagination';
import type { Resolvers } from './__generated__/resolvers-types';
import { RECORD_SCOPE } from './access';
import { creditAccountView } from './account-view';
import { registerCompletionCredits, registerCredit, reportCreditRecords, transitionRecord } from './commands';
import { CreditPolicy, CreditRecord } from './entities';
import { importCreditFile } from './import';
import { complianceView, listAuditEntries } from './queries';
import { validateComplianceRequest } from './rules/compliance';
import { CREDIT_CATEGORIES } from './rules/policy';
import { requireGraphAccess, type GraphAccess } from './graph-access';

/** What a deployment gives the credits subgraph beyond its database. */
export interface CreditsConfig {
  /** Other slices as the graph shows them (imports, institutions' completions); read per call so configuration can arrive late. */
  graph: () => GraphAccess | null;
}

export const createResolvers = ({ graph }: CreditsConfig): Resolvers => ({
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    creditImportTemplate: () => creditImportTemplate(),
    creditRecord: (_, { id }, { loaders }) => loaders.recordById.load(id),
    creditRecords: (_, args, { dataSource, identity }) => {
      const filter = args.filter ?? {};
      const query = dataSource.getRepository(CreditRecord).createQueryBuilder('record');
      const scope = scopeCondition(identity, RECORD_SCOPE);
      if (scope) query.andWhere(scope.sql, scope.params);
      if (filter.teacherId) query.andWhere('record.teacher_id = :teacherId', { teacherId: filter.teacherId });
      if (filter.status) query.andWhere('record.status = :status', { status: filter.status });
      if (filter.source) query.andWhere('record.source = :source', { source: filter.source });
      if (filter.category) query.andWhere('record.category = :category', { category: filter.category });
      if (filter.earnedFrom) query.andWhere('record.earned_on >= :earnedFrom', { earnedFrom: filter.earnedFrom });
      if (filter.earnedTo) query.andWhere('record.earned_on <= :earnedTo', { earnedTo: filter.earnedTo });
      return paginate(query, args, { column: 'record.earned_on', property: 'earnedOn', direction: 'DESC', idColumn: 'record.id', idProperty: 'id' });
    },
    creditPolicy: (_, { id }, { loaders }) => loaders.policyById.load(id),
    creditPolicies: (_, { provinceCode }, { dataSource }) =>
      dataSource.getRepository(CreditPolicy).find({ where: { provinceCode }, order: { effectiveFrom: 'DESC' } }),
    creditAuditEntries: (_, args, { dataSource, identity }) => listAuditEntries(dataSource, identity, args),
  },

  Mutation: {
    registerCredit: (_, { input, idempotencyKey }, { dataSource, identity }) => registerCredit(dataSource, identity, input, graph, idempotencyKey),
    reviewCreditRecord: (_, { id, decision, reason }, { dataSource, identity }) => transitionRecord(dataSource, identity, id, decision, reason, graph),
    reportCreditRecords: (_, { ids }, { dataSource, identity }) => reportCreditRecords(dataSource, identity, ids),
    verifyCreditRecord: (_, { id }, { dataSource, identity }) => transitionRecord(dataSource, identity, id, 'VERIFY', null, graph),
    revokeCreditRecord: (_, { id, reason }, { dataSource, identity }) => transitionRecord(dataSource, identity, id, 'REVOKE', reason, graph),
    registerCompletionCredits: (_, { input }, { dataSource, identity }) => registerCompletionCredits(dataSource, identity, input, graph),
    importCreditRecords: async (_, { input }, { dataSource, identity }) => {
      const { filename, bytes } = uploadedFile(input);
      return importCreditFile(dataSource, identity, { fileName: filename, buffer: bytes }, {
        allOrNothing: input.allOrNothing ?? false,
        teachers: requireGraphAccess(graph(), 'Imported rows').teachers,
      });
    },
  },

  CreditRecord: {
    __resolveReference: (ref, { loaders }) => loaders.recordById.load(ref.id),
    teacher: (record) => ({ id: record.teacherId }),
    onlineHours: (record) => record.onlineHoursMilli,
    offlineHours: (record) => record.offlineHoursMilli,
    credits: (record) => record.creditsMilli,
    trainingProject: (record) => (record.trainingProjectId ? { id: record.trainingProjectId } : null),
    policy: (record, _, { loaders }) => (record.policyId ? loaders.policyById.load(record.policyId) : null),
    history: (record, _, { loaders }) => loaders.historyByRecord.load(record.id),
  },

  CreditAuditEntry: {
    record: async (entry, _, { loaders }) => {
      const record = await loaders.recordById.load(entry.recordId);
      // An entry is written in the transaction that changes its record, and records are never deleted.
      if (!record) throw new Error(`Credit audit entry ${entry.id} names no stored record.`);
      return record;
    },
    from: (entry) => entry.fromStatus,
    to: (entry) => entry.toStatus,
  },

  CreditPolicy: {
    __resolveReference: (ref, { loaders }) => loaders.policyById.load(ref.id),
    requiredPerCycle: (policy) => policy.requiredPerCycleMilli,
    requiredPerYear: (policy) => policy.requiredPerYearMilli,
    // In the contract's order, as the policies are stored; categories without a ratio are left out.
    conversions: (policy) =>
      CREDIT_CATEGORIES.flatMap((category) => {
        const ratio = policy.conversions?.[category];
        return ratio ? [{ category, hours: ratio.hours, credits: ratio.credits }] : [];
      }),
    categoryCaps: (policy) =>
      CREDIT_CATEGORIES.flatMap((category) => {
        const cap = policy.categoryCapsMilli?.[category];
        return cap === undefined ? [] : [{ category, cap }];
      }),
    registerRoles: (policy) => policy.roles?.register ?? [],
    reviewRoles: (policy) => policy.roles?.review ?? [],
    verifyRoles: (policy) => policy.roles?.verify ?? [],
    reportRoles: (policy) => [...(policy.duties?.reportedBy ?? [])],
    sources: (policy) => policy.sources ?? [],
  },

  Teacher: {
    creditAccount: (teacher, { year }, { loaders }) => creditAccountView(loaders, teacher, year),
    creditRecords: ({ id }, { status }, { loaders }) => loaders.recordsByTeacher.load({ teacherId: id, status: status ?? null }),
    itTrainingHours: async ({ id }, _, { loaders }) =>
      (await loaders.itHours.load(id)).map((h) => ({ year: h.year, onlineHours: h.onlineHoursMilli, practiceHours: h.practiceHoursMilli })),
  },

  TrainingProject: {
    creditsAwarded: ({ id }, _, { loaders }) => loaders.creditsAwarded.load(id),
  },

  Region: {
    creditCompliance: async (region, { year }, { loaders }) => {
      const request = { regionCode: region.code, year: year ?? Number(todayInChina().slice(0, 4)) };
      validateComplianceRequest(request);
      const { batch, rows } = await loaders.compliance.load(request);
      return complianceView(batch, rows, region);
    },
  },
});
