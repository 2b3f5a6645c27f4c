import {
  checkCharacter,
  hasValidCheckCharacter,
  idNumberShapeProblem,
  maskIdNumber,
  normalizeIdNumber,
  readIdNumber,
  upgradeLegacyIdNumber,
} from './id-number';
import { maskKeepingEnds, maskPhone } from './masking';

const TODAY = '2026-11-24';

/** The rule a number breaks in full validation, or null when it passes. */
function ruleOf(raw: string): string | null {
  return readIdNumber(raw, TODAY).problem?.rule ?? null;
}

function valid(first17: string): string {
  return first17 + checkCharacter(first17);
}

describe('身份证号 (GB 11643-1999)', () => {
  it('accepts the standard example with an X check character and derives birth date and sex', () => {
    expect(readIdNumber('11010519491231002X', TODAY)).toEqual({
      id: { idNumber: '11010519491231002X', areaCode: '110105', birthDate: '1949-12-31', sex: 'FEMALE', upgradedFromLegacy: false },
      problem: null,
    });
  });

  it('accepts a lower-case x and surrounding spaces, giving upper case', () => {
    expect(readIdNumber(' 11010519491231002x ', TODAY).id?.idNumber).toBe('11010519491231002X');
  });

  it('computes the check character from the weights', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('51010419800101001')).toBe('4');
    expect(ruleOf('510104198001010014')).toBeNull();
  });

  it('rejects a wrong check character, saying which one was expected', () => {
    expect(readIdNumber('110105194912310021', TODAY).problem).toEqual({
      rule: 'ID_NUMBER_CHECKSUM',
      message: '身份证号 check character is 1 but the first 17 digits give X: a digit was probably mistyped.',
    });
  });

  it('reads the 17th digit for sex: odd is male', () => {
    expect(readIdNumber(valid('51010419800101001'), TODAY).id?.sex).toBe('MALE');
    expect(readIdNumber(valid('51010419800101002'), TODAY).id?.sex).toBe('FEMALE');
  });

  it('accepts 29 February in a leap year and rejects it otherwise', () => {
    expect(readIdNumber(valid('51010420000229002'), TODAY).id?.birthDate).toBe('2000-02-29');
    expect(ruleOf(valid('51010419990229002'))).toBe('ID_NUMBER_BIRTH_DATE');
  });

  it('rejects impossible, future and pre-1900 birth dates; today itself is a birth date', () => {
    for (const first17 of ['51010419801301001', '51010419800132001', '51010420991231001', '51010418991231001', '51010400000101001']) {
      expect(ruleOf(valid(first17))).toBe('ID_NUMBER_BIRTH_DATE');
    }
    expect(ruleOf(valid('51010420261124001'))).toBeNull();
    expect(ruleOf(valid('51010420261125001'))).toBe('ID_NUMBER_BIRTH_DATE');
  });

  it('rejects unknown province codes', () => {
    expect(ruleOf(valid('99010419800101001'))).toBe('ID_NUMBER_AREA');
  });

  it('rejects wrong lengths and characters, saying how long the input was', () => {
    for (const bad of ['', '1101051949123100', '11010519491231002XX', '1101051949123100X2', '11010519491231002Y']) {
      expect(ruleOf(bad)).toBe('ID_NUMBER_FORMAT');
    }
    expect(readIdNumber('1101051949', TODAY).problem?.message).toMatch(/18 characters .* got 10 characters/);
  });

  it('upgrades a 15-digit legacy number to 18 characters with a computed check character', () => {
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(readIdNumber('110105491231002', TODAY).id).toMatchObject({ idNumber: '11010519491231002X', upgradedFromLegacy: true, birthDate: '1949-12-31' });
  });

  it('rejects a legacy number with an impossible date', () => {
    expect(ruleOf('110105490230002')).toBe('ID_NUMBER_BIRTH_DATE');
  });
});

describe('身份证号 shape check (for slices that ask the registry)', () => {
  it('accepts 18 characters with the right check character and legacy 15 digits', () => {
    expect(idNumberShapeProblem('11010519491231002X')).toBeNull();
    expect(idNumberShapeProblem(' 11010519491231002x')).toBeNull();
    expect(idNumberShapeProblem('110105491231002')).toBeNull();
  });

  it('names the format or the expected check character, in the same words as full validation', () => {
    expect(idNumberShapeProblem('110105194912310021')).toEqual(readIdNumber('110105194912310021', TODAY).problem);
    expect(idNumberShapeProblem('1101051949')?.rule).toBe('ID_NUMBER_FORMAT');
  });

  it('checks only the shape: area and birth date are the registry’s to judge', () => {
    expect(idNumberShapeProblem(valid('99010419800101001'))).toBeNull();
  });

  it('tells an 18-character number with a valid check character', () => {
    expect(hasValidCheckCharacter('11010519491231002X')).toBe(true);
    expect(hasValidCheckCharacter('110105194912310021')).toBe(false);
    expect(hasValidCheckCharacter('110105491231002')).toBe(false);
    expect(hasValidCheckCharacter('11010519491231002x')).toBe(false);
  });
});

describe('身份证号 normal form', () => {
  it('is the registry’s key: trimmed, upper-case, legacy numbers upgraded', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(normalizeIdNumber('not a number')).toBe('NOT A NUMBER');
  });
});

describe('masking (one policy for every slice)', () => {
  it('keeps the first three and last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002X')).toHaveLength(18);
  });

  it('masks phone numbers the usual way', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks short values entirely rather than revealing most of them', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskKeepingEnds('12345678')).toBe('123*5678');
    expect(maskKeepingEnds('')).toBe('');
  });
});
