import { type DataSource, In } from 'typeorm';
import DataLoader from 'dataloader';
import { sumToMilli } from '../shared/decimal';
import { compositeLoader, rowLoader } from '../shared/loaders';
import { CreditPolicy, CreditRecord } from './entities';
import { cycleContaining, EARNED_STATUSES, PENDING_STATUSES, type Cycle } from './rules/cycle';

/** Province code of the national fallback policy. */
export const NATIONAL_POLICY_PROVINCE = '00';

export interface CycleTotals {
  earnedMilli: number;
  pendingMilli: number;
}

interface TotalsKey {
  teacherId: string;
  from: string;
  to: string;
}

/** Earned and pending credits of many teachers: one GROUP BY per distinct cycle in the batch. */
async function sumCredits(dataSource: DataSource, keys: readonly TotalsKey[]): Promise<CycleTotals[]> {
  const totals = new Map<string, CycleTotals>(keys.map((k) => [JSON.stringify(k), { earnedMilli: 0, pendingMilli: 0 }]));
  const cycles = new Map(keys.map((k) => [`${k.from}/${k.to}`, { from: k.from, to: k.to }]));
  for (const { from, to } of cycles.values()) {
    const teacherIds = keys.filter((k) => k.from === from && k.to === to).map((k) => k.teacherId);
    const rows: { teacherId: string; status: string; credits: unknown }[] = await dataSource
      .getRepository(CreditRecord)
      .createQueryBuilder('record')
      .select('record.teacher_id', 'teacherId')
      .addSelect('record.status', 'status')
      .addSelect('SUM(record.credits_milli)', 'credits')
      .where('record.teacher_id IN (:...teacherIds)', { teacherIds })
      .andWhere('record.earned_on BETWEEN :from AND :to', { from, to })
      .andWhere('record.status IN (:...statuses)', { statuses: [...EARNED_STATUSES, ...PENDING_STATUSES] })
      .groupBy('record.teacher_id')
      .addGroupBy('record.status')
      .getRawMany();
    for (const row of rows) {
      const target = totals.get(JSON.stringify({ teacherId: row.teacherId, from, to }))!;
      if ((EARNED_STATUSES as readonly string[]).includes(row.status)) target.earnedMilli += sumToMilli(row.credits);
      else target.pendingMilli += sumToMilli(row.credits);
    }
  }
  return keys.map((k) => totals.get(JSON.stringify(k))!);
}

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

interface RecordsOf {
  teacherId: string;
  status: string | null;
}

export function createLoaders(dataSource: DataSource) {
  const records = dataSource.getRepository(CreditRecord);
  const policies = dataSource.getRepository(CreditPolicy);
  return {
    recordById: rowLoader((ids: readonly string[]) => records.findBy({ id: In([...ids]) }), (r) => r.id),
    policyById: rowLoader((ids: readonly string[]) => policies.findBy({ id: In([...ids]) }), (p) => p.id),
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
    cycleTotals: compositeLoader<TotalsKey, CycleTotals>((keys) => sumCredits(dataSource, keys)),
    creditsAwarded: new DataLoader<string, number>((ids) => sumAwarded(dataSource, ids)),
    /** The national fallback policy in force on a date. */
    nationalPolicy: new DataLoader<string, CreditPolicy | null>(async (dates) => {
      const all = await policies.find({ where: { provinceCode: NATIONAL_POLICY_PROVINCE }, order: { effectiveFrom: 'DESC' } });
      return dates.map((date) => all.find((p) => p.effectiveFrom <= date) ?? null);
    }),
  };
}

export type CreditLoaders = ReturnType<typeof createLoaders>;

export function cycleOf(policy: CreditPolicy, year: number): Cycle {
  return cycleContaining(year, policy.cycleYears, policy.cycleStartYear);
}
