import { parseMilli } from '../../../kit/decimal';
import { CONVERSION_UNCONFIRMED, creditsForHours, type CreditsForHoursInput } from './conversion';
import { JIANGXI, NATIONAL_FALLBACK, ZHEJIANG } from './policies';
import type { SpecialTraining } from './policy';
import { errorOf } from '../../../kit/testing';


const hours = (text: string) => parseMilli(text);
const concentrated = (offline: string, extra: Partial<CreditsForHoursInput> = {}): CreditsForHoursInput => ({
  category: 'CONCENTRATED',
  onlineHoursMilli: 0,
  offlineHoursMilli: hours(offline),
  ...extra,
});
const online = (onlineHours: string): CreditsForHoursInput => ({ category: 'ONLINE', onlineHoursMilli: hours(onlineHours), offlineHoursMilli: 0 });

describe('creditsForHours under Jiangxi county practice', () => {
  it('converts concentrated training at 10 学时 = 1 credit', () => {
    expect(creditsForHours(concentrated('25'), JIANGXI)).toBe(2_500);
  });

  it('converts online training at 20 学时 = 1 credit', () => {
    expect(creditsForHours(online('30'), JIANGXI)).toBe(1_500);
  });

  it('converts mixed training part by part: online hours at the online ratio, the rest at the category’s', () => {
    expect(creditsForHours({ category: 'CONCENTRATED', onlineHoursMilli: hours('20'), offlineHoursMilli: hours('30') }, JIANGXI)).toBe(4_000);
  });

  it('counts principal training at 50 %', () => {
    expect(creditsForHours(concentrated('25', { specialShare: 'PRINCIPAL_TRAINING' }), JIANGXI)).toBe(1_250);
    expect(creditsForHours({ ...online('30'), specialShare: 'PRINCIPAL_TRAINING' }, JIANGXI)).toBe(750);
  });

  it('counts training in full when the policy has no special rule for it', () => {
    expect(creditsForHours(concentrated('25', { specialShare: 'PROBATION_TRAINING' }), JIANGXI)).toBe(2_500);
  });

  it('fails clearly for a category without a known ratio', () => {
    const error = errorOf(() => creditsForHours({ category: 'SCHOOL_BASED', onlineHoursMilli: 0, offlineHoursMilli: hours('8') }, JIANGXI));
    expect(error.extensions).toMatchObject({ code: CONVERSION_UNCONFIRMED, category: 'SCHOOL_BASED', policyId: JIANGXI.id });
    expect(error.message).toContain('register the credits explicitly');
  });

  it('needs only the ratio of the parts that have hours', () => {
    expect(creditsForHours({ category: 'SCHOOL_BASED', onlineHoursMilli: hours('10'), offlineHoursMilli: 0 }, JIANGXI)).toBe(500);
  });
});

describe('creditsForHours rounding: once, half up, to 0.001 credit', () => {
  it('rounds a half thousandth up and less than half down', () => {
    expect(creditsForHours(online('0.01'), JIANGXI)).toBe(1); // 0.0005 credit
    expect(creditsForHours(online('0.009'), JIANGXI)).toBe(0); // 0.00045 credit
    expect(creditsForHours(online('0.03'), JIANGXI)).toBe(2); // 0.0015 credit
  });

  it('rounds the whole record once, not each part', () => {
    // 0.0005 online + 0.0005 concentrated = exactly 0.001; rounding each part would give 0.002.
    expect(creditsForHours({ category: 'CONCENTRATED', onlineHoursMilli: hours('0.01'), offlineHoursMilli: hours('0.005') }, JIANGXI)).toBe(1);
  });

  it('applies the share before rounding', () => {
    // 0.01 online 学时 = 0.0005 credit, at 50 % 0.00025 → 0 (rounding first would give 0.001 → 0.0005 → 0.001).
    expect(creditsForHours({ ...online('0.01'), specialShare: 'PRINCIPAL_TRAINING' }, JIANGXI)).toBe(0);
    // 0.01 concentrated 学时 = 0.001 credit, at 50 % 0.0005 → 0.001.
    expect(creditsForHours(concentrated('0.01', { specialShare: 'PRINCIPAL_TRAINING' }), JIANGXI)).toBe(1);
  });

  it('keeps large hour counts exact', () => {
    expect(creditsForHours(concentrated('999999999.999'), JIANGXI)).toBe(100_000_000_000);
  });
});

describe('creditsForHours under policies without a formula', () => {
  it('rejects Zhejiang hours without explicit credits', () => {
    const error = errorOf(() => creditsForHours(concentrated('90'), ZHEJIANG));
    expect(error.extensions.code).toBe(CONVERSION_UNCONFIRMED);
    expect(error.message).toContain(ZHEJIANG.name);
  });

  it('takes declared credits as they are', () => {
    expect(creditsForHours(concentrated('90', { declaredCreditsMilli: hours('90') }), ZHEJIANG)).toBe(90_000);
    expect(creditsForHours(concentrated('25', { declaredCreditsMilli: hours('3') }), JIANGXI)).toBe(3_000);
  });

  it('applies Zhejiang shares to declared credits: new principals 50 %, probation not counted', () => {
    expect(creditsForHours(concentrated('0', { declaredCreditsMilli: hours('300'), specialShare: 'PRINCIPAL_TRAINING' }), ZHEJIANG)).toBe(150_000);
    expect(creditsForHours(concentrated('0', { declaredCreditsMilli: hours('180'), specialShare: 'PROBATION_TRAINING' }), ZHEJIANG)).toBe(0);
  });

  it('counts national hours one to one', () => {
    expect(creditsForHours({ category: 'IT_PRACTICE', onlineHoursMilli: hours('50'), offlineHoursMilli: hours('30') }, NATIONAL_FALLBACK)).toBe(80_000);
  });
});

describe('creditsForHours input', () => {
  it.each([
    [{ onlineHoursMilli: -1 }, 'HOURS_NEGATIVE'],
    [{ offlineHoursMilli: -1_000 }, 'HOURS_NEGATIVE'],
    [{ offlineHoursMilli: 1.5 }, 'DECIMAL_FORMAT'],
    [{ declaredCreditsMilli: -500 }, 'CREDITS_NEGATIVE'],
    [{ onlineHoursMilli: 0, offlineHoursMilli: 0 }, 'HOURS_REQUIRED'],
    [{ category: 'LECTURE' as never }, 'CATEGORY_UNKNOWN'],
    [{ specialShare: 'MENTORING' as SpecialTraining }, 'SPECIAL_TRAINING_UNKNOWN'],
  ])('rejects %j with rule %s', (override, rule) => {
    const input = { category: 'CONCENTRATED' as const, onlineHoursMilli: 0, offlineHoursMilli: 10_000, ...override };
    expect(errorOf(() => creditsForHours(input, JIANGXI)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
  });

  it('accepts declared credits without hours', () => {
    expect(creditsForHours({ category: 'OTHER', onlineHoursMilli: 0, offlineHoursMilli: 0, declaredCreditsMilli: 0 }, JIANGXI)).toBe(0);
  });
});
