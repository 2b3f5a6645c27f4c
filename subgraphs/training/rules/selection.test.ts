import { ZHEJIANG_2020 as policy } from './policies';
import { termCalendar } from './policy';
import { checkSelection, needsSpecialAttention, openSelectionRound, selectionRoundOn, selectionViolations, type SelectionRequest } from './selection';
import { errorOf } from '../../../kit/testing';

const calendar = termCalendar(policy, '2020H1');


function request(overrides: Partial<SelectionRequest> = {}): SelectionRequest {
  return {
    round: 1,
    on: '2020-02-10',
    calendar,
    teacherSelectedInRound1: false,
    audience: { stages: ['PRIMARY', 'JUNIOR_SECONDARY'], subjects: ['数学'], regionPrefixes: ['3301'] },
    teacher: { stage: 'PRIMARY', subject: '数学', regionCode: '330106' },
    alreadyEnrolledInClass: false,
    trainingClass: { name: '小学数学1班', capacity: 30, seatsTaken: 12 },
    ...overrides,
  };
}

function codes(r: SelectionRequest): unknown[] {
  return selectionViolations(r).map((error) => error.extensions.code);
}

describe('selection rounds', () => {
  it.each([
    ['2020-02-05', null],
    ['2020-02-06', 1],
    ['2020-02-14', 1],
    ['2020-02-15', null],
    ['2020-02-25', null],
    ['2020-02-26', 2],
    ['2020-02-29', 2],
    ['2020-03-01', 2],
    ['2020-03-02', null],
  ] as const)('on %s the open round is %p', (date, round) => {
    expect(selectionRoundOn(calendar, date)).toBe(round);
  });

  it('gives the open round for a teacher\'s own selection, or SELECTION_CLOSED naming both rounds', () => {
    expect(openSelectionRound(calendar, '2020-02-06')).toBe(1);
    expect(openSelectionRound(calendar, '2020-02-29')).toBe(2);
    const error = errorOf(() => openSelectionRound(calendar, '2020-02-20'));
    expect(error.extensions).toMatchObject({ code: 'SELECTION_CLOSED', rule: 'SELECTION_CLOSED', on: '2020-02-20' });
    expect(error.message).toBe(
      'Course selection for term 2020H1 is closed on 2020-02-20; the rounds are 2020-02-06 to 2020-02-14 and 2020-02-26 to 2020-03-01.',
    );
  });

  it('accepts a selection on the first and last day of each round', () => {
    expect(codes(request({ round: 1, on: '2020-02-06' }))).toEqual([]);
    expect(codes(request({ round: 1, on: '2020-02-14' }))).toEqual([]);
    expect(codes(request({ round: 2, on: '2020-02-26', teacherSelectedInRound1: true }))).toEqual([]);
    expect(codes(request({ round: 2, on: '2020-03-01', teacherSelectedInRound1: true }))).toEqual([]);
  });

  it('refuses a selection outside its round, naming the windows and the date', () => {
    const error = errorOf(() => checkSelection(request({ round: 1, on: '2020-02-15' })));
    expect(error.extensions).toMatchObject({ code: 'SELECTION_CLOSED', round: 1, from: '2020-02-06', to: '2020-02-14', on: '2020-02-15' });
    expect(error.message).toContain('2020-02-06 to 2020-02-14');
    expect(error.message).toContain('2020-02-26 to 2020-03-01');
    expect(error.message).toContain('2020-02-15');
    expect(codes(request({ round: 2, on: '2020-02-10', teacherSelectedInRound1: true }))).toEqual(['SELECTION_CLOSED']);
  });

  it('refuses round 2 to a teacher who selected nothing in round 1', () => {
    const error = errorOf(() => checkSelection(request({ round: 2, on: '2020-02-29', teacherSelectedInRound1: false })));
    expect(error.extensions).toMatchObject({ code: 'ROUND_TWO_REQUIRES_ROUND_ONE', rule: 'ROUND_TWO_REQUIRES_ROUND_ONE' });
    expect(error.message).toContain('round 1 (2020-02-06 to 2020-02-14)');
  });
});

