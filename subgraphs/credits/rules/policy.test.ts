import { NATIONAL_FALLBACK } from './policies';
import { NO_POLICY, POLICY_AMBIGUOUS, selectPolicy, type CreditPolicyRules } from './policy';
import { errorOf } from '../../../kit/testing';

function policy(id: string, provinceCode: string, effectiveFrom: string, regionPrefix?: string): CreditPolicyRules {
  return { ...NATIONAL_FALLBACK, id, name: id, provinceCode, effectiveFrom, ...(regionPrefix ? { regionPrefix } : {}) };
}


const national = policy('national', '00', '2011-01-01');
const hunan = policy('hunan', '43', '2015-01-01');
const changsha = policy('changsha', '43', '2013-01-01', '4301');
const furong = policy('furong-district', '43', '2016-01-01', '430102');
const all = [national, hunan, changsha, furong];

describe('selectPolicy: most specific region', () => {
  it('prefers county over city over province over national', () => {
    expect(selectPolicy(all, { provinceCode: '43', regionCode: '430102', on: '2020-06-01' }).id).toBe('furong-district');
    expect(selectPolicy(all, { provinceCode: '43', regionCode: '430103', on: '2020-06-01' }).id).toBe('changsha');
    expect(selectPolicy(all, { provinceCode: '43', regionCode: '430202', on: '2020-06-01' }).id).toBe('hunan');
    expect(selectPolicy(all, { provinceCode: '33', regionCode: '330102', on: '2020-06-01' }).id).toBe('national');
  });

  it('matches only province-wide policies when the region is unknown', () => {
    expect(selectPolicy(all, { provinceCode: '43', on: '2020-06-01' }).id).toBe('hunan');
    expect(selectPolicy(all, { provinceCode: '43', regionCode: null, on: '2020-06-01' }).id).toBe('hunan');
  });

  it('keeps a more specific policy even when a less specific one is newer', () => {
    expect(selectPolicy(all, { provinceCode: '43', regionCode: '430103', on: '2015-06-01' }).id).toBe('changsha');
  });

  it('falls back to a less specific policy before the more specific one starts', () => {
    expect(selectPolicy(all, { provinceCode: '43', regionCode: '430102', on: '2015-12-31' }).id).toBe('changsha');
    expect(selectPolicy(all, { provinceCode: '43', regionCode: '430202', on: '2014-12-31' }).id).toBe('national');
  });
});

describe('selectPolicy: effective dates', () => {
  const older = policy('zhejiang-old', '33', '2011-01-01');
  const newer = policy('zhejiang-new', '33', '2021-01-01');

  it('replaces the older policy from the newer one’s first day', () => {
    expect(selectPolicy([newer, older], { provinceCode: '33', on: '2020-12-31' }).id).toBe('zhejiang-old');
    expect(selectPolicy([newer, older], { provinceCode: '33', on: '2021-01-01' }).id).toBe('zhejiang-new');
  });

  it('throws NO_POLICY when nothing is in force yet', () => {
    const error = errorOf(() => selectPolicy([older], { provinceCode: '33', on: '2010-12-31' }));
    expect(error.extensions.code).toBe(NO_POLICY);
    expect(error.message).toContain('2010-12-31');
    expect(errorOf(() => selectPolicy([], { provinceCode: '36', on: '2022-01-01' })).extensions.code).toBe(NO_POLICY);
  });

  it('refuses to choose between two policies for the same region starting the same day', () => {
    const twin = policy('zhejiang-twin', '33', '2021-01-01');
    const error = errorOf(() => selectPolicy([older, newer, twin], { provinceCode: '33', on: '2022-01-01' }));
    expect(error.extensions.code).toBe(POLICY_AMBIGUOUS);
    expect(error.extensions.policyIds).toEqual(['zhejiang-new', 'zhejiang-twin']);
  });
});

describe('selectPolicy: input', () => {
  it.each([
    [{ provinceCode: '4', on: '2020-01-01' }, 'PROVINCE_CODE_FORMAT'],
    [{ provinceCode: '43', regionCode: '4301', on: '2020-01-01' }, 'REGION_CODE_FORMAT'],
    [{ provinceCode: '43', regionCode: '330102', on: '2020-01-01' }, 'REGION_NOT_IN_PROVINCE'],
    [{ provinceCode: '43', on: '2019-02-29' }, 'DATE_FORMAT'],
  ])('rejects %j with rule %s', (query, rule) => {
    const error = errorOf(() => selectPolicy(all, query));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
  });
});
