import { GraphQLError } from 'graphql';
import { parseCitizenId } from './id-number';
import { assertRegionCode } from './regions';
import { isNearRetirement, statutoryRetirementDate } from './retirement';
import { schoolCategory } from './schools';

const TODAY = '2026-11-24';

function extensionsOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { extensions } = error as GraphQLError;
    expect(extensions.code).toBe('BAD_USER_INPUT');
    return extensions;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

const ruleOf = (fn: () => unknown) => extensionsOf(fn).rule;

describe('registration’s 身份证号 check', () => {
  it('derives birth date and sex, storing upper case', () => {
    expect(parseCitizenId(' 11010519491231002x ', TODAY)).toEqual({
      idNumber: '11010519491231002X',
      areaCode: '110105',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
      upgradedFromLegacy: false,
    });
  });

  it('refuses a bad number as BAD_USER_INPUT on idNumber, naming the rule and the expected check character', () => {
    expect(extensionsOf(() => parseCitizenId('110105194912310021', TODAY))).toMatchObject({ field: 'idNumber', rule: 'ID_NUMBER_CHECKSUM' });
    expect(() => parseCitizenId('110105194912310021', TODAY)).toThrow(/give X/);
    expect(ruleOf(() => parseCitizenId('110105490230002', TODAY))).toBe('ID_NUMBER_BIRTH_DATE');
    expect(ruleOf(() => parseCitizenId('1101051949', TODAY))).toBe('ID_NUMBER_FORMAT');
  });
});

describe('retirement', () => {
  it('keeps the original ages for cohorts before the 2025 reform', () => {
    expect(statutoryRetirementDate('1960-05-10', 'MALE')).toBe('2020-05-10');
    expect(statutoryRetirementDate('1965-05-10', 'FEMALE')).toBe('2020-05-10');
  });

  it('delays the first reformed cohorts by one month per four months of birth', () => {
    expect(statutoryRetirementDate('1965-01-15', 'MALE')).toBe('2025-02-15');
    expect(statutoryRetirementDate('1965-04-15', 'MALE')).toBe('2025-05-15');
    expect(statutoryRetirementDate('1965-05-15', 'MALE')).toBe('2025-07-15');
    expect(statutoryRetirementDate('1970-01-01', 'FEMALE')).toBe('2025-02-01');
  });

  it('caps the delay at 36 months (men 63, women 58)', () => {
    expect(statutoryRetirementDate('1976-09-01', 'MALE')).toBe('2039-09-01');
    expect(statutoryRetirementDate('1990-03-01', 'MALE')).toBe('2053-03-01');
    expect(statutoryRetirementDate('1990-03-01', 'FEMALE')).toBe('2048-03-01');
  });

  it('moves a 29 February birthday to the end of February', () => {
    expect(statutoryRetirementDate('1964-02-29', 'MALE')).toBe('2024-02-29');
    expect(statutoryRetirementDate('1960-02-29', 'FEMALE')).toBe('2015-02-28');
  });

  it('treats exactly five years before retirement as near retirement, one day more as not', () => {
    expect(isNearRetirement('2031-11-24', TODAY)).toBe(true);
    expect(isNearRetirement('2031-11-25', TODAY)).toBe(false);
    expect(isNearRetirement('2020-01-01', TODAY)).toBe(false);
    expect(isNearRetirement(TODAY, TODAY)).toBe(false);
  });
});

describe('region codes from clients', () => {
  it('pass through when six digits', () => {
    expect(assertRegionCode('510104')).toBe('510104');
  });

  it('are refused otherwise as REGION_CODE_FORMAT', () => {
    expect(extensionsOf(() => assertRegionCode('5101'))).toMatchObject({ field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
    expect(ruleOf(() => assertRegionCode("51' OR 1=1"))).toBe('REGION_CODE_FORMAT');
  });
});

describe('school categories', () => {
  it('reports complete and nine-year schools under 中小学', () => {
    expect(schoolCategory('COMPLETE_SECONDARY')).toBe('PRIMARY_AND_SECONDARY');
    expect(schoolCategory('NINE_YEAR')).toBe('PRIMARY_AND_SECONDARY');
    expect(schoolCategory('KINDERGARTEN')).toBe('KINDERGARTEN');
    expect(schoolCategory('VOCATIONAL')).toBe('VOCATIONAL');
  });
});
