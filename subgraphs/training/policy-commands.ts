import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { outOfScope } from '../../kit/access';
import { writeLock } from '../../kit/data-source';
import { once } from '../../kit/idempotency';
import { badInput, DomainError } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { isProvinceCode, provinceCodeOf } from '../../standards/region-code';
import type { ReviseTrainingPolicyInput } from './__generated__/resolvers-types';
import { recordedAt, trainingToday } from './clock';
import { TrainingIdempotencyKey, TrainingPolicyChange, TrainingPolicyRecord } from './entities';
import { loadTrainingPolicies, trainingPolicyById, type StoredTrainingPolicy } from './policies-store';
import { selectTrainingPolicy } from './rules/policies';
import type { TermCalendar } from './rules/policy';
import { changedFields, revisePolicy, type PolicyRevision } from './rules/policy-revision';

/** The caller as the audit names it. */
function actorOf(identity: Identity): string {
  return `${identity.role}:${identity.subject}`;
}

/** Province bureaus change their own province's policy only; SYSTEM any (the role is checked by the write policy). */
function assertMayEdit(identity: Identity, provinceCode: string): void {
  if (identity.role === 'PROVINCE_BUREAU' && provinceCodeOf(identity.regionCode ?? '') !== provinceCode) {
    throw outOfScope(`A province bureau revises only its own province's training policy, not province ${provinceCode}'s.`);
  }
}

function termOf(input: NonNullable<ReviseTrainingPolicyInput['terms']>[number]): TermCalendar {
  return {
    term: input.term.trim(),
    declaration: { from: input.declarationFrom, to: input.declarationTo },
    review: { from: input.reviewFrom, to: input.reviewTo },
    publishOn: input.publishOn,
    schoolDataUpdate: { from: input.schoolDataUpdateFrom, to: input.schoolDataUpdateTo },
    selection: { round1: { from: input.round1From, to: input.round1To }, round2: { from: input.round2From, to: input.round2To } },
    training: { from: input.trainingFrom, to: input.trainingTo },
  };
}

/** The revision's changes: only the keys the caller sent (an explicit null clears a rule). */
function changesOf(input: ReviseTrainingPolicyInput): PolicyRevision['changes'] {
  const changes: PolicyRevision['changes'] = {};
  const given = (key: keyof ReviseTrainingPolicyInput) => Object.prototype.hasOwnProperty.call(input, key) && input[key] !== undefined;
  if (given('declarationQuota')) {
    const quota = input.declarationQuota;
    const years = quota?.newlyAccreditedYears;
    const newcomers = quota?.newlyAccreditedQuota;
    if (quota && (years == null) !== (newcomers == null)) {
      throw badInput('Give newlyAccreditedYears and newlyAccreditedQuota together, or neither.', { field: 'declarationQuota', rule: 'NEWLY_ACCREDITED_PAIR' });
    }
    changes.declarationQuota = quota
      ? {
          levels: [...new Set(quota.levels)],
          perTermByKind: Object.fromEntries(quota.perKind.map((k) => [k.kind, k.quota])),
          newlyAccredited: years != null && newcomers != null ? { accreditedForLessThanYears: years, quota: newcomers } : null,
        }
      : null;
  }
  if (given('maxClassesPerLeaderPerTerm')) changes.maxClassesPerLeaderPerTerm = input.maxClassesPerLeaderPerTerm ?? null;
  if (given('minimumProvinceWideLeaderTitle')) changes.minimumProvinceWideLeaderTitle = input.minimumProvinceWideLeaderTitle ?? null;
  if (given('hybridOnlineCap')) changes.hybridOnlineCap = input.hybridOnlineCap ?? null;
  if (given('scheduleLeadDays')) changes.scheduleLeadDays = input.scheduleLeadDays ?? null;
  if (given('allowedFeeItems')) changes.allowedFeeItems = (input.allowedFeeItems?.map((i) => i.trim().toUpperCase()) ?? null) as never;
  if (given('specialAttentionCredits')) changes.specialAttentionCreditsMilli = input.specialAttentionCredits ?? null;
  if (input.trainersRequiredAtDeclaration != null) changes.trainersRequiredAtDeclaration = input.trainersRequiredAtDeclaration;
  if (given('reservedPlaces')) {
    changes.reservedPlaces = input.reservedPlaces ? { groups: [...new Set(input.reservedPlaces.groups.map((g) => g.trim().toUpperCase()))], sharePercent: input.reservedPlaces.sharePercent ?? null } : null;
  }
  if (input.terms) changes.terms = input.terms.map(termOf);
  return changes;
}

