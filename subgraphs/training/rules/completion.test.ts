import { GraphQLError } from 'graphql';
import { checkCompletion, type CompletionRecord } from './completion';

const record = (overrides: Partial<CompletionRecord> = {}): CompletionRecord => ({
  hoursAttendedMilli: 60_000,
  onlineHoursMilli: 20_000,
  result: 'COMPLETED',
  on: '2020-03-20',
  classStartsOn: '2020-03-10',
  ...overrides,
});

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return [(error as GraphQLError).extensions.code, (error as GraphQLError).extensions.rule];
  }
  throw new Error('expected an error');
}

describe('completion records', () => {
  it('maps the result to the enrollment action', () => {
    expect(checkCompletion(record())).toBe('complete');
    expect(checkCompletion(record({ result: 'FAILED' }))).toBe('fail');
  });

  it('accepts all hours online and completion on the first day (boundaries)', () => {
    expect(checkCompletion(record({ onlineHoursMilli: 60_000, on: '2020-03-10' }))).toBe('complete');
  });

  it('refuses negative hours, online hours over the total and completion before the class starts', () => {
    expect(codeOf(() => checkCompletion(record({ hoursAttendedMilli: -1 })))).toEqual(['BAD_USER_INPUT', 'HOURS_NEGATIVE']);
    expect(codeOf(() => checkCompletion(record({ onlineHoursMilli: 60_001 })))).toEqual(['BAD_USER_INPUT', 'ONLINE_HOURS_OVER_TOTAL']);
    expect(codeOf(() => checkCompletion(record({ on: '2020-03-09' })))).toEqual(['COMPLETION_BEFORE_CLASS_START', 'COMPLETION_BEFORE_CLASS_START']);
  });
});
