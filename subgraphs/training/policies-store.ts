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
 * Parsed versions by id. A version row is never changed (a revision is a new row), so what was
 * parsed once stays right: the hot paths (every selection, declaration, step) read only the
 * small columns and parse a policy's JSON once per process.
 */
const parsed = new Map<string, StoredTrainingPolicy>();

function storedOf(row: TrainingPolicyRecord): StoredTrainingPolicy {
  let policy = parsed.get(row.id);
  if (!policy) {
    policy = { ...(JSON.parse(row.rules) as TrainingPolicy), recordedBy: row.recordedBy, recordedAt: row.recordedAt, replacesId: row.replacesId };
    parsed.set(row.id, policy);
  }
  return policy;
}

const ORDER = { effectiveFrom: 'ASC', recordedAt: 'ASC', id: 'ASC' } as const;

/**
 * Every stored version, oldest first (effective date, then when recorded), so that
 * `selectTrainingPolicy` prefers the later revision among policies taking effect on one day.
 */
export async function loadTrainingPolicies(db: DataSource | EntityManager): Promise<StoredTrainingPolicy[]> {
  return (await db.getRepository(TrainingPolicyRecord).find({ order: ORDER })).map(storedOf);
}

/**
 * The policy in force on `on` for the province of `regionCode` (any GB/T 2260 code of it): the
 * province's versions are chosen on their dates alone, and only the chosen one's rules are read.
 */
export async function trainingPolicyFor(db: DataSource | EntityManager, regionCode: string, on: IsoDate): Promise<StoredTrainingPolicy> {
  const repository = db.getRepository(TrainingPolicyRecord);
  const provinceCode = provinceCodeOf(regionCode);
  const versions = await repository.find({ select: { id: true, provinceCode: true, effectiveFrom: true, recordedAt: true }, where: { provinceCode }, order: ORDER });
  // Dates only: enough to choose (rules/policies `selectTrainingPolicy` reads nothing else of them).
  const chosen = selectTrainingPolicy(versions as unknown as TrainingPolicy[], provinceCode, on);
  const cached = parsed.get(chosen.id);
  return cached ?? storedOf(await repository.findOneByOrFail({ id: chosen.id }));
}

/** One stored version by id (what a revision answered). */
export async function trainingPolicyById(db: DataSource | EntityManager, id: string): Promise<StoredTrainingPolicy> {
  return parsed.get(id) ?? storedOf(await db.getRepository(TrainingPolicyRecord).findOneByOrFail({ id }));
}
