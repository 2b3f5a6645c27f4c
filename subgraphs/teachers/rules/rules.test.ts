import { GraphQLError } from 'graphql';
import { checkCharacter, parseCitizenId } from './id-number';
import { maskIdNumber, maskPhone } from './masking';
import { descendantPrefix, isWithinRegion, parentRegionCode, regionLevel } from './regions';
import { isNearRetirement, statutoryRetirementDate } from './retirement';
import { schoolCategory } from './schools';

const TODAY = '2026-11-24';

function ruleOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { code, rule } = (error as GraphQLError).extensions;
    expect(code).toBe('BAD_USER_INPUT');
    return rule;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('身份证号 (GB 11643-1999)', () => {
  it('accepts the standard example with an X check character and derives birth date and sex', () => {
    const id = parseCitizenId('11010519491231002X', TODAY);
    expect(id).toEqual({
      idNumber: '11010519491231002X',
      areaCode: '110105',
      birthDate: '1949-12-31',
      sex: 'FEMALE',
      upgradedFromLegacy: false,
    });
  });

  it('accepts a lower-case x and surrounding spaces, storing upper case', () => {
    expect(parseCitizenId(' 11010519491231002x ', TODAY).idNumber).toBe('11010519491231002X');
  });

  it('computes the check character from the weights', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('51010419800101001')).toBe(parseCitizenId('510104198001010014', TODAY).idNumber[17]);
  });

  it('rejects a wrong check character, saying which one was expected', () => {
    expect(ruleOf(() => parseCitizenId('110105194912310021', TODAY))).toBe('ID_NUMBER_CHECKSUM');
    try {
      parseCitizenId('110105194912310021', TODAY);
    } catch (error) {
      expect((error as Error).message).toContain('give X');
    }
  });

  it('reads the 17th digit for sex: odd is male', () => {
    const first17 = '51010419800101001';
    expect(parseCitizenId(first17 + checkCharacter(first17), TODAY).sex).toBe('MALE');
  });

  it('accepts 29 February in a leap year and rejects it otherwise', () => {
    const leap = '51010420000229002';
    expect(parseCitizenId(leap + checkCharacter(leap), TODAY).birthDate).toBe('2000-02-29');
    const common = '51010419990229002';
    expect(ruleOf(() => parseCitizenId(common + checkCharacter(common), TODAY))).toBe('ID_NUMBER_BIRTH_DATE');
  });

  it('rejects impossible and future birth dates', () => {
    for (const first17 of ['51010419801301001', '51010419800132001', '51010420991231001', '51010418991231001']) {
      expect(ruleOf(() => parseCitizenId(first17 + checkCharacter(first17), TODAY))).toBe('ID_NUMBER_BIRTH_DATE');
    }
  });

  it('rejects unknown province codes', () => {
    const first17 = '99010419800101001';
    expect(ruleOf(() => parseCitizenId(first17 + checkCharacter(first17), TODAY))).toBe('ID_NUMBER_AREA');
  });

  it('rejects wrong lengths and characters', () => {
    for (const bad of ['', '1101051949123100', '11010519491231002XX', '1101051949123100X2', '11010519491231002Y']) {
      expect(ruleOf(() => parseCitizenId(bad, TODAY))).toBe('ID_NUMBER_FORMAT');
    }
  });

  it('upgrades a 15-digit legacy number to 18 characters with a computed check character', () => {
    const id = parseCitizenId('110105491231002', TODAY);
    expect(id.idNumber).toBe('11010519491231002X');
    expect(id.upgradedFromLegacy).toBe(true);
    expect(id.birthDate).toBe('1949-12-31');
  });

  it('rejects a legacy number with an impossible date', () => {
    expect(ruleOf(() => parseCitizenId('110105490230002', TODAY))).toBe('ID_NUMBER_BIRTH_DATE');
  });
});

describe('masking', () => {
  it('keeps the first three and last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
  });

  it('masks phone numbers the usual way', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks short values entirely rather than revealing most of them', () => {
    expect(maskPhone('12345')).toBe('*****');
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
    expect(isNearRetirement('2020-01-01', TODAY)).toBe(true);
  });
});

describe('regions (GB/T 2260)', () => {
  it('derives the level from the code', () => {
    expect(regionLevel('510000')).toBe('PROVINCE');
    expect(regionLevel('510100')).toBe('CITY');
    expect(regionLevel('510104')).toBe('COUNTY');
  });

  it('derives the parent', () => {
    expect(parentRegionCode('510104')).toBe('510100');
    expect(parentRegionCode('510100')).toBe('510000');
    expect(parentRegionCode('510000')).toBeNull();
  });

  it('selects a subtree by prefix', () => {
    expect(descendantPrefix('510000')).toBe('51');
    expect(descendantPrefix('510100')).toBe('5101');
    expect(isWithinRegion('510104', '510100')).toBe(true);
    expect(isWithinRegion('510104', '510000')).toBe(true);
    expect(isWithinRegion('510104', '510104')).toBe(true);
    expect(isWithinRegion('510704', '510100')).toBe(false);
    expect(isWithinRegion('330106', '510000')).toBe(false);
  });

  it('rejects codes that are not six digits', () => {
    expect(ruleOf(() => regionLevel('5101'))).toBe('REGION_CODE_FORMAT');
    expect(ruleOf(() => regionLevel("51' OR 1=1"))).toBe('REGION_CODE_FORMAT');
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
