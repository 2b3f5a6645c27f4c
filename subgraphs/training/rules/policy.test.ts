import { ZHEJIANG_2020 as ZHEJIANG_2020_POLICY } from './policies';
import { describeWindow, isWithinWindow, termCalendar, titleAtLeast, type DateWindow } from './policy';
import { errorOf } from '../../../kit/testing';


const calendar = termCalendar(ZHEJIANG_2020_POLICY, '2020H1');

describe('Zhejiang 2020 policy data', () => {
  it('carries the notice numbers', () => {
    expect(ZHEJIANG_2020_POLICY.declarationQuota!.perTermByKind).toEqual({
      NORMAL_UNIVERSITY: 80,
      OTHER_UNIVERSITY: 50,
      PROVINCIAL_INSTITUTION: 50,
      REMOTE_TRAINING_INSTITUTION: 35,
    });
    expect(ZHEJIANG_2020_POLICY.declarationQuota!.newlyAccredited).toEqual({ accreditedForLessThanYears: 1, quota: 8 });
    expect(ZHEJIANG_2020_POLICY.maxClassesPerLeaderPerTerm).toBe(4);
    expect(ZHEJIANG_2020_POLICY.minimumProvinceWideLeaderTitle).toBe('ASSOCIATE_SENIOR');
    expect(ZHEJIANG_2020_POLICY.hybridOnlineCaps.fullCourse!.cap).toEqual({ numerator: 1, denominator: 4 });
    expect(ZHEJIANG_2020_POLICY.hybridOnlineCaps.other).toEqual({ numerator: 1, denominator: 3 });
    expect(ZHEJIANG_2020_POLICY.scheduleLeadDays).toBe(5);
    expect(ZHEJIANG_2020_POLICY.allowedFeeItems).toEqual(['TRAINING', 'ACCOMMODATION', 'MEALS']);
    expect(ZHEJIANG_2020_POLICY.specialAttentionCreditsMilli).toBe(90_000);
  });

  it('sets no quota for county teacher schools', () => {
    expect(ZHEJIANG_2020_POLICY.declarationQuota!.perTermByKind.COUNTY_TEACHER_SCHOOL).toBeUndefined();
  });

  it('schedules term 2020H1 as in the notice', () => {
    expect(calendar).toEqual({
      term: '2020H1',
      declaration: { from: '2019-12-26', to: '2020-01-07' },
      review: { from: '2020-01-08', to: '2020-01-17' },
      publishOn: '2020-01-20',
      schoolDataUpdate: { from: '2019-12-26', to: '2020-01-15' },
      selection: { round1: { from: '2020-02-06', to: '2020-02-14' }, round2: { from: '2020-02-26', to: '2020-03-01' } },
      training: { from: '2020-03-09', to: '2020-08-31' },
    });
  });

  it('keeps the steps of the term in order', () => {
    const steps: DateWindow[] = [
      calendar.declaration,
      calendar.review,
      { from: calendar.publishOn, to: calendar.publishOn },
      calendar.selection.round1,
      calendar.selection.round2,
      calendar.training,
    ];
    for (const [index, step] of steps.entries()) {
      expect(step.from <= step.to).toBe(true);
      if (index > 0) expect(steps[index - 1].to < step.from).toBe(true);
    }
    expect(calendar.schoolDataUpdate.to < calendar.selection.round1.from).toBe(true);
  });
});

describe('term calendars and windows', () => {
  it('refuses a term the policy does not schedule, naming the known terms', () => {
    const error = errorOf(() => termCalendar(ZHEJIANG_2020_POLICY, '1999H1'));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'UNKNOWN_TERM', field: 'term' });
    expect(error.message).toContain('2020H1');
  });

  it('includes the first and last day of a window', () => {
    expect(isWithinWindow(calendar.declaration, '2019-12-25')).toBe(false);
    expect(isWithinWindow(calendar.declaration, '2019-12-26')).toBe(true);
    expect(isWithinWindow(calendar.declaration, '2020-01-07')).toBe(true);
    expect(isWithinWindow(calendar.declaration, '2020-01-08')).toBe(false);
    expect(describeWindow(calendar.declaration)).toBe('2019-12-26 to 2020-01-07');
  });

  it('handles 29 February inside a window and refuses impossible dates', () => {
    expect(isWithinWindow(calendar.selection.round2, '2020-02-29')).toBe(true);
    expect(errorOf(() => isWithinWindow(calendar.selection.round2, '2019-02-29')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'DATE_FORMAT',
    });
  });
});

describe('professional titles', () => {
  it('orders NONE < JUNIOR < INTERMEDIATE < ASSOCIATE_SENIOR < SENIOR', () => {
    expect(titleAtLeast('SENIOR', 'ASSOCIATE_SENIOR')).toBe(true);
    expect(titleAtLeast('ASSOCIATE_SENIOR', 'ASSOCIATE_SENIOR')).toBe(true);
    expect(titleAtLeast('INTERMEDIATE', 'ASSOCIATE_SENIOR')).toBe(false);
    expect(titleAtLeast('JUNIOR', 'INTERMEDIATE')).toBe(false);
    expect(titleAtLeast('NONE', 'NONE')).toBe(true);
  });
});
