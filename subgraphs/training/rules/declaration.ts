import { addYears, parseIsoDate, type IsoDate } from '../../../kit/date';
import { formatMilli } from '../../../kit/decimal';
import { badInput, DomainError } from '../../../kit/errors';
import type {
  InstitutionKind,
  ProfessionalTitle,
  TeachingStage,
  TrainingLevel,
  TrainingMode,
  TrainingProjectStatus,
} from '../__generated__/resolvers-types';
import { describeWindow, isWithinWindow, TITLE_NAMES, titleAtLeast, type Fraction, type TermCalendar, type TrainingPolicy } from './policy';
import { submissionWindow } from './project-workflow';

/** Who a project is for. Empty `subjects` or `regionPrefixes` means any; `stages` must not be empty. */
export interface Audience {
  stages: readonly TeachingStage[];
  subjects: readonly string[];
  /** GB/T 2260 prefixes, e.g. `33` (all Zhejiang) or `3301` (Hangzhou). */
  regionPrefixes: readonly string[];
}

/** One fee item per trainee; `item` is free text so that unlisted items can be refused. */
export interface FeeLine {
  item: string;
  amountMilli: number;
}

/** 项目申报: what an institution declares. Credits and fees in thousandths. */
export interface Declaration {
  term: string;
  level: TrainingLevel;
  mode: TrainingMode;
  totalCreditsMilli: number;
  onlineCreditsMilli: number;
  /** 项目负责人; `institutionId` is the body that employs the leader. */
  leader: { name: string; title: ProfessionalTitle; institutionId: string };
  /** 班期 in this declaration, all led by its leader. */
  classCount: number;
  fees: readonly FeeLine[];
  audience: Audience;
  /** 专家: trainers entered with the declaration. */
  trainerCount: number;
}

export interface DeclaringInstitution {
  id: string;
  name: string;
  kind: InstitutionKind;
  accreditedSince: IsoDate;
}

export interface DeclarationContext {
  institution: DeclaringInstitution;
  calendar: TermCalendar;
  /** The day of submission (China Standard Time). */
  on: IsoDate;
  /** Resubmission of a REJECTED project, which has a longer window (see `submissionWindow`). */
  resubmission: boolean;
  /** Classes the leader already leads in the term, not counting this declaration's. */
  leaderClassesInTerm: number;
  /**
   * The institution's projects in the term whose status is in `QUOTA_COUNTED_STATUSES`,
   * not counting this declaration.
   */
  institutionDeclarationsInTerm: number;
}

/**
 * Declarations that use up a quota place. Drafts are not declared yet; a rejected project
 * gives its place back until it is resubmitted, when it is checked against the quota again.
 */
export const QUOTA_COUNTED_STATUSES: readonly TrainingProjectStatus[] = ['SUBMITTED', 'APPROVED', 'PUBLISHED', 'CLOSED'];

export interface DeclarationQuota {
  quota: number;
  /** Why this quota: the institution's kind, or its recent accreditation. */
  basis: InstitutionKind | 'NEWLY_ACCREDITED';
}

/**
 * The institution's quota of projects in the term, or null when none applies. An institution
 * accredited less than a year before the declaration window opens gets the newcomers' quota
 * whatever its kind; exactly one year (same calendar day, 29 February → 28 February) is no
 * longer "less than a year", so the kind's quota applies.
 */
export function declarationQuotaFor(institution: DeclaringInstitution, calendar: TermCalendar, policy: TrainingPolicy): DeclarationQuota | null {
  if (policy.declarationQuota === null) return null;
  const { newlyAccredited, perTermByKind } = policy.declarationQuota;
  if (newlyAccredited && addYears(institution.accreditedSince, newlyAccredited.accreditedForLessThanYears) > calendar.declaration.from) {
    return { quota: newlyAccredited.quota, basis: 'NEWLY_ACCREDITED' };
  }
  const quota = perTermByKind[institution.kind];
  return quota === undefined ? null : { quota, basis: institution.kind };
}

