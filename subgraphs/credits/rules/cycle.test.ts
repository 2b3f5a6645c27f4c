import { cycleContaining, remainingCredits } from './cycle';

describe('training cycles', () => {
  it('finds the five-year cycle containing a year', () => {
    expect(cycleContaining(2021, 5, 2021)).toEqual({ startYear: 2021, endYear: 2025, from: '2021-01-01', to: '2025-12-31' });
    expect(cycleContaining(2025, 5, 2021).startYear).toBe(2021);
    expect(cycleContaining(2026, 5, 2021).startYear).toBe(2026);
  });

  it('counts backwards for years before the reference cycle', () => {
    expect(cycleContaining(2020, 5, 2021)).toMatchObject({ startYear: 2016, endYear: 2020 });
    expect(cycleContaining(2016, 5, 2021).startYear).toBe(2016);
  });

  it('rejects a cycle length of zero', () => {
    expect(() => cycleContaining(2021, 0, 2021)).toThrow(RangeError);
  });

  it('never reports negative remaining credits', () => {
    expect(remainingCredits(360_000, 100_500)).toBe(259_500);
    expect(remainingCredits(360_000, 400_000)).toBe(0);
  });
});
