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
  const versions = await db.getRepository(TrainingPolicyRecord).find({
    select: { id: true, provinceCode: true, effectiveFrom: true, recordedAt: true },
    where: { provinceCode: provinceCodeOf(regionCode) },
  });
  return chooseTrainingPolicy(db, versions, regionCode, on);
}

/**
 * The policy in force on `on` for the province of `regionCode`, chosen among `versions` (that
 * province's versions, read with at least their id, province and dates, in any order); only the
 * chosen one's rules are read, once per process.
 */
export async function chooseTrainingPolicy(
  db: DataSource | EntityManager,
  versions: readonly Pick<TrainingPolicyRecord, 'id' | 'provinceCode' | 'effectiveFrom' | 'recordedAt'>[],
  regionCode: string,
  on: IsoDate,
): Promise<StoredTrainingPolicy> {
  // Oldest first (effective date, then when recorded), so that a later revision wins a tie; dates only: enough to choose.
  const ordered = [...versions].sort((a, b) => compare(a.effectiveFrom, b.effectiveFrom) || compare(a.recordedAt, b.recordedAt) || compare(a.id, b.id));
  const chosen = selectTrainingPolicy(ordered as unknown as TrainingPolicy[], provinceCodeOf(regionCode), on);
  return trainingPolicyById(db, chosen.id);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One stored version by id (what a revision answered). */
export async function trainingPolicyById(db: DataSource | EntityManager, id: string): Promise<StoredTrainingPolicy> {
  return parsed.get(id) ?? storedOf(await db.getRepository(TrainingPolicyRecord).findOneByOrFail({ id }));
}
