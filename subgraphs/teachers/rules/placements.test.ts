import { GraphQLError } from 'graphql';
import {
  assertPlacementCorrection,
  assertPlacementStart,
  PLACEMENT_BEFORE_HIRE,
  PLACEMENT_GAP,
  PLACEMENT_IN_FUTURE,
  PLACEMENT_PERIOD_EMPTY,
  placementOn,
  spliceCorrection,
  type PlacementCorrection,
} from './placements';

const HISTORY = [
  { school: 'old', from: '2020-09-01', to: '2026-03-01' },
  { school: 'new', from: '2026-03-01', to: null },
];

describe('placementOn', () => {
  it('answers the placement whose period covers the day, the next one from its first day', () => {
    expect(placementOn(HISTORY, '2020-09-01')?.school).toBe('old');
    expect(placementOn(HISTORY, '2026-02-28')?.school).toBe('old');
    expect(placementOn(HISTORY, '2026-03-01')?.school).toBe('new');
    expect(placementOn(HISTORY, '2030-01-01')?.school).toBe('new');
  });

  it('answers none before the first placement', () => {
    expect(placementOn(HISTORY, '2020-08-31')).toBeNull();
  });
});

describe('assertPlacementStart', () => {
  it('accepts the hire date and today, refuses outside them', () => {
    expect(() => assertPlacementStart('2015-09-01', '2015-09-01', '2026-12-01')).not.toThrow();
    expect(() => assertPlacementStart('2026-12-01', '2015-09-01', '2026-12-01')).not.toThrow();
    for (const day of ['2015-08-31', '2026-12-02']) {
      try {
        assertPlacementStart(day, '2015-09-01', '2026-12-01');
        throw new Error('expected a refusal');
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PLACEMENT_START_OUT_OF_RANGE', field: 'placedSince' });
      }
    }
  });
});

describe('任职经历更正 (spliceCorrection, assertPlacementCorrection)', () => {
  const at = (schoolId: string, from: string, to: string | null) => ({ schoolId, regionCode: `r-${schoolId}`, from, to });
  const history = [at('a', '2015-09-01', '2020-09-01'), at('b', '2020-09-01', null)];
  const ruleOf = (work: () => void) => {
    try {
      work();
      return null;
    } catch (error) {
      return (error as GraphQLError).extensions.rule;
    }
  };

  it('adds an earlier placement that ends where the history starts', () => {
    expect(spliceCorrection(history, at('x', '2012-09-01', '2015-09-01') as PlacementCorrection)).toEqual([
      at('x', '2012-09-01', '2015-09-01'),
      ...history,
    ]);
  });

  it('shortens the placements a period overlaps and splits the one it lies inside', () => {
    expect(spliceCorrection(history, at('x', '2018-01-01', '2021-01-01') as PlacementCorrection)).toEqual([
      at('a', '2015-09-01', '2018-01-01'),
      at('x', '2018-01-01', '2021-01-01'),
      at('b', '2021-01-01', null),
    ]);
    expect(spliceCorrection(history, at('x', '2016-01-01', '2017-01-01') as PlacementCorrection)).toEqual([
      at('a', '2015-09-01', '2016-01-01'),
      at('x', '2016-01-01', '2017-01-01'),
      at('a', '2017-01-01', '2020-09-01'),
      at('b', '2020-09-01', null),
    ]);
  });

  it('replaces the placements it covers whole, and merges neighbours at one school (a corrected start date)', () => {
    expect(spliceCorrection(history, at('x', '2015-09-01', '2020-09-01') as PlacementCorrection)).toEqual([at('x', '2015-09-01', '2020-09-01'), at('b', '2020-09-01', null)]);
    // The move to b was really on 2019-09-01: a period at b from then until the recorded day merges into the current placement.
    expect(spliceCorrection(history, at('b', '2019-09-01', '2020-09-01') as PlacementCorrection)).toEqual([at('a', '2015-09-01', '2019-09-01'), at('b', '2019-09-01', null)]);
  });

  it('never leaves an overlap or a gap for any period the checks accept', () => {
    const days = ['2014-01-01', '2015-09-01', '2017-03-01', '2020-09-01', '2022-01-01', '2026-12-01'];
    for (const from of days) {
      for (const to of days) {
        const correction = at('x', from, to) as PlacementCorrection;
        if (ruleOf(() => assertPlacementCorrection(history, correction, '2014-01-01', '2026-12-01'))) continue;
        const spliced = spliceCorrection(history, correction);
        spliced.slice(1).forEach((p, i) => expect(p.from).toBe(spliced[i].to));
        expect(spliced.at(-1)).toMatchObject({ schoolId: 'b', to: null });
      }
    }
  });

  it('refuses an empty period, one ending after today, one before the hire date and one leaving a gap', () => {
    const check = (from: string, to: string) => ruleOf(() => assertPlacementCorrection(history, at('x', from, to) as PlacementCorrection, '2012-09-01', '2026-12-01'));
    expect(check('2016-01-01', '2016-01-01')).toBe(PLACEMENT_PERIOD_EMPTY);
    expect(check('2017-01-01', '2016-01-01')).toBe(PLACEMENT_PERIOD_EMPTY);
    expect(check('2016-01-01', '2026-12-02')).toBe(PLACEMENT_IN_FUTURE);
    expect(check('2011-09-01', '2015-09-01')).toBe(PLACEMENT_BEFORE_HIRE);
    expect(check('2012-09-01', '2015-08-31')).toBe(PLACEMENT_GAP);
    expect(check('2012-09-01', '2015-09-01')).toBeNull();
    expect(check('2016-01-01', '2026-12-01')).toBeNull();
    expect(ruleOf(() => assertPlacementCorrection([], at('x', '2016-01-01', '2017-01-01') as PlacementCorrection, '2012-09-01', '2026-12-01'))).toBe(PLACEMENT_GAP);
  });
});
