import { parseIsoDate, type IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';
import type { FeeItem, TermCalendar, TrainingPolicy, TrainingPolicySource } from './policy';
import { RESERVED_GROUPS } from './reserved-places';

/**
 * A province bureau's revision of its training policy: the values it gives replace the base
 * policy's (the one in force on the new `effectiveFrom`), an explicit null clears a rule
 * ("not configured"), a value left out is kept. Pure: the command stores the result.
 */
export interface PolicyRevision {
  provinceCode: string;
  name: string;
  citation: string;
  effectiveFrom: IsoDate;
  /** Only the keys present are changed; `null` clears the rule. */
  changes: Partial<
    Pick<
      TrainingPolicy,
      | 'declarationQuota'
      | 'maxClassesPerLeaderPerTerm'
      | 'minimumProvinceWideLeaderTitle'
      | 'scheduleLeadDays'
      | 'allowedFeeItems'
      | 'specialAttentionCreditsMilli'
      | 'trainersRequiredAtDeclaration'
      | 'reservedPlaces'
    >
  > & { hybridOnlineCap?: TrainingPolicy['hybridOnlineCaps']['other']; terms?: readonly TermCalendar[] };
  sources: readonly TrainingPolicySource[];
}

const FEE_ITEMS: readonly string[] = ['TRAINING', 'ACCOMMODATION', 'MEALS'];

function wholeNumber(value: number | null | undefined, field: string, min: number): void {
  if (value === null || value === undefined) return;
  if (!Number.isSafeInteger(value) || value < min) {
    throw badInput(`${field} must be a whole number of at least ${min}, not ${value}.`, { field, rule: 'POLICY_NUMBER' });
  }
}

function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(`${field} must not be empty.`, { field, rule: 'REQUIRED' });
  return trimmed;
}

/** Every step of a term in order: declaration, review, publication, selection rounds, training. */
function checkTerm(calendar: TermCalendar): void {
  const field = `terms.${calendar.term}`;
  if (!/^\d{4}H[12]$/.test(calendar.term)) {
    throw badInput(`Term ${calendar.term} must be written YYYYH1 or YYYYH2.`, { field: 'terms.term', rule: 'TERM_FORMAT' });
  }
  const steps: [string, IsoDate, IsoDate][] = [
    ['declaration', calendar.declaration.from, calendar.declaration.to],
    ['review', calendar.review.from, calendar.review.to],
    ['publishOn', calendar.publishOn, calendar.publishOn],
    ['selection.round1', calendar.selection.round1.from, calendar.selection.round1.to],
    ['selection.round2', calendar.selection.round2.from, calendar.selection.round2.to],
    ['training', calendar.training.from, calendar.training.to],
  ];
  parseIsoDate(calendar.schoolDataUpdate.from);
  parseIsoDate(calendar.schoolDataUpdate.to);
  let previousEnd: IsoDate | null = null;
  for (const [step, from, to] of steps) {
    parseIsoDate(from);
    parseIsoDate(to);
    if (to < from || (previousEnd !== null && from < previousEnd)) {
      throw badInput(`In ${calendar.term}, ${step} (${from} to ${to}) must not end before it starts nor start before the step before it ends.`, {
        field,
        rule: 'TERM_STEPS_OUT_OF_ORDER',
      });
    }
    previousEnd = to;
  }
}

