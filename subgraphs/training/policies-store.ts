import type { DataSource, EntityManager } from 'typeorm';
import type { IsoDate } from '../../kit/date';
import { provinceCodeOf } from '../../standards/region-code';
import { TrainingPolicyRecord } from './entities';
import { selectTrainingPolicy } from './rules/policies';
import type { TrainingPolicy } from './rules/policy';

/** A policy with who recorded it, when, and the version it revised. */
export interface StoredTrainingPolicy extends TrainingPolicy {
  recordedBy: string;
  recordedAt: string;
  replacesId: string | null;
}

/**
 * Training policies as stored: a few rows per province, read whole in one statement. Oldest
 * first (effective date, then when recorded), so that `selectTrainingPolicy` prefers the later
 * revision among policies taking effect on the same day.
 */
export async function loadTrainingPolicies(db: DataSource | EntityManager): Promise<StoredTrainingPolicy[]> {
  const rows = await db.getRepository(TrainingPolicyRecord).find({ order: { effectiveFrom: 'ASC', recordedAt: 'ASC', id: 'ASC' } });
  return rows.map((row) => ({ ...(JSON.parse(row.rules) as TrainingPolicy), recordedBy: row.recordedBy, recordedAt: row.recordedAt, replacesId: row.replacesId }));
}

/** The policy in force on `on` for the province of `regionCode` (any GB/T 2260 code of it). */
export async function trainingPolicyFor(db: DataSource | EntityManager, regionCode: string, on: IsoDate): Promise<StoredTrainingPolicy> {
  return selectTrainingPolicy(await loadTrainingPolicies(db), provinceCodeOf(regionCode), on);
}
