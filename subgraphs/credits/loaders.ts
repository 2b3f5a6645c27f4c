import { type DataSource, In } from 'typeorm';
import DataLoader from 'dataloader';
import { sumToMilli } from '../../kit/decimal';
import { compositeLoader, groupLoader, rowLoader, tracedBatch } from '../../kit/loaders';
import { CreditAuditEntry, CreditPolicy, CreditRecord } from './entities';
import { loadPolicySet, type PolicySet } from './policies-store';
import { todayInChina } from '../../kit/date';
import { countCompliance } from './queries';
import { planCompliance, type ComplianceBatch, type ComplianceRequest, type CountyComplianceRow } from './rules/compliance';
import { cycleContaining, EARNED_STATUSES, type Cycle } from './rules/cycle';
import type { CreditCategory, CreditRecordStatus } from './__generated__/resolvers-types';

/** Approved and verified credits per training project. */
async function sumAwarded(dataSource: DataSource, projectIds: readonly string[]): Promise<number[]> {
  const rows: { projectId: string; credits: unknown }[] = await dataSource
    .getRepository(CreditRecord)
    .createQueryBuilder('record')
    .select('record.training_project_id', 'projectId')
    .addSelect('SUM(record.credits_milli)', 'credits')
    .where('record.training_project_id IN (:...projectIds)', { projectIds })
    .andWhere('record.status IN (:...statuses)', { statuses: [...EARNED_STATUSES] })
    .groupBy('record.training_project_id')
    .getRawMany();
  const byProject = new Map(rows.map((r) => [r.projectId, sumToMilli(r.credits)]));
  return projectIds.map((id) => byProject.get(id) ?? 0);
}

/** Categories whose hours make up the IT application capability programme. */
export const IT_CATEGORIES: readonly CreditCategory[] = ['IT_ONLINE', 'IT_PRACTICE'];

export interface ItHours {
  year: number;
  onlineHoursMilli: number;
  practiceHoursMilli: number;
}

/** IT hours per teacher and year of earnedOn, in one GROUP BY for the whole batch. */
async function sumItHours(dataSource: DataSource, teacherIds: readonly string[]): Promise<ItHours[][]> {
  const year = 'SUBSTR(record.earned_on, 1, 4)';
  const rows: { teacherId: string; year: unknown; online: unknown; offline: unknown }[] = await dataSource
    .getRepository(CreditRecord)
    .createQueryBuilder('record')
    .select('record.teacher_id', 'teacherId')
    .addSelect(year, 'year')
    .addSelect('SUM(record.online_hours_milli)', 'online')
    .addSelect('SUM(record.offline_hours_milli)', 'offline')
    .where('record.teacher_id IN (:...teacherIds)', { teacherIds })
    .andWhere('record.category IN (:...categories)', { categories: [...IT_CATEGORIES] })
    .andWhere('record.status IN (:...statuses)', { statuses: [...EARNED_STATUSES] })
    .groupBy('record.teacher_id')
    .addGroupBy(year)
    .getRawMany();
  const byTeacher = new Map<string, ItHours[]>(teacherIds.map((id) => [id, []]));
  for (const row of rows) {
    byTeacher.get(row.teacherId)?.push({ year: Number(row.year), onlineHoursMilli: sumToMilli(row.online), practiceHoursMilli: sumToMilli(row.offline) });
  }
  return teacherIds.map((id) => byTeacher.get(id)!.sort((a, b) => a.year - b.year));
}

interface RecordsOf {
  teacherId: string;
  status: CreditRecordStatus | null;
}

export function createLoaders(dataSource: DataSource) {
  const records = dataSource.getRepository(CreditRecord);
  const policies = dataSource.getRepository(CreditPolicy);
  let policySet: Promise<PolicySet> | undefined;
  return {
    recordById: rowLoader((ids: readonly string[]) => records.findBy({ id: In([...ids]) }), (r) => r.id),
    policyById: rowLoader((ids: readonly string[]) => policies.findBy({ id: In([...ids]) }), (p) => p.id),
    /** Every policy, read once per request. */
    policies: (): Promise<PolicySet> => (policySet ??= loadPolicySet(dataSource)),
    /** A teacher's records (all of them when `status` is null), newest first: one query per batch and status. */
    recordsByTeacher: compositeLoader<RecordsOf, CreditRecord[]>(async (keys) => {
      const byKey = new Map<string, CreditRecord[]>(keys.map((k) => [JSON.stringify(k), []]));
      for (const status of new Set(keys.map((k) => k.status))) {
        const teacherIds = keys.filter((k) => k.status === status).map((k) => k.teacherId);
        const rows = await records.find({
          where: { teacherId: In(teacherIds), ...(status ? { status } : {}) },
          order: { earnedOn: 'DESC', id: 'ASC' },
        });
        for (const row of rows) byKey.get(JSON.stringify({ teacherId: row.teacherId, status }))?.push(row);
      }
      return keys.map((k) => byKey.get(JSON.stringify(k)) ?? []);
    }),
    historyByRecord: groupLoader(
      (ids: readonly string[]) => dataSource.getRepository(CreditAuditEntry).find({ where: { recordId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
      (entry) => entry.recordId,
    ),
    itHours: new DataLoader<string, ItHours[]>(tracedBatch('itHours', (ids) => sumItHours(dataSource, ids))),
    creditsAwarded: new DataLoader<string, number>(tracedBatch('creditsAwarded', (ids) => sumAwarded(dataSource, ids))),
    /** Compliance counts of every region asked for in a request: one statement per province, cycle and day judged. */
    compliance: new DataLoader<ComplianceRequest, { batch: ComplianceBatch; rows: CountyComplianceRow[] }, string>(
      async (requests) => {
        const { rules } = await (policySet ??= loadPolicySet(dataSource));
        const batches = planCompliance(rules, requests, todayInChina());
        const results = await Promise.all(batches.map(async (batch) => ({ batch, rows: await countCompliance(dataSource, batch) })));
        const byRequest = new Map(results.flatMap((result) => result.batch.requests.map((request) => [request, result] as const)));
        return requests.map((request) => byRequest.get(request)!);
      },
      { cacheKeyFn: (request) => `${request.regionCode}|${request.year}` },
    ),
  };
}

export type CreditLoaders = ReturnType<typeof createLoaders>;

export function cycleOf(policy: { cycleYears: number; cycleStartYear: number }, year: number): Cycle {
  return cycleContaining(year, policy.cycleYears, policy.cycleStartYear);
}