/**
 * reviseTrainingPolicy: a new version of the province's policy from `effectiveFrom`, built on
 * the one in force that day (none for a province's first), stored with its audit entry in one
 * transaction. Revisions of one province are serialised by locking its current versions.
 */
export async function reviseTrainingPolicy(
  dataSource: DataSource,
  identity: Identity,
  input: ReviseTrainingPolicyInput,
  idempotencyKey?: string | null,
): Promise<StoredTrainingPolicy> {
  // Two digits, or any code of the province (`510000`): the province is its first two digits.
  const provinceCode = provinceCodeOf(input.provinceCode.trim());
  if (!isProvinceCode(provinceCode)) {
    throw badInput(`${input.provinceCode} is not a GB/T 2260 province code such as 51.`, { field: 'provinceCode', rule: 'PROVINCE_CODE_FORMAT' });
  }
  assertMayEdit(identity, provinceCode);
  const revision: PolicyRevision = {
    provinceCode,
    name: input.name,
    citation: input.citation,
    effectiveFrom: input.effectiveFrom,
    changes: changesOf(input),
    sources: input.sources.map((s) => ({ field: s.field.trim(), source: s.source, confirmed: s.confirmed })),
  };
  const call = { keys: TrainingIdempotencyKey, mutation: 'reviseTrainingPolicy', identity, key: idempotencyKey, payload: input };
  return once(dataSource, call, async (manager) => {
    await manager.getRepository(TrainingPolicyRecord).find({ where: { provinceCode }, lock: writeLock(dataSource) });
    const policies = (await loadTrainingPolicies(manager)).filter((p) => p.provinceCode === provinceCode);
    let base: StoredTrainingPolicy | null = null;
    try {
      base = selectTrainingPolicy(policies, provinceCode, revision.effectiveFrom);
    } catch (error) {
      if (!(error instanceof DomainError) || error.extensions.code !== 'TRAINING_POLICY_NOT_CONFIGURED') throw error;
    }
    const id = `${provinceCode}-${revision.effectiveFrom}-${randomBytes(3).toString('hex')}`;
    const policy = revisePolicy(base, revision, id, trainingToday());
    const at = recordedAt();
    const actor = actorOf(identity);
    const record = { id, provinceCode, effectiveFrom: policy.effectiveFrom, rules: JSON.stringify(policy), recordedBy: actor, recordedAt: at, replacesId: base?.id ?? null };
    await manager.getRepository(TrainingPolicyRecord).insert(record);
    await manager.getRepository(TrainingPolicyChange).insert({
      id: randomUUID(),
      policyId: id,
      provinceCode,
      actor,
      recordedAt: at,
      beforeRules: base ? JSON.stringify(base) : null,
      afterRules: record.rules,
      changedFields: changedFields(base, policy).join(','),
    });
    return id;
  }, (id) => trainingPolicyById(dataSource, id));
}

/** The policy in force for a province on a day (default: the business day). */
export async function trainingPolicyInForce(policies: readonly StoredTrainingPolicy[], provinceCode: string, on: string | null | undefined): Promise<StoredTrainingPolicy> {
  return selectTrainingPolicy(policies, provinceCode.trim(), on ?? trainingToday());
}