/**
 * True when a project of `level` uses up a place of the province's declaration quota: Zhejiang's
 * quotas bind projects 面向全省 only; city and county projects are outside them.
 */
export function countsAgainstQuota(level: TrainingLevel, policy: TrainingPolicy): boolean {
  return policy.declarationQuota !== null && policy.declarationQuota.levels.includes(level);
}

/**
 * The largest online share of a hybrid project: the provincial 90-credit cap (1/4 in
 * Zhejiang) for projects of its levels with at least its credits, the general cap otherwise.
 */
export function onlineShareCap(project: { level: TrainingLevel; totalCreditsMilli: number }, policy: TrainingPolicy): { cap: Fraction; appliesTo: string } | null {
  const { fullCourse, other } = policy.hybridOnlineCaps;
  if (fullCourse && fullCourse.levels.includes(project.level) && project.totalCreditsMilli >= fullCourse.minTotalCreditsMilli) {
    return { cap: fullCourse.cap, appliesTo: `a ${project.level.toLowerCase()} ${formatMilli(fullCourse.minTotalCreditsMilli)}-credit project` };
  }
  return other ? { cap: other, appliesTo: 'a hybrid project' } : null;
}

/** Every violated rule, in the order `checkDeclaration` reports them; empty when the declaration may be submitted. */
export function declarationViolations(declaration: Declaration, context: DeclarationContext, policy: TrainingPolicy): DomainError[] {
  assertWellFormed(declaration, context);
  const checks = [
    windowViolation(context, policy),
    leaderStaffViolation(declaration, context),
    leaderTitleViolation(declaration, policy),
    leaderClassViolation(declaration, context, policy),
    quotaViolation(declaration, context, policy),
    creditsViolation(declaration, policy),
    ...feeViolations(declaration, policy),
    audienceViolation(declaration),
    trainersViolation(declaration, policy),
  ];
  // Every refusal names the policy it was judged under, so a caller sees which province's notice applied.
  return checks
    .filter((error): error is DomainError => error !== null)
    .map((error) => new DomainError(String(error.extensions.code), error.message, { ...error.extensions, policyId: policy.id, citation: policy.citation }));
}

/** Throws the first violated rule of `declarationViolations`. */
export function checkDeclaration(declaration: Declaration, context: DeclarationContext, policy: TrainingPolicy): void {
  const [first] = declarationViolations(declaration, context, policy);
  if (first) throw first;
}

function violation(code: string, message: string, numbers: Record<string, unknown>): DomainError {
  return new DomainError(code, message, { rule: code, ...numbers });
}

/** Malformed numbers are input errors, not rule violations: they stop the check at once. */
function assertWellFormed(declaration: Declaration, context: DeclarationContext): void {
  parseIsoDate(context.on);
  parseIsoDate(context.institution.accreditedSince);
  const counts: [string, number][] = [
    ['classCount', declaration.classCount],
    ['leaderClassesInTerm', context.leaderClassesInTerm],
    ['institutionDeclarationsInTerm', context.institutionDeclarationsInTerm],
  ];
  for (const [field, value] of counts) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw badInput(`${field} must be a whole number of at least 0, not ${value}.`, { field, rule: 'COUNT_FORMAT' });
    }
  }
  if (declaration.classCount < 1) {
    throw badInput('A declaration needs at least one class (班期).', { field: 'classCount', rule: 'CLASS_COUNT_MISSING' });
  }
  const milli: [string, number][] = [
    ['totalCredits', declaration.totalCreditsMilli],
    ['onlineCredits', declaration.onlineCreditsMilli],
    ...declaration.fees.map((fee): [string, number] => [`fees.${fee.item}`, fee.amountMilli]),
  ];
  for (const [field, value] of milli) {
    if (!Number.isSafeInteger(value)) {
      throw badInput(`${field} must be a whole number of thousandths, not ${value}.`, { field, rule: 'DECIMAL_FORMAT' });
    }
  }
  const items = declaration.fees.map((fee) => fee.item);
  const repeated = items.find((item, index) => items.indexOf(item) !== index);
  if (repeated !== undefined) {
    throw badInput(`Fee item ${repeated} is listed twice; give each item once.`, { field: 'fees', rule: 'FEE_ITEM_DUPLICATE' });
  }
}

