import { GraphQLError } from 'graphql';
import { assertPlacementStart, placementOn } from './placements';

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
