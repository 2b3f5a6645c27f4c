import { assertRole, scopeCondition } from '../../kit/access';
import { DateScalar, todayInChina } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { badInput } from '../../kit/errors';
import { paginate, type PageArgs } from '../../kit/pagination';
import type { Resolvers, SubgraphContext } from '../../kit/subgraph';
import { RECORD_SCOPE } from './access';
import { creditAccountView } from './account-view';
import { registerCompletionCredits, registerCredit, transitionRecord, type CompletionCreditsInput, type RegisterCreditInput } from './commands';
import { CreditAuditEntry, CreditPolicy, CreditRecord } from './entities';
import { importCreditFile, IMPORT_ROLES, MAX_GRAPHQL_IMPORT_BYTES } from './import';
import type { CreditLoaders } from './loaders';
import { complianceView, listAuditEntries, type AuditFilter, type TeacherCounts } from './queries';
import { validateComplianceRequest } from './rules/compliance';
import { requireGraphAccess, type GraphAccess } from './graph-access';

type Context = SubgraphContext<CreditLoaders>;

interface RecordFilter {
  teacherId?: string | null;
  status?: string | null;
  source?: string | null;
  category?: string | null;
  earnedFrom?: string | null;
  earnedTo?: string | null;
}

const entries = <V>(record: Record<string, V> | null | undefined) => Object.entries(record ?? {});

/** What a deployment gives the credits subgraph beyond its database. */
export interface CreditsConfig {
  /** Other slices as the graph shows them (imports, institutions' completions); read per call so configuration can arrive late. */
  graph: () => GraphAccess | null;
}

export const createResolvers = ({ graph }: CreditsConfig): Resolvers<CreditLoaders> => ({
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
    creditAuditEntries: (_: unknown, args: PageArgs & { filter: AuditFilter }, { dataSource, identity }: Context) =>
      listAuditEntries(dataSource, identity, args),
  },

  Mutation: {
    registerCredit: (_: unknown, { input }: { input: RegisterCreditInput }, { dataSource, identity }: Context) =>
      registerCredit(dataSource, identity, input),
    reviewCreditRecord: (_: unknown, args: { id: string; decision: 'APPROVE' | 'REJECT'; reason?: string | null }, { dataSource, identity }: Context) =>
      transitionRecord(dataSource, identity, args.id, args.decision, args.reason),
    verifyCreditRecord: (_: unknown, { id }: { id: string }, { dataSource, identity }: Context) => transitionRecord(dataSource, identity, id, 'VERIFY'),
    revokeCreditRecord: (_: unknown, { id, reason }: { id: string; reason: string }, { dataSource, identity }: Context) =>
      transitionRecord(dataSource, identity, id, 'REVOKE', reason),
    registerCompletionCredits: (_: unknown, { input }: { input: CompletionCreditsInput }, { dataSource, identity }: Context) =>
      registerCompletionCredits(dataSource, identity, input, graph),
    importCreditRecords: async (
      _: unknown,
      { input }: { input: { fileName: string; contentBase64: string; allOrNothing?: boolean | null } },
      { dataSource, identity }: Context,
    ) => {
      assertRole(identity, IMPORT_ROLES, 'import credit records');
      if (input.contentBase64.length > Math.ceil(MAX_GRAPHQL_IMPORT_BYTES / 3) * 4) {
        throw badInput(`The file is larger than ${MAX_GRAPHQL_IMPORT_BYTES} bytes: use \`npm run import -- credits FILE\`.`, {
          field: 'contentBase64',
          rule: 'FILE_TOO_LARGE',
        });
      }
      const buffer = Buffer.from(input.contentBase64, 'base64');
      return importCreditFile(dataSource, identity, { fileName: input.fileName, buffer }, {
        allOrNothing: input.allOrNothing ?? false,
        teachers: requireGraphAccess(graph(), 'Imported rows').teachers,
      });
    },
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
    history: (record: CreditRecord, _: unknown, { loaders }: Context) => loaders.historyByRecord.load(record.id),
  },

  CreditAuditEntry: {
    record: (entry: CreditAuditEntry, _: unknown, { loaders }: Context) => loaders.recordById.load(entry.recordId),
    from: (entry: CreditAuditEntry) => entry.fromStatus,
    to: (entry: CreditAuditEntry) => entry.toStatus,
  },

  CreditPolicy: {
    __resolveReference: (ref: { id: string }, { loaders }: Context) => loaders.policyById.load(ref.id),
    requiredPerCycle: (policy: CreditPolicy) => policy.requiredPerCycleMilli,
    requiredPerYear: (policy: CreditPolicy) => policy.requiredPerYearMilli,
    conversions: (policy: CreditPolicy) =>
      entries(policy.conversions)
        .filter(([, ratio]) => ratio)
        .map(([category, ratio]) => ({ category, hours: ratio!.hours, credits: ratio!.credits })),
    categoryCaps: (policy: CreditPolicy) => entries(policy.categoryCapsMilli).map(([category, cap]) => ({ category, cap })),
    registerRoles: (policy: CreditPolicy) => policy.roles?.register ?? [],
    reviewRoles: (policy: CreditPolicy) => policy.roles?.review ?? [],
    verifyRoles: (policy: CreditPolicy) => policy.roles?.verify ?? [],
    sources: (policy: CreditPolicy) => policy.sources ?? [],
  },

  Teacher: {
    creditAccount: (teacher: { id: string; retirementDate?: string | null }, { year }: { year?: number | null }, { loaders }: Context) =>
      creditAccountView(loaders, teacher, year),
    creditRecords: ({ id }: { id: string }, { status }: { status?: string | null }, { loaders }: Context) =>
      loaders.recordsByTeacher.load({ teacherId: id, status: status ?? null }),
    itTrainingHours: async ({ id }: { id: string }, _: unknown, { loaders }: Context) =>
      (await loaders.itHours.load(id)).map((h) => ({ year: h.year, onlineHours: h.onlineHoursMilli, practiceHours: h.practiceHoursMilli })),
  },

  TrainingProject: {
    creditsAwarded: ({ id }: { id: string }, _: unknown, { loaders }: Context) => loaders.creditsAwarded.load(id),
  },

  Region: {
    creditCompliance: async (region: { code: string; teacherCounts?: TeacherCounts | null }, args: { year?: number | null }, { loaders }: Context) => {
      const request = { regionCode: region.code, year: args.year ?? Number(todayInChina().slice(0, 4)) };
      validateComplianceRequest(request);
      const { batch, rows } = await loaders.compliance.load(request);
      return complianceView(batch, rows, region);
    },
  },
});