function windowViolation(context: DeclarationContext, policy: TrainingPolicy): DomainError | null {
  const window = submissionWindow(context.calendar, context.resubmission ? 'REJECTED' : 'DRAFT');
  if (isWithinWindow(window, context.on)) return null;
  const what = context.resubmission ? 'Resubmissions' : 'Declarations';
  return violation(
    'OUTSIDE_WINDOW',
    `${what} for term ${context.calendar.term} are accepted from ${describeWindow(window)}; today is ${context.on} (${policy.citation}).`,
    { from: window.from, to: window.to, on: context.on },
  );
}

function leaderStaffViolation(declaration: Declaration, context: DeclarationContext): DomainError | null {
  if (declaration.leader.institutionId === context.institution.id) return null;
  return violation(
    'LEADER_NOT_STAFF',
    `Leader ${declaration.leader.name} is not staff of ${context.institution.name}; a project's leader must work for the declaring institution.`,
    { leaderInstitutionId: declaration.leader.institutionId, institutionId: context.institution.id },
  );
}

function leaderTitleViolation(declaration: Declaration, policy: TrainingPolicy): DomainError | null {
  const minimum = policy.minimumProvinceWideLeaderTitle;
  const { name, title } = declaration.leader;
  if (minimum === null || !policy.provinceWideLevels.includes(declaration.level) || titleAtLeast(title, minimum)) return null;
  return violation(
    'LEADER_TITLE_TOO_LOW',
    `Leader ${name} holds ${title} (${TITLE_NAMES[title]}); the leader of a province-wide ${declaration.level} project must hold at least ${minimum} (${TITLE_NAMES[minimum]}) (${policy.citation}).`,
    { title, minimumTitle: minimum, level: declaration.level },
  );
}

function leaderClassViolation(declaration: Declaration, context: DeclarationContext, policy: TrainingPolicy): DomainError | null {
  const max = policy.maxClassesPerLeaderPerTerm;
  const existing = context.leaderClassesInTerm;
  if (max === null || existing + declaration.classCount <= max) return null;
  return violation(
    'LEADER_CLASS_LIMIT',
    `Leader ${declaration.leader.name} already leads ${existing} classes in term ${context.calendar.term} and this declaration adds ${declaration.classCount}; a leader may lead at most ${max} (${policy.citation}).`,
    { existing, adding: declaration.classCount, max },
  );
}

function quotaViolation(declaration: Declaration, context: DeclarationContext, policy: TrainingPolicy): DomainError | null {
  if (!countsAgainstQuota(declaration.level, policy)) return null;
  const quota = declarationQuotaFor(context.institution, context.calendar, policy);
  const count = context.institutionDeclarationsInTerm;
  if (quota === null || count + 1 <= quota.quota) return null;
  const who =
    quota.basis === 'NEWLY_ACCREDITED'
      ? `an institution accredited less than ${policy.declarationQuota?.newlyAccredited?.accreditedForLessThanYears} year before declarations open (accredited ${context.institution.accreditedSince})`
      : `a ${quota.basis} institution`;
  return violation(
    'DECLARATION_QUOTA_EXCEEDED',
    `${context.institution.name} has already declared ${count} province-wide projects in term ${context.calendar.term}; ${who} may declare at most ${quota.quota} per term (${policy.citation}).`,
    { kind: context.institution.kind, basis: quota.basis, quota: quota.quota, count, policyId: policy.id, citation: policy.citation },
  );
}

