import { formatMilli } from '../../../kit/decimal';
import { badInput, DomainError } from '../../../kit/errors';
import { CREDIT_CATEGORIES, SPECIAL_TRAININGS, type CreditCategory, type CreditPolicyRules, type SpecialTraining } from './policy';

export const CONVERSION_UNCONFIRMED = 'CONVERSION_UNCONFIRMED';

export interface CreditsForHoursInput {
  category: CreditCategory;
  /** 学时 done online, in thousandths. */
  onlineHoursMilli: number;
  /** 学时 done face to face or in practice, in thousandths. */
  offlineHoursMilli: number;
  /** Training the policy counts only in part toward the cycle, e.g. principal training. */
  specialShare?: SpecialTraining | null;
  /**
   * Credits stated by the training project or the registering office. When given
   * they are used as they are (hours are not converted), so policies without a
   * known formula can still take credits.
   */
  declaredCreditsMilli?: number | null;
}

/** An exact non-negative fraction; BigInt so products of thousandths and ratios never lose precision. */
interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

const ZERO: Fraction = { numerator: 0n, denominator: 1n };

function add(a: Fraction, b: Fraction): Fraction {
  return { numerator: a.numerator * b.denominator + b.numerator * a.denominator, denominator: a.denominator * b.denominator };
}

/** Round half up to a whole number of thousandths (values here are never negative). */
function roundHalfUp({ numerator, denominator }: Fraction): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

function assertMilli(value: number, field: string, negativeRule: string): void {
  if (!Number.isSafeInteger(value)) {
    throw badInput(`${field} must be a whole number of thousandths, got ${value}.`, { field, rule: 'DECIMAL_FORMAT' });
  }
  if (value < 0) {
    throw badInput(`${field} cannot be negative, got ${formatMilli(value)}.`, { field, rule: negativeRule });
  }
}

function validate(input: CreditsForHoursInput): void {
  if (!CREDIT_CATEGORIES.includes(input.category)) {
    throw badInput(`Unknown credit category "${input.category}"; expected one of ${CREDIT_CATEGORIES.join(', ')}.`, {
      field: 'category',
      rule: 'CATEGORY_UNKNOWN',
    });
  }
  assertMilli(input.onlineHoursMilli, 'onlineHours', 'HOURS_NEGATIVE');
  assertMilli(input.offlineHoursMilli, 'offlineHours', 'HOURS_NEGATIVE');
  if (input.declaredCreditsMilli != null) {
    assertMilli(input.declaredCreditsMilli, 'credits', 'CREDITS_NEGATIVE');
  } else if (input.onlineHoursMilli === 0 && input.offlineHoursMilli === 0) {
    throw badInput('A credit needs hours (学时) or credits; both are missing.', { field: 'offlineHours', rule: 'HOURS_REQUIRED' });
  }
}

/** `hoursMilli` 学时 as credits under the policy's ratio for `kind`, or CONVERSION_UNCONFIRMED. */
function convert(hoursMilli: number, kind: CreditCategory, policy: CreditPolicyRules): Fraction {
  if (hoursMilli === 0) return ZERO;
  const ratio = policy.conversions[kind];
  if (!ratio) {
    throw new DomainError(
      CONVERSION_UNCONFIRMED,
      `Policy "${policy.name}" has no confirmed ratio of 学时 to credits for ${kind} training, ` +
        `so ${formatMilli(hoursMilli)} hours cannot be converted; register the credits explicitly.`,
      { policyId: policy.id, category: kind },
    );
  }
  return { numerator: BigInt(hoursMilli) * BigInt(ratio.credits), denominator: BigInt(ratio.hours) };
}

/** Percentage of credits counted toward the cycle; training a policy has no special rule for counts in full. */
function sharePercent(specialShare: SpecialTraining | null | undefined, policy: CreditPolicyRules): number {
  if (specialShare == null) return 100;
  if (!SPECIAL_TRAININGS.includes(specialShare)) {
    throw badInput(`Unknown special training "${String(specialShare)}"; expected one of ${SPECIAL_TRAININGS.join(', ')}.`, {
      field: 'specialShare',
      rule: 'SPECIAL_TRAINING_UNKNOWN',
    });
  }
  return policy.specialShares[specialShare] ?? 100;
}

/**
 * Credits (in thousandths) counted toward the cycle for a piece of training.
 *
 * Hours convert at the policy's 学时-per-credit ratios: the online part at the ONLINE
 * ratio, the offline part at the ratio of the record's category (so mixed training is
 * converted part by part). Declared credits, when given, replace the conversion. The
 * policy's special share (e.g. principal training at 50 %) then applies.
 *
 * Rounding: the whole computation is one exact fraction, rounded once at the end,
 * half up, to the nearest 0.001 credit (the unit credits are stored in). No policy
 * source gives a coarser rounding, so none is applied.
 *
 * Throws `CONVERSION_UNCONFIRMED` when hours must be converted and the policy has no
 * ratio for that kind of training.
 */
export function creditsForHours(input: CreditsForHoursInput, policy: CreditPolicyRules): number {
  validate(input);
  const share = sharePercent(input.specialShare, policy);
  const awarded: Fraction =
    input.declaredCreditsMilli != null
      ? { numerator: BigInt(input.declaredCreditsMilli), denominator: 1n }
      : add(convert(input.onlineHoursMilli, 'ONLINE', policy), convert(input.offlineHoursMilli, input.category, policy));
  return roundHalfUp({ numerator: awarded.numerator * BigInt(share), denominator: awarded.denominator * 100n });
}
