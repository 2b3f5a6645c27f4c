import { assertSeparateDuties, isCountyTeacherSchoolOf, type DutyStep } from './duties';

function ruleOf(run: () => void): Record<string, unknown> | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
}

const registered: DutyStep = { czr: 'registrar', q: null, h: '0' };
const approved: DutyStep = { czr: 'reviewer', q: '0', h: '1' };

describe('separation of duties on an entry', () => {
  it('forbids the registrar to review (登记人不得审核), and lets anyone else', () => {
    expect(ruleOf(() => assertSeparateDuties('APPROVE', 'registrar', [registered]))).toEqual({ code: 'FORBIDDEN', rule: 'REGISTRAR_MAY_NOT_REVIEW' });
    expect(ruleOf(() => assertSeparateDuties('REJECT', 'registrar', [registered]))).toEqual({ code: 'FORBIDDEN', rule: 'REGISTRAR_MAY_NOT_REVIEW' });
    expect(ruleOf(() => assertSeparateDuties('APPROVE', 'reviewer', [registered]))).toBeNull();
  });

  it('forbids the approver to verify (审核人不得验证), but not the registrar, nor anyone to revoke', () => {
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'reviewer', [registered, approved]))).toEqual({ code: 'FORBIDDEN', rule: 'REVIEWER_MAY_NOT_VERIFY' });
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'registrar', [registered, approved]))).toBeNull();
    expect(ruleOf(() => assertSeparateDuties('REVOKE', 'reviewer', [registered, approved]))).toBeNull();
  });

  it('takes an imported entry’s importer as its registrar', () => {
    const imported: DutyStep = { czr: 'importer', q: null, h: '1' };
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'importer', [imported]))).toEqual({ code: 'FORBIDDEN', rule: 'REVIEWER_MAY_NOT_VERIFY' });
  });
});

describe('the county teacher school (县教师进修学校)', () => {
  it('acts for its own county only; other institutions for none', () => {
    expect(isCountyTeacherSchoolOf({ kind: 'COUNTY_TEACHER_SCHOOL', regionCode: '360102' }, '360102')).toBe(true);
    expect(isCountyTeacherSchoolOf({ kind: 'COUNTY_TEACHER_SCHOOL', regionCode: '360102' }, '360103')).toBe(false);
    expect(isCountyTeacherSchoolOf({ kind: 'NORMAL_UNIVERSITY', regionCode: '360102' }, '360102')).toBe(false);
    expect(isCountyTeacherSchoolOf(null, '360102')).toBe(false);
  });
});