/** The new version: `base` (null for a province's first policy) with the revision applied, checked; it takes effect on `today` or later. */
export function revisePolicy(base: TrainingPolicy | null, revision: PolicyRevision, id: string, today: IsoDate): TrainingPolicy {
  const { changes } = revision;
  parseIsoDate(revision.effectiveFrom);
  // What was decided under a policy stays decided under it: a revision takes effect from today on.
  if (revision.effectiveFrom < today) {
    throw badInput(`A revision takes effect from today (${today}) on, not from ${revision.effectiveFrom}: steps already taken stay judged by the policy then in force.`, {
      field: 'effectiveFrom',
      rule: 'EFFECTIVE_FROM_PAST',
    });
  }
  if (revision.sources.length === 0) {
    throw badInput('Name the source of the values given (at least one).', { field: 'sources', rule: 'SOURCE_REQUIRED' });
  }
  wholeNumber(changes.maxClassesPerLeaderPerTerm, 'maxClassesPerLeaderPerTerm', 1);
  wholeNumber(changes.scheduleLeadDays, 'scheduleLeadDays', 0);
  wholeNumber(changes.specialAttentionCreditsMilli, 'specialAttentionCredits', 0);
  const quota = changes.declarationQuota;
  if (quota) {
    for (const [kind, value] of Object.entries(quota.perTermByKind)) wholeNumber(value, `declarationQuota.perKind.${kind}`, 0);
    if (quota.newlyAccredited) {
      wholeNumber(quota.newlyAccredited.accreditedForLessThanYears, 'declarationQuota.newlyAccreditedYears', 1);
      wholeNumber(quota.newlyAccredited.quota, 'declarationQuota.newlyAccreditedQuota', 0);
    }
    if (quota.levels.length === 0) throw badInput('A quota binds at least one level.', { field: 'declarationQuota.levels', rule: 'REQUIRED' });
  }
  const cap = changes.hybridOnlineCap;
  if (cap && (!Number.isSafeInteger(cap.numerator) || !Number.isSafeInteger(cap.denominator) || cap.numerator < 0 || cap.denominator < 1 || cap.numerator > cap.denominator)) {
    throw badInput(`An online share must be between 0/1 and 1/1, not ${cap.numerator}/${cap.denominator}.`, { field: 'hybridOnlineCap', rule: 'POLICY_SHARE' });
  }
  const fees = changes.allowedFeeItems;
  if (fees) {
    const unknown = fees.find((item) => !FEE_ITEMS.includes(item));
    if (unknown !== undefined) {
      throw badInput(`Fee item ${unknown} is not one of ${FEE_ITEMS.join(', ')}.`, { field: 'allowedFeeItems', rule: 'FEE_ITEM_UNKNOWN' });
    }
  }
  for (const term of changes.terms ?? []) checkTerm(term);
  const reserved = changes.reservedPlaces;
  if (reserved) {
    const unknown = reserved.groups.find((group) => !RESERVED_GROUPS[group]);
    if (unknown !== undefined || reserved.groups.length === 0) {
      throw badInput(`Reserved places are for ${Object.keys(RESERVED_GROUPS).join(' or ')}${unknown !== undefined ? `, not ${unknown}` : ': name at least one group'}.`, {
        field: 'reservedPlaces.groups',
        rule: 'RESERVED_GROUP_UNKNOWN',
      });
    }
    if (reserved.sharePercent !== null && (!Number.isSafeInteger(reserved.sharePercent) || reserved.sharePercent < 1 || reserved.sharePercent > 99)) {
      throw badInput(`A reserved share is a whole percentage from 1 to 99, or null when the notice gives none; not ${reserved.sharePercent}.`, {
        field: 'reservedPlaces.sharePercent',
        rule: 'POLICY_SHARE',
      });
    }
  }

  const has = (key: keyof PolicyRevision['changes']) => Object.prototype.hasOwnProperty.call(changes, key) && changes[key] !== undefined;
  const pick = <K extends keyof TrainingPolicy>(key: K & keyof PolicyRevision['changes'], fallback: TrainingPolicy[K]): TrainingPolicy[K] =>
    has(key) ? (changes[key] as unknown as TrainingPolicy[K]) : base ? base[key] : fallback;
  const terms: Record<string, TermCalendar> = { ...(base?.terms ?? {}) };
  for (const term of changes.terms ?? []) terms[term.term] = term;
  const replaced = new Set(revision.sources.map((s) => s.field));
  return {
    id,
    provinceCode: revision.provinceCode,
    name: text(revision.name, 'name'),
    citation: text(revision.citation, 'citation'),
    effectiveFrom: revision.effectiveFrom,
    declarationQuota: pick('declarationQuota', null),
    maxClassesPerLeaderPerTerm: pick('maxClassesPerLeaderPerTerm', null),
    provinceWideLevels: base?.provinceWideLevels ?? ['NATIONAL', 'PROVINCIAL'],
    minimumProvinceWideLeaderTitle: pick('minimumProvinceWideLeaderTitle', null),
    hybridOnlineCaps: {
      fullCourse: base?.hybridOnlineCaps.fullCourse ?? null,
      other: has('hybridOnlineCap') ? (changes.hybridOnlineCap ?? null) : (base?.hybridOnlineCaps.other ?? null),
    },
    scheduleLeadDays: pick('scheduleLeadDays', null),
    allowedFeeItems: pick('allowedFeeItems', null) as readonly FeeItem[] | null,
    specialAttentionCreditsMilli: pick('specialAttentionCreditsMilli', null),
    trainersRequiredAtDeclaration: pick('trainersRequiredAtDeclaration', false),
    reservedPlaces: pick('reservedPlaces', null),
    terms,
    // The revision's sources replace the base's for the same fields; the others carry over.
    sources: [...(base?.sources ?? []).filter((s) => !replaced.has(s.field)), ...revision.sources.map((s) => ({ ...s, source: text(s.source, 'sources.source') }))],
  };
}

/** Top-level fields whose values differ between two versions (for the audit). */
export function changedFields(before: TrainingPolicy | null, after: TrainingPolicy): string[] {
  const keys = Object.keys(after) as (keyof TrainingPolicy)[];
  return keys.filter((key) => key !== 'id' && JSON.stringify(before?.[key] ?? null) !== JSON.stringify(after[key]));
}
