import { coveringPrefixes, regionPrefix } from './access';

describe('region prefixes', () => {
  it('maps a GB/T 2260 code to the prefix of everything below it', () => {
    expect([regionPrefix('510000'), regionPrefix('510100'), regionPrefix('510104')]).toEqual(['51', '5101', '510104']);
  });

  it('reduces a batch of prefixes to the fewest that cover them all', () => {
    expect(coveringPrefixes(['5101', '510104', '51', '5103'])).toEqual(['51']);
    expect(coveringPrefixes(['510104', '5101', '5103', '5103', '330102'])).toEqual(['5101', '5103', '330102']);
    expect(coveringPrefixes([])).toEqual([]);
  });
});
