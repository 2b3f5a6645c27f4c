import { DomainError } from '../../../kit/errors';
import { assertPlacement, importRowProblem, mismatchedField, noPlacementOnDate, placementOn, type RegisteredTeacher } from './placement';

// Moved from s1 (510104) to s2 (510105) on 2023-09-01.
const history = [
  { schoolId: 's1', regionCode: '510104', from: '2020-09-01', to: '2023-09-01' },
  { schoolId: 's2', regionCode: '510105', from: '2023-09-01', to: null },
];
const teacher: RegisteredTeacher = { idNumber: '11010519491231002X', current: { schoolId: 's2', regionCode: '510105' }, placements: history };
const row = { teacherId: 't1', idNumber: '11010519491231002X', schoolId: 's1', regionCode: '510104', earnedOn: '2022-05-10' };
const everywhere = () => true;

function thrown(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('the registry placement on a day (任职经历)', () => {
  it('finds the placement running on the day: from included, to excluded; none before the first', () => {
    expect(placementOn(history, '2023-08-31')).toEqual({ schoolId: 's1', regionCode: '510104' });
    expect(placementOn(history, '2023-09-01')).toEqual({ schoolId: 's2', regionCode: '510105' });
    expect(placementOn(history, '2030-01-01')).toEqual({ schoolId: 's2', regionCode: '510105' });
    expect(placementOn(history, '2020-08-31')).toBeNull();
  });

  it('names the school before the county when a claim differs', () => {
    const placed = { schoolId: 's1', regionCode: '510104' };
    expect(mismatchedField(placed, placed)).toBeNull();
    expect(mismatchedField(placed, { schoolId: 's2', regionCode: '510105' })).toBe('schoolId');
    expect(mismatchedField(placed, { schoolId: 's1', regionCode: '510105' })).toBe('regionCode');
  });

  it('refuses a claim naming another school or county with PLACEMENT_MISMATCH, the field named', () => {
    const placed = { schoolId: 's1', regionCode: '510104' };
    expect(() => assertPlacement(placed, { teacherId: 't1', ...placed }, '2022-05-10')).not.toThrow();
    const error = thrown(() => assertPlacement(placed, { teacherId: 't1', schoolId: 's9', regionCode: '510104' }, '2022-05-10'));
    expect(error.extensions).toMatchObject({ code: 'PLACEMENT_MISMATCH', rule: 'PLACEMENT_MISMATCH', field: 'schoolId' });
    expect(error.message).toMatch(/at school s1 in 510104 on 2022-05-10, not s9/);
  });

  it('refuses a day before the first placement as BAD_USER_INPUT with NO_PLACEMENT_ON_DATE on the date field', () => {
    expect(noPlacementOnDate('t1', '2019-01-01', 'completedOn').extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'NO_PLACEMENT_ON_DATE', field: 'completedOn' });
  });
});

describe('an imported row against the registry', () => {
  it('accepts the row at the placement on its date, the old school for a credit earned there', () => {
    expect(importRowProblem(row, teacher, everywhere)).toBeNull();
    expect(importRowProblem({ ...row, idNumber: null }, teacher, everywhere)).toBeNull();
    expect(importRowProblem({ ...row, schoolId: 's2', regionCode: '510105', earnedOn: '2024-01-01' }, teacher, everywhere)).toBeNull();
  });

  it('answers an unknown teacher, another 身份证号 and a teacher placed outside the scope alike: TEACHER_NOT_MATCHED, no number echoed', () => {
    const unknown = importRowProblem(row, undefined, everywhere);
    expect(unknown).toEqual({ column: 'teacherId', rule: 'TEACHER_NOT_MATCHED', reason: expect.any(String) });
    expect(importRowProblem({ ...row, idNumber: '110105194912310013' }, teacher, everywhere)).toEqual(unknown);
    // Scope is judged on the registry's placement on the day, not on the row's cells.
    expect(importRowProblem(row, teacher, (p) => p.regionCode === '510105')).toEqual(unknown);
    expect(unknown!.reason).not.toContain('110105');
  });

  it('names the date before the first placement, and the differing column of a row filed elsewhere', () => {
    expect(importRowProblem({ ...row, earnedOn: '2019-06-01' }, teacher, everywhere)).toMatchObject({ column: 'earnedOn', rule: 'NO_PLACEMENT_ON_DATE' });
    // Today's school, but the credit was earned before the move.
    expect(importRowProblem({ ...row, schoolId: 's2', regionCode: '510105' }, teacher, everywhere)).toMatchObject({ column: 'schoolId', rule: 'PLACEMENT_MISMATCH' });
    expect(importRowProblem({ ...row, regionCode: '510105' }, teacher, everywhere)).toMatchObject({ column: 'regionCode', rule: 'PLACEMENT_MISMATCH' });
  });

  it('judges scope on the current placement for a day before the first, so the date is told only to who may see the teacher', () => {
    expect(importRowProblem({ ...row, earnedOn: '2019-06-01' }, teacher, (p) => p.regionCode === '510104')).toMatchObject({ rule: 'TEACHER_NOT_MATCHED' });
  });
});
