import { commonPrefix, regionPrefix, regionRanges } from './access';

describe('region prefixes', () => {
  it('maps a GB/T 2260 code to the prefix of everything below it', () => {
    expect([regionPrefix('510000'), regionPrefix('510100'), regionPrefix('510104')]).toEqual(['51', '5101', '510104']);
  });

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
  });
});