/** Mode and credits agree; for a hybrid project, the online share is under its cap. */
function creditsViolation(declaration: Declaration, policy: TrainingPolicy): DomainError | null {
  const { mode, totalCreditsMilli: total, onlineCreditsMilli: online } = declaration;
  const mismatch = creditsModeMismatch(mode, total, online);
  if (mismatch !== null) {
    return violation('CREDITS_MODE_MISMATCH', `${mismatch} (declared: ${mode}, ${formatMilli(online)} online of ${formatMilli(total)} credits).`, {
      mode,
      totalCreditsMilli: total,
      onlineCreditsMilli: online,
    });
  }
  const shareCap = mode === 'HYBRID' ? onlineShareCap(declaration, policy) : null;
  if (shareCap === null) return null;
  const { cap, appliesTo } = shareCap;
  if (online * cap.denominator <= total * cap.numerator) return null;
  const allowedMilli = Math.floor((total * cap.numerator) / cap.denominator);
  return violation(
    'ONLINE_SHARE_OVER_CAP',
    `Online credits ${formatMilli(online)} of ${formatMilli(total)} exceed ${cap.numerator}/${cap.denominator} for ${appliesTo}; at most ${formatMilli(allowedMilli)} may be online (${policy.citation}).`,
    { totalCreditsMilli: total, onlineCreditsMilli: online, capNumerator: cap.numerator, capDenominator: cap.denominator },
  );
}

/**
 * What is wrong with the credits for the mode, or null. A hybrid project has both parts:
 * with no online credits it is offline, with only online credits it is online.
 */
function creditsModeMismatch(mode: TrainingMode, total: number, online: number): string | null {
  if (total <= 0) return 'A project must award more than 0 credits';
  if (online < 0 || online > total) return 'Online credits must be between 0 and the total credits';
  switch (mode) {
    case 'OFFLINE':
      return online === 0 ? null : 'An OFFLINE project has no online credits';
    case 'ONLINE':
      return online === total ? null : 'An ONLINE project earns all its credits online';
    case 'HYBRID':
      return online > 0 && online < total ? null : 'A HYBRID project earns some, but not all, of its credits online';
  }
}

/** The fee items a project records (培训费 / 住宿费 / 伙食费), whatever the policy. */
const RECORDED_FEE_ITEMS: readonly string[] = ['TRAINING', 'ACCOMMODATION', 'MEALS'];

function feeViolations(declaration: Declaration, policy: TrainingPolicy): DomainError[] {
  const allowed: readonly string[] | null = policy.allowedFeeItems;
  return declaration.fees.flatMap((fee) => {
    if (allowed !== null && !allowed.includes(fee.item)) {
      return [
        violation(
          'FEE_ITEM_NOT_ALLOWED',
          `Fee item ${fee.item} may not be charged; only ${allowed.join(', ')} may (${policy.citation}).`,
          { item: fee.item, allowedItems: allowed },
        ),
      ];
    }
    // With no list configured, an item is still refused when a project cannot record it.
    if (!RECORDED_FEE_ITEMS.includes(fee.item)) {
      return [
        violation('FEE_ITEM_NOT_RECORDED', `Fee item ${fee.item} cannot be recorded; a project records ${RECORDED_FEE_ITEMS.join(', ')}.`, {
          item: fee.item,
          allowedItems: RECORDED_FEE_ITEMS,
        }),
      ];
    }
    if (fee.amountMilli < 0) {
      return [violation('FEE_NEGATIVE', `Fee ${fee.item} is ${formatMilli(fee.amountMilli)}; a fee cannot be negative.`, { item: fee.item, amountMilli: fee.amountMilli })];
    }
    return [];
  });
}

/** 专家信息在申报时录入: where the policy asks for trainers at declaration, at least one is named. */
function trainersViolation(declaration: Declaration, policy: TrainingPolicy): DomainError | null {
  if (!policy.trainersRequiredAtDeclaration || declaration.trainerCount > 0) return null;
  return violation('TRAINERS_MISSING', `Enter the project's trainers (专家信息) with the declaration (${policy.citation}).`, { trainerCount: 0 });
}

function audienceViolation(declaration: Declaration): DomainError | null {
  if (declaration.audience.stages.length > 0) return null;
  return violation('AUDIENCE_MISSING', 'Name at least one teaching stage (学段) the project is for.', { stages: 0 });
}
