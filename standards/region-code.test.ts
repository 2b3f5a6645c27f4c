import {
  commonPrefix,
  isProvinceCode,
  isRegionCode,
  isRegionPrefix,
  isWithinRegion,
  parentRegionCode,
  provinceCodeOf,
  regionLevel,
  regionPrefix,
  regionRanges,
} from './region-code';

describe('region codes (GB/T 2260)', () => {
  it('are six digits; subtree prefixes two, four or six', () => {
    expect(isRegionCode('510104')).toBe(true);
    for (const bad of ['5101', '5101040', '51010X', "51' OR 1=1", ' 510104', '']) expect(isRegionCode(bad)).toBe(false);
    for (const good of ['51', '5101', '510104']) expect(isRegionPrefix(good)).toBe(true);
    for (const bad of ['5', '510', '51010', '5101041', 'ab']) expect(isRegionPrefix(bad)).toBe(false);
  });

  it('know the provinces', () => {
    expect(isProvinceCode('51')).toBe(true);
    expect(isProvinceCode('82')).toBe(true);
    expect(isProvinceCode('00')).toBe(false);
    expect(isProvinceCode('99')).toBe(false);
    expect(provinceCodeOf('510104')).toBe('51');
  });

  it('derive the level from the code', () => {
    expect(regionLevel('510000')).toBe('PROVINCE');
    expect(regionLevel('510100')).toBe('CITY');
    expect(regionLevel('510104')).toBe('COUNTY');
  });

  it('refuse to place what is not a code (callers check input first)', () => {
    expect(() => regionLevel('5101')).toThrow(RangeError);
    expect(() => parentRegionCode("51' OR 1=1")).toThrow(RangeError);
  });

  it('derive the parent', () => {
    expect(parentRegionCode('510104')).toBe('510100');
    expect(parentRegionCode('510100')).toBe('510000');
    expect(parentRegionCode('510000')).toBeNull();
  });

  it('select a subtree by prefix', () => {
    expect([regionPrefix('510000'), regionPrefix('510100'), regionPrefix('510104')]).toEqual(['51', '5101', '510104']);
    expect(isWithinRegion('510104', '510100')).toBe(true);
    expect(isWithinRegion('510104', '510000')).toBe(true);
    expect(isWithinRegion('510104', '510104')).toBe(true);
    expect(isWithinRegion('510704', '510100')).toBe(false);
    expect(isWithinRegion('330106', '510000')).toBe(false);
  });
});

describe('region ranges', () => {
  it('reads a batch of regions as the fewest ranges that cover them', () => {
    expect(regionRanges(['5101', '510104', '51', '5103'])).toEqual(['51']);
    expect(regionRanges(['510104', '5101', '5103', '5103', '330102'])).toEqual(['5101', '5103', '330102']);
    expect(regionRanges([])).toEqual([]);
  });

  it('reads many ranges in one province as the province', () => {
    const cities = ['5101', '5103', '5107', '5111', '5119', '5134'];
    expect(regionRanges(cities)).toEqual(['51']);
    expect(regionRanges([...cities, '3301'])).toHaveLength(7);
    expect(commonPrefix(['510104', '510105'])).toBe('51010');
    expect(commonPrefix([])).toBe('');
  });
});
