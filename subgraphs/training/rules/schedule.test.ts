import { SICHUAN_2017, ZHEJIANG_2020 as policy } from './policies';
import { termCalendar } from './policy';
import { addDays, checkClassPlan, checkSchedulePublication, daysBetween, latestSchedulePublication, timetableOverdue, type ClassPlan } from './schedule';
import { errorOf } from '../../../kit/testing';

const calendar = termCalendar(policy, '2020H1');


describe('day arithmetic', () => {
  it('crosses 29 February and year ends', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2020-03-09', '2020-03-04')).toBe(-5);
  });
});

describe('timetable publication (≥ 5 days before the class starts)', () => {
  it('accepts exactly 5 days before and earlier', () => {
    expect(latestSchedulePublication('2020-03-09', policy)).toBe('2020-03-04');
    expect(() => checkSchedulePublication('2020-03-04', '2020-03-09', policy)).not.toThrow();
    expect(() => checkSchedulePublication('2020-02-20', '2020-03-09', policy)).not.toThrow();
  });

  it('refuses 4 days before, naming the numbers and the last day', () => {
    const error = errorOf(() => checkSchedulePublication('2020-03-05', '2020-03-09', policy));
    expect(error.extensions).toMatchObject({
      code: 'SCHEDULE_TOO_LATE',
      rule: 'SCHEDULE_TOO_LATE',
      leadDays: 4,
      minimumLeadDays: 5,
      latest: '2020-03-04',
    });
    expect(error.message).toBe(
      'The timetable published on 2020-03-05 is 4 days before the class starts on 2020-03-09; it must be published at least 5 days before, by 2020-03-04 (Zhejiang 2020 notice).',
    );
  });

  it('counts 29 February as a day', () => {
    expect(latestSchedulePublication('2020-03-05', policy)).toBe('2020-02-29');
    expect(() => checkSchedulePublication('2020-02-29', '2020-03-05', policy)).not.toThrow();
    expect(errorOf(() => checkSchedulePublication('2020-03-01', '2020-03-05', policy)).extensions).toMatchObject({ code: 'SCHEDULE_TOO_LATE', leadDays: 4 });
  });

  it('refuses publication on or after the first day', () => {
    expect(errorOf(() => checkSchedulePublication('2020-03-10', '2020-03-09', policy)).extensions).toMatchObject({ leadDays: -1 });
  });

  it('refuses malformed dates', () => {
    expect(errorOf(() => checkSchedulePublication('2021-02-29', '2021-03-09', policy)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATE_FORMAT' });
  });
});

describe('class plans', () => {
  const plan = (overrides: Partial<ClassPlan> = {}): ClassPlan => ({ name: '初中语文2班', startsOn: '2020-03-09', endsOn: '2020-03-13', capacity: 30, ...overrides });

  it('accepts a class on the first and the last day of the training window', () => {
    expect(() => checkClassPlan(plan(), calendar)).not.toThrow();
    expect(() => checkClassPlan(plan({ startsOn: '2020-08-31', endsOn: '2020-08-31' }), calendar)).not.toThrow();
  });

  it('refuses a class starting before or ending after the training window, naming both', () => {
    const early = errorOf(() => checkClassPlan(plan({ startsOn: '2020-03-08' }), calendar));
    expect(early.extensions).toMatchObject({ code: 'CLASS_OUTSIDE_TRAINING_WINDOW', from: '2020-03-09', to: '2020-08-31', startsOn: '2020-03-08' });
    expect(early.message).toContain('2020-03-09 to 2020-08-31');
    expect(errorOf(() => checkClassPlan(plan({ startsOn: '2020-08-28', endsOn: '2020-09-01' }), calendar)).extensions.code).toBe(
      'CLASS_OUTSIDE_TRAINING_WINDOW',
    );
  });

  it('refuses a class that ends before it starts', () => {
    expect(errorOf(() => checkClassPlan(plan({ endsOn: '2020-03-08' }), calendar)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'CLASS_ENDS_BEFORE_START',
    });
  });

  it.each([0, -3, 2.5, Number.NaN])('refuses a capacity of %p', (capacity) => {
    expect(errorOf(() => checkClassPlan(plan({ capacity }), calendar)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'CAPACITY_POSITIVE_INTEGER',
    });
  });

  it('accepts a one-day class and a single seat', () => {
    expect(() => checkClassPlan(plan({ endsOn: '2020-03-09', capacity: 1 }), calendar)).not.toThrow();
  });
});

describe('timetable flag', () => {
  it('flags a class with no timetable from 5 days before it starts in Zhejiang, never in Sichuan', () => {
    // Zhejiang 2020 notice (domain.md): "The timetable is published ≥ 5 days before the class starts."
    const none = { schedulePublishedOn: null, startsOn: '2020-03-09' };
    expect(timetableOverdue(none, '2020-03-03', policy)).toBe(false);
    expect(timetableOverdue(none, '2020-03-04', policy)).toBe(true);
    expect(timetableOverdue({ ...none, schedulePublishedOn: '2020-03-01' }, '2020-03-05', policy)).toBe(false);
    expect(timetableOverdue(none, '2020-03-08', SICHUAN_2017)).toBe(false);
  });
});
