import { CHANGSHA_2013, CHANGSHA_2019, JIANGXI, NATIONAL_FALLBACK, SHIPPED_POLICIES, ZHEJIANG } from './policies';
import { CREDIT_CATEGORIES, selectPolicy } from './policy';

function source(policyId: string, field: string) {
  const policy = SHIPPED_POLICIES.find((p) => p.id === policyId);
  return policy?.sources.find((s) => s.field === field);
}

describe('shipped credit policies', () => {
  it.each(SHIPPED_POLICIES.map((p) => [p.id, p] as const))('%s names a source for every core value', (_, policy) => {
    for (const field of ['requiredPerCycleMilli', 'cycleYears', 'cycleStartYear', 'effectiveFrom', 'conversions', 'roles']) {
      expect(policy.sources.some((s) => s.field === field || s.field.startsWith(`${field}.`))).toBe(true);
    }
    if (policy.requiredPerYearMilli !== null) expect(source(policy.id, 'requiredPerYearMilli')).toBeDefined();
    for (const key of Object.keys(policy.specialShares)) expect(source(policy.id, `specialShares.${key}`)).toBeDefined();
    for (const key of Object.keys(policy.requiredPerCycleByGroupMilli)) {
      expect(source(policy.id, `requiredPerCycleByGroupMilli.${key}`)).toBeDefined();
    }
  });

  it.each(SHIPPED_POLICIES.map((p) => [p.id, p] as const))('%s holds well-formed values', (_, policy) => {
    expect(policy.provinceCode).toMatch(/^\d{2}$/);
    if (policy.regionPrefix) expect(policy.regionPrefix.startsWith(policy.provinceCode)).toBe(true);
    expect(Number.isSafeInteger(policy.requiredPerCycleMilli)).toBe(true);
    for (const category of CREDIT_CATEGORIES) {
      const ratio = policy.conversions[category];
      if (ratio) expect(Number.isInteger(ratio.hours) && ratio.hours > 0 && Number.isInteger(ratio.credits) && ratio.credits > 0).toBe(true);
    }
    for (const share of Object.values(policy.specialShares)) expect(Number.isInteger(share) && share >= 0 && share <= 100).toBe(true);
    expect(policy.roles.register.length * policy.roles.review.length * policy.roles.verify.length).toBeGreaterThan(0);
  });

  it('ships no category cap as fact', () => {
    for (const policy of SHIPPED_POLICIES) expect(policy.categoryCapsMilli).toEqual({});
  });

  it('flags assumptions as unconfirmed', () => {
    expect(source(NATIONAL_FALLBACK.id, 'conversions')?.confirmed).toBe(false);
    for (const policy of SHIPPED_POLICIES) {
      expect(policy.cycleStartYear).toBe(2021);
      expect(source(policy.id, 'cycleStartYear')?.confirmed).toBe(false);
    }
    expect(source(ZHEJIANG.id, 'conversions')?.confirmed).toBe(false);
    expect(source(JIANGXI.id, 'requiredPerCycleMilli')?.confirmed).toBe(false);
    expect(source(JIANGXI.id, 'conversions.CONCENTRATED')?.confirmed).toBe(true);
  });

  it('encodes Zhejiang: 360 per cycle, 24 every year, no known conversion', () => {
    expect(ZHEJIANG).toMatchObject({ requiredPerCycleMilli: 360_000, requiredPerYearMilli: 24_000 });
    expect(Object.values(ZHEJIANG.conversions).every((ratio) => ratio === null)).toBe(true);
    expect(ZHEJIANG.specialShares).toEqual({ PRINCIPAL_TRAINING: 50, PROBATION_TRAINING: 0 });
  });

  it('carries Changsha 2013 numbers into 2019, each flagged unconfirmed', () => {
    expect(CHANGSHA_2013).toMatchObject({ requiredPerYearMilli: 30_000, requiredPerCycleMilli: 360_000, requiredPerCycleByGroupMilli: { BACKBONE: 400_000 } });
    expect(CHANGSHA_2019).toMatchObject({ effectiveFrom: '2019-01-01', requiredPerYearMilli: 30_000, requiredPerCycleMilli: 360_000 });
    for (const field of ['requiredPerYearMilli', 'requiredPerCycleMilli', 'requiredPerCycleByGroupMilli.BACKBONE']) {
      expect(source(CHANGSHA_2013.id, field)?.confirmed).toBe(true);
      expect(source(CHANGSHA_2019.id, field)?.confirmed).toBe(false);
    }
  });

  it('judges a Changsha record by the policy in force when it was earned', () => {
    const query = { provinceCode: '43', regionCode: '430104' };
    expect(selectPolicy(SHIPPED_POLICIES, { ...query, on: '2018-12-31' }).id).toBe(CHANGSHA_2013.id);
    expect(selectPolicy(SHIPPED_POLICIES, { ...query, on: '2019-01-01' }).id).toBe(CHANGSHA_2019.id);
    expect(selectPolicy(SHIPPED_POLICIES, { ...query, on: '2012-12-31' }).id).toBe(NATIONAL_FALLBACK.id);
  });

  it('uses the national fallback outside Changsha in Hunan and in provinces without a policy', () => {
    expect(selectPolicy(SHIPPED_POLICIES, { provinceCode: '43', regionCode: '430202', on: '2022-03-01' }).id).toBe(NATIONAL_FALLBACK.id);
    expect(selectPolicy(SHIPPED_POLICIES, { provinceCode: '51', regionCode: '510104', on: '2022-03-01' }).id).toBe(NATIONAL_FALLBACK.id);
    expect(selectPolicy(SHIPPED_POLICIES, { provinceCode: '33', regionCode: '330106', on: '2022-03-01' }).id).toBe(ZHEJIANG.id);
    expect(selectPolicy(SHIPPED_POLICIES, { provinceCode: '36', regionCode: '360111', on: '2022-03-01' }).id).toBe(JIANGXI.id);
  });
});