describe('direct assignment (选派, round 0)', () => {
  it('bypasses the rounds and the round-1 requirement', () => {
    expect(codes(request({ round: 0, on: '2020-03-05', teacherSelectedInRound1: false }))).toEqual([]);
  });

  it('does not bypass the audience, duplicates or capacity', () => {
    const outsider = request({ round: 0, on: '2020-03-05', teacher: { stage: 'KINDERGARTEN', subject: '数学', regionCode: '330106' } });
    expect(codes(outsider)).toEqual(['NOT_IN_AUDIENCE']);
    expect(codes(request({ round: 0, on: '2020-03-05', alreadyEnrolledInClass: true }))).toEqual(['ALREADY_SELECTED']);
    expect(codes(request({ round: 0, on: '2020-03-05', trainingClass: { name: '小学数学1班', capacity: 30, seatsTaken: 30 } }))).toEqual(['CLASS_FULL']);
  });
});

describe('audience', () => {
  it('refuses a teacher of another stage, naming the stages', () => {
    const error = errorOf(() => checkSelection(request({ teacher: { stage: 'KINDERGARTEN', subject: '数学', regionCode: '330106' } })));
    expect(error.extensions).toMatchObject({ code: 'NOT_IN_AUDIENCE', dimension: 'stage', actual: 'KINDERGARTEN' });
    expect(error.message).toBe('Class 小学数学1班 is for teachers whose stage is PRIMARY or JUNIOR_SECONDARY; yours is KINDERGARTEN.');
  });

  it('names the assigned teacher (选派) whose stage is outside the audience', () => {
    const error = errorOf(() => checkSelection(request({ round: 0, teacher: { stage: 'KINDERGARTEN', subject: '数学', regionCode: '330106', assignedId: 't-9' } })));
    expect(error.extensions).toMatchObject({ code: 'NOT_IN_AUDIENCE', dimension: 'stage', teacherId: 't-9' });
    expect(error.message).toContain("teacher t-9's is KINDERGARTEN");
  });

  it('refuses a teacher of another subject', () => {
    expect(errorOf(() => checkSelection(request({ teacher: { stage: 'PRIMARY', subject: '语文', regionCode: '330106' } }))).extensions).toMatchObject({
      code: 'NOT_IN_AUDIENCE',
      dimension: 'subject',
    });
  });

  it('matches regions by code prefix', () => {
    expect(codes(request({ teacher: { stage: 'PRIMARY', subject: '数学', regionCode: '330100' } }))).toEqual([]);
    const error = errorOf(() => checkSelection(request({ teacher: { stage: 'PRIMARY', subject: '数学', regionCode: '330206' } })));
    expect(error.extensions).toMatchObject({ code: 'NOT_IN_AUDIENCE', dimension: 'region', wanted: ['3301'] });
    expect(error.message).toContain('region code starts with 3301; yours is 330206');
  });

  it('admits anyone on an empty list', () => {
    const open = request({
      audience: { stages: [], subjects: [], regionPrefixes: [] },
      teacher: { stage: 'VOCATIONAL', subject: '机械', regionCode: '510104' },
    });
    expect(codes(open)).toEqual([]);
  });
});

describe('duplicates and capacity', () => {
  it('refuses a second selection of the same class', () => {
    const error = errorOf(() => checkSelection(request({ alreadyEnrolledInClass: true })));
    expect(error.extensions).toMatchObject({ code: 'ALREADY_SELECTED' });
    expect(error.message).toContain('小学数学1班');
  });

  it('accepts the last free seat and refuses a full class', () => {
    expect(codes(request({ trainingClass: { name: '小学数学1班', capacity: 30, seatsTaken: 29 } }))).toEqual([]);
    const error = errorOf(() => checkSelection(request({ trainingClass: { name: '小学数学1班', capacity: 30, seatsTaken: 30 } })));
    expect(error.message).toBe('Class 小学数学1班 is full: 30 of 30 seats taken.');
  });

  it('lists every violation in order', () => {
    const everything = request({
      round: 2,
      on: '2020-02-27',
      teacherSelectedInRound1: false,
      alreadyEnrolledInClass: true,
      teacher: { stage: 'KINDERGARTEN', subject: '数学', regionCode: '330106' },
      trainingClass: { name: '小学数学1班', capacity: 30, seatsTaken: 31 },
    });
    expect(codes(everything)).toEqual(['ROUND_TWO_REQUIRES_ROUND_ONE', 'ALREADY_SELECTED', 'NOT_IN_AUDIENCE', 'CLASS_FULL']);
  });
});

describe('special attention (90 credits and above)', () => {
  it('flags exactly 90 credits and more, not 89.999', () => {
    expect(needsSpecialAttention(90_000, policy)).toBe(true);
    expect(needsSpecialAttention(120_000, policy)).toBe(true);
    expect(needsSpecialAttention(89_999, policy)).toBe(false);
  });
});
