import { scopeCondition } from '../shared/access';
import { DateScalar, todayInChina } from '../shared/date';
import { DecimalScalar } from '../shared/decimal';
import { DomainError, ErrorCode } from '../shared/errors';
import { paginate, type PageArgs } from '../shared/pagination';
import type { Resolvers, SubgraphContext } from '../shared/subgraph';
import { RECORD_SCOPE } from './access';
import { CreditPolicy, CreditRecord } from './entities';
import { cycleOf, type CreditLoaders } from './loaders';
import { remainingCredits } from './rules/cycle';

type Context = SubgraphContext<CreditLoaders>;

interface RecordFilter {
  teacherId?: string | null;
  status?: string | null;
  source?: string | null;
  category?: string | null;
  earnedFrom?: string | null;
  earnedTo?: string | null;
}

export const resolvers: Resolvers<CreditLoaders> = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    creditRecord: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.recordById.load(id),
    creditRecords: (_: unknown, args: PageArgs & { filter?: RecordFilter | null }, { dataSource, identity }: Context) => {
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
    creditPolicy: (_: unknown, { id }: { id: string }, { loaders }: Context) => loaders.policyById.load(id),
    creditPolicies: (_: unknown, { provinceCode }: { provinceCode: string }, { dataSource }: Context) =>
      dataSource.getRepository(CreditPolicy).find({ where: { provinceCode }, order: { effectiveFrom: 'DESC' } }),
  },

  CreditRecord: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.recordById.load(ref.id),
    teacher: (record: CreditRecord) => ({ __typename: 'Teacher', id: record.teacherId }),
    onlineHours: (record: CreditRecord) => record.onlineHoursMilli,
    offlineHours: (record: CreditRecord) => record.offlineHoursMilli,
    credits: (record: CreditRecord) => record.creditsMilli,
    trainingProject: (record: CreditRecord) =>
      record.trainingProjectId ? { __typename: 'TrainingProject', id: record.trainingProjectId } : null,
    policy: (record: CreditRecord, _: unknown, { loaders }: Context) => (record.policyId ? loaders.policyById.load(record.policyId) : null),
  },

  CreditPolicy: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.policyById.load(ref.id),
    requiredPerCycle: (policy: CreditPolicy) => policy.requiredPerCycleMilli,
    requiredPerYear: (policy: CreditPolicy) => policy.requiredPerYearMilli,
  },

  Teacher: {
    creditAccount: async ({ id }: { id: string }, { year }: { year?: number | null }, { loaders }: Context) => {
      const asOfYear = year ?? Number(todayInChina().slice(0, 4));
      const policy = await loaders.nationalPolicy.load(`${asOfYear}-12-31`);
      if (!policy) throw new DomainError(ErrorCode.NotFound, `No credit policy is in force in ${asOfYear}.`);
      const cycle = cycleOf(policy, asOfYear);
      const totals = await loaders.cycleTotals.load({ teacherId: id, from: cycle.from, to: cycle.to });
      return {
        cycleStartYear: cycle.startYear,
        cycleEndYear: cycle.endYear,
        required: policy.requiredPerCycleMilli,
        earned: totals.earnedMilli,
        pending: totals.pendingMilli,
        remaining: remainingCredits(policy.requiredPerCycleMilli, totals.earnedMilli),
      };
    },
    creditRecords: ({ id }: { id: string }, { status }: { status?: string | null }, { loaders }: Context) =>
      loaders.recordsByTeacher.load({ teacherId: id, status: status ?? null }),
  },

  TrainingProject: {
    creditsAwarded: ({ id }: { id: string }, _: unknown, { loaders }: Context) => loaders.creditsAwarded.load(id),
  },
};
