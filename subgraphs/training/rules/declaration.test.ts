import {
  checkDeclaration,
  countsAgainstQuota,
  declarationQuotaFor,
  declarationViolations,
  onlineShareCap,
  type Declaration,
  type DeclarationContext,
  type DeclaringInstitution,
} from './declaration';
import { SICHUAN_2017, ZHEJIANG_2020 as policy } from './policies';
import { termCalendar, type TermCalendar } from './policy';
import { errorOf } from '../../../kit/testing';

const calendar = termCalendar(policy, '2020H1');

const zjnu: DeclaringInstitution = { id: 'zjnu', name: '浙江师范大学', kind: 'NORMAL_UNIVERSITY', accreditedSince: '2005-01-01' };

function declaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    term: '2020H1',
    level: 'PROVINCIAL',
    mode: 'OFFLINE',
    totalCreditsMilli: 90_000,
    onlineCreditsMilli: 0,
    leader: { name: '张三', title: 'ASSOCIATE_SENIOR', institutionId: 'zjnu' },
    classCount: 1,
    fees: [
      { item: 'TRAINING', amountMilli: 1_200_000 },
      { item: 'ACCOMMODATION', amountMilli: 900_000 },
      { item: 'MEALS', amountMilli: 400_000 },
    ],
    audience: { stages: ['PRIMARY'], subjects: [], regionPrefixes: ['33'] },
    trainerCount: 2,
    ...overrides,
  };
}

function context(overrides: Partial<DeclarationContext> = {}): DeclarationContext {
  return {
    institution: zjnu,
    calendar,
    on: '2020-01-02',
    resubmission: false,
    leaderClassesInTerm: 0,
    institutionDeclarationsInTerm: 0,
    ...overrides,
  };
}


function codes(d: Declaration, c: DeclarationContext = context()): unknown[] {
  return declarationViolations(d, c, policy).map((error) => error.extensions.code);
}

function hybrid(level: Declaration['level'], totalCredits: number, onlineMilli: number): Declaration {
  return declaration({ level, mode: 'HYBRID', totalCreditsMilli: totalCredits * 1000, onlineCreditsMilli: onlineMilli });
}

describe('a valid declaration', () => {
  it('passes every rule', () => {
    expect(declarationViolations(declaration(), context(), policy)).toEqual([]);
    expect(() => checkDeclaration(declaration(), context(), policy)).not.toThrow();
  });
});

describe('declaration window', () => {
  it('includes the first and the last day', () => {
    expect(codes(declaration(), context({ on: '2019-12-26' }))).toEqual([]);
    expect(codes(declaration(), context({ on: '2020-01-07' }))).toEqual([]);
  });

  it('refuses the day before and the day after, naming the window and the date', () => {
    expect(codes(declaration(), context({ on: '2019-12-25' }))).toEqual(['OUTSIDE_WINDOW']);
    const error = errorOf(() => checkDeclaration(declaration(), context({ on: '2020-01-08' }), policy));
    expect(error.extensions).toMatchObject({ code: 'OUTSIDE_WINDOW', rule: 'OUTSIDE_WINDOW', from: '2019-12-26', to: '2020-01-07', on: '2020-01-08' });
    expect(error.message).toContain('2019-12-26 to 2020-01-07');
    expect(error.message).toContain('2020-01-08');
  });

  it('lets a rejected project be resubmitted until the review window ends', () => {
    expect(codes(declaration(), context({ on: '2020-01-17', resubmission: true }))).toEqual([]);
    expect(codes(declaration(), context({ on: '2020-01-18', resubmission: true }))).toEqual(['OUTSIDE_WINDOW']);
  });
});

describe('project leader', () => {
  it('must be staff of the declaring institution', () => {
    const d = declaration({ leader: { name: '李四', title: 'SENIOR', institutionId: 'hznu' } });
    const error = errorOf(() => checkDeclaration(d, context(), policy));
    expect(error.extensions).toMatchObject({ code: 'LEADER_NOT_STAFF', rule: 'LEADER_NOT_STAFF' });
    expect(error.message).toContain('李四');
    expect(error.message).toContain('浙江师范大学');
  });

  it('of a province-wide project holds at least 副高', () => {
    for (const level of ['PROVINCIAL', 'NATIONAL'] as const) {
      const d = declaration({ level, leader: { name: '张三', title: 'INTERMEDIATE', institutionId: 'zjnu' } });
      const error = errorOf(() => checkDeclaration(d, context(), policy));
      expect(error.extensions).toMatchObject({ code: 'LEADER_TITLE_TOO_LOW', title: 'INTERMEDIATE', minimumTitle: 'ASSOCIATE_SENIOR' });
      expect(error.message).toContain('副高');
    }
    expect(codes(declaration({ leader: { name: '张三', title: 'SENIOR', institutionId: 'zjnu' } }))).toEqual([]);
  });

  it('of a city, county or school project may hold a lower title', () => {
    for (const level of ['CITY', 'COUNTY', 'SCHOOL'] as const) {
      expect(codes(declaration({ level, leader: { name: '张三', title: 'JUNIOR', institutionId: 'zjnu' } }))).toEqual([]);
    }
  });

  it('may lead exactly 4 classes in a term, counting existing ones', () => {
    expect(codes(declaration({ classCount: 1 }), context({ leaderClassesInTerm: 3 }))).toEqual([]);
    expect(codes(declaration({ classCount: 4 }), context({ leaderClassesInTerm: 0 }))).toEqual([]);
  });

  it('may not lead a 5th class', () => {
    const error = errorOf(() => checkDeclaration(declaration({ classCount: 1 }), context({ leaderClassesInTerm: 4 }), policy));
    expect(error.extensions).toMatchObject({ code: 'LEADER_CLASS_LIMIT', existing: 4, adding: 1, max: 4 });
    expect(error.message).toBe(
      'Leader 张三 already leads 4 classes in term 2020H1 and this declaration adds 1; a leader may lead at most 4 (Zhejiang 2020 notice).',
    );
    expect(codes(declaration({ classCount: 3 }), context({ leaderClassesInTerm: 2 }))).toEqual(['LEADER_CLASS_LIMIT']);
  });
});

describe('declaration quota per term', () => {
  const cases = [
    { kind: 'NORMAL_UNIVERSITY', quota: 80 },
    { kind: 'OTHER_UNIVERSITY', quota: 50 },
    { kind: 'PROVINCIAL_INSTITUTION', quota: 50 },
    { kind: 'REMOTE_TRAINING_INSTITUTION', quota: 35 },
  ] as const;

  it.each(cases)('lets a $kind declare its $quota-th project and refuses the next', ({ kind, quota }) => {
    const institution = { ...zjnu, kind };
    expect(codes(declaration(), context({ institution, institutionDeclarationsInTerm: quota - 1 }))).toEqual([]);
    const error = errorOf(() => checkDeclaration(declaration(), context({ institution, institutionDeclarationsInTerm: quota }), policy));
    expect(error.extensions).toMatchObject({ code: 'DECLARATION_QUOTA_EXCEEDED', kind, quota, count: quota });
    expect(error.message).toContain(kind);
    expect(error.message).toContain(`at most ${quota}`);
    expect(error.message).toContain(`already declared ${quota}`);
  });

  it('sets no quota for an established county teacher school', () => {
    const institution: DeclaringInstitution = { ...zjnu, kind: 'COUNTY_TEACHER_SCHOOL' };
    expect(declarationQuotaFor(institution, calendar, policy)).toBeNull();
    expect(codes(declaration(), context({ institution, institutionDeclarationsInTerm: 500 }))).toEqual([]);
  });

  it('applies a county teacher school quota when a province configures one', () => {
    const configured = {
      ...policy,
      declarationQuota: { ...policy.declarationQuota!, perTermByKind: { ...policy.declarationQuota!.perTermByKind, COUNTY_TEACHER_SCHOOL: 20 } },
    };
    const institution: DeclaringInstitution = { ...zjnu, kind: 'COUNTY_TEACHER_SCHOOL' };
    expect(declarationQuotaFor(institution, calendar, configured)).toEqual({ quota: 20, basis: 'COUNTY_TEACHER_SCHOOL' });
  });

  it('gives 8 to an institution accredited less than a year before declarations open, whatever its kind', () => {
    const institution: DeclaringInstitution = { ...zjnu, accreditedSince: '2018-12-27' };
    expect(declarationQuotaFor(institution, calendar, policy)).toEqual({ quota: 8, basis: 'NEWLY_ACCREDITED' });
    expect(declarationQuotaFor({ ...institution, kind: 'COUNTY_TEACHER_SCHOOL' }, calendar, policy)).toEqual({ quota: 8, basis: 'NEWLY_ACCREDITED' });
    expect(codes(declaration(), context({ institution, institutionDeclarationsInTerm: 7 }))).toEqual([]);
    const error = errorOf(() => checkDeclaration(declaration(), context({ institution, institutionDeclarationsInTerm: 8 }), policy));
    expect(error.extensions).toMatchObject({ code: 'DECLARATION_QUOTA_EXCEEDED', basis: 'NEWLY_ACCREDITED', quota: 8, count: 8 });
    expect(error.message).toContain('accredited 2018-12-27');
  });

  it('treats accreditation exactly one year before the window opens as established', () => {
    expect(declarationQuotaFor({ ...zjnu, accreditedSince: '2018-12-26' }, calendar, policy)).toEqual({ quota: 80, basis: 'NORMAL_UNIVERSITY' });
  });

  it('treats an accreditation after the window opened as new', () => {
    expect(declarationQuotaFor({ ...zjnu, accreditedSince: '2020-01-03' }, calendar, policy)?.basis).toBe('NEWLY_ACCREDITED');
  });

  it('takes 28 February as the anniversary of a 29 February accreditation', () => {
    const opening = (from: string): TermCalendar => ({ ...calendar, declaration: { from, to: '2021-03-10' } });
    const leapDay: DeclaringInstitution = { ...zjnu, accreditedSince: '2020-02-29' };
    expect(declarationQuotaFor(leapDay, opening('2021-02-27'), policy)?.basis).toBe('NEWLY_ACCREDITED');
    expect(declarationQuotaFor(leapDay, opening('2021-02-28'), policy)?.basis).toBe('NORMAL_UNIVERSITY');
  });
});

describe('credits and mode', () => {
  it('accepts offline with no online credits and online with all credits online', () => {
    expect(codes(declaration({ mode: 'OFFLINE', onlineCreditsMilli: 0 }))).toEqual([]);
    expect(codes(declaration({ mode: 'ONLINE', totalCreditsMilli: 30_000, onlineCreditsMilli: 30_000 }))).toEqual([]);
  });

  it.each([
    ['OFFLINE with online credits', { mode: 'OFFLINE', onlineCreditsMilli: 1_000 }],
    ['ONLINE with offline credits', { mode: 'ONLINE', totalCreditsMilli: 30_000, onlineCreditsMilli: 29_500 }],
    ['HYBRID without online credits', { mode: 'HYBRID', onlineCreditsMilli: 0 }],
    ['HYBRID with only online credits', { mode: 'HYBRID', totalCreditsMilli: 30_000, onlineCreditsMilli: 30_000 }],
    ['no credits at all', { mode: 'OFFLINE', totalCreditsMilli: 0 }],
    ['more online than total', { mode: 'ONLINE', totalCreditsMilli: 30_000, onlineCreditsMilli: 31_000 }],
    ['negative online credits', { mode: 'HYBRID', onlineCreditsMilli: -1_000 }],
  ] as const)('refuses %s', (_, overrides) => {
    const error = errorOf(() => checkDeclaration(declaration(overrides), context(), policy));
    expect(error.extensions).toMatchObject({ code: 'CREDITS_MODE_MISMATCH', rule: 'CREDITS_MODE_MISMATCH', mode: overrides.mode });
  });

  it('names the declared numbers', () => {
    const error = errorOf(() => checkDeclaration(declaration({ mode: 'OFFLINE', onlineCreditsMilli: 2_500 }), context(), policy));
    expect(error.message).toContain('2.5 online of 90 credits');
  });
});

describe('online share of hybrid projects', () => {
  it('caps a provincial 90-credit project at 1/4: exactly 22.5 online is allowed', () => {
    expect(onlineShareCap({ level: 'PROVINCIAL', totalCreditsMilli: 90_000 }, policy)!.cap).toEqual({ numerator: 1, denominator: 4 });
    expect(codes(hybrid('PROVINCIAL', 90, 22_500))).toEqual([]);
  });

  it('refuses a provincial 90-credit project just above 1/4, naming the cap', () => {
    expect(codes(hybrid('PROVINCIAL', 90, 22_501))).toEqual(['ONLINE_SHARE_OVER_CAP']);
    const error = errorOf(() => checkDeclaration(hybrid('PROVINCIAL', 90, 25_000), context(), policy));
    expect(error.extensions).toMatchObject({ code: 'ONLINE_SHARE_OVER_CAP', capNumerator: 1, capDenominator: 4, onlineCreditsMilli: 25_000 });
    expect(error.message).toContain('Online credits 25 of 90 exceed 1/4 for a provincial 90-credit project');
    expect(error.message).toContain('at most 22.5');
  });

  it('keeps the 1/4 cap for provincial projects above 90 credits', () => {
    expect(codes(hybrid('PROVINCIAL', 120, 30_000))).toEqual([]);
    expect(codes(hybrid('PROVINCIAL', 120, 30_001))).toEqual(['ONLINE_SHARE_OVER_CAP']);
  });

  it('caps every other hybrid project at 1/3: exactly 1/3 is allowed, just above is not', () => {
    expect(codes(hybrid('PROVINCIAL', 30, 10_000))).toEqual([]);
    expect(codes(hybrid('PROVINCIAL', 30, 10_001))).toEqual(['ONLINE_SHARE_OVER_CAP']);
    expect(codes(hybrid('NATIONAL', 90, 30_000))).toEqual([]);
    expect(codes(hybrid('CITY', 90, 30_000))).toEqual([]);
    const error = errorOf(() => checkDeclaration(hybrid('CITY', 90, 30_001), context(), policy));
    expect(error.message).toContain('Online credits 30.001 of 90 exceed 1/3 for a hybrid project');
    expect(error.extensions).toMatchObject({ capNumerator: 1, capDenominator: 3 });
  });

  it('compares exactly when a third is not a whole number of thousandths', () => {
    expect(codes(hybrid('COUNTY', 10, 3_333))).toEqual([]);
    expect(codes(hybrid('COUNTY', 10, 3_334))).toEqual(['ONLINE_SHARE_OVER_CAP']);
  });
});

describe('fees', () => {
  it('allows the three items, zero included', () => {
    expect(codes(declaration({ fees: [{ item: 'TRAINING', amountMilli: 0 }] }))).toEqual([]);
    expect(codes(declaration({ fees: [] }))).toEqual([]);
  });

  it('refuses any other item, naming the allowed ones', () => {
    const error = errorOf(() => checkDeclaration(declaration({ fees: [{ item: 'MATERIALS', amountMilli: 50_000 }] }), context(), policy));
    expect(error.extensions).toMatchObject({ code: 'FEE_ITEM_NOT_ALLOWED', item: 'MATERIALS' });
    expect(error.message).toContain('TRAINING, ACCOMMODATION, MEALS');
  });

  it('refuses a negative fee, naming the amount', () => {
    const error = errorOf(() => checkDeclaration(declaration({ fees: [{ item: 'MEALS', amountMilli: -10_500 }] }), context(), policy));
    expect(error.extensions).toMatchObject({ code: 'FEE_NEGATIVE', item: 'MEALS', amountMilli: -10_500 });
    expect(error.message).toContain('-10.5');
  });

  it('refuses an item listed twice as malformed input', () => {
    const fees = [
      { item: 'MEALS', amountMilli: 1_000 },
      { item: 'MEALS', amountMilli: 2_000 },
    ];
    expect(errorOf(() => checkDeclaration(declaration({ fees }), context(), policy)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'FEE_ITEM_DUPLICATE',
    });
  });
});

describe('audience', () => {
  it('needs at least one stage', () => {
    const error = errorOf(() => checkDeclaration(declaration({ audience: { stages: [], subjects: [], regionPrefixes: [] } }), context(), policy));
    expect(error.extensions).toMatchObject({ code: 'AUDIENCE_MISSING', rule: 'AUDIENCE_MISSING' });
  });
});

describe('malformed input', () => {
  it.each([
    [{ classCount: 0 }, {}, 'CLASS_COUNT_MISSING'],
    [{ classCount: 1.5 }, {}, 'COUNT_FORMAT'],
    [{}, { leaderClassesInTerm: -1 }, 'COUNT_FORMAT'],
    [{ totalCreditsMilli: 90.5 }, {}, 'DECIMAL_FORMAT'],
    [{}, { on: '2020-02-30' }, 'DATE_FORMAT'],
  ] as const)('refuses %p %p as %s', (d, c, rule) => {
    expect(errorOf(() => declarationViolations(declaration(d), context(c), policy)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
  });
});

describe('all violations at once', () => {
  it('lists every violated rule in order, and checkDeclaration throws the first', () => {
    const bad = declaration({
      level: 'NATIONAL',
      mode: 'HYBRID',
      totalCreditsMilli: 30_000,
      onlineCreditsMilli: 20_000,
      leader: { name: '王五', title: 'INTERMEDIATE', institutionId: 'other' },
      classCount: 2,
      fees: [
        { item: 'BOOKS', amountMilli: 1_000 },
        { item: 'MEALS', amountMilli: -1 },
      ],
      audience: { stages: [], subjects: [], regionPrefixes: [] },
    });
    const c = context({ on: '2020-01-10', leaderClassesInTerm: 3, institutionDeclarationsInTerm: 80 });
    expect(codes(bad, c)).toEqual([
      'OUTSIDE_WINDOW',
      'LEADER_NOT_STAFF',
      'LEADER_TITLE_TOO_LOW',
      'LEADER_CLASS_LIMIT',
      'DECLARATION_QUOTA_EXCEEDED',
      'ONLINE_SHARE_OVER_CAP',
      'FEE_ITEM_NOT_ALLOWED',
      'FEE_NEGATIVE',
      'AUDIENCE_MISSING',
    ]);
    expect(errorOf(() => checkDeclaration(bad, c, policy)).extensions.code).toBe('OUTSIDE_WINDOW');
  });
});

describe('rules a province does not configure are not applied (Sichuan notice 省执行办 2017 第01号 gives none)', () => {
  it('accepts under Sichuan what Zhejiang refuses, and names the policy a refusal was judged under', () => {
    const lax = declaration({ leader: { name: '张三', title: 'JUNIOR', institutionId: 'zjnu' }, classCount: 9, mode: 'HYBRID', onlineCreditsMilli: 80_000, trainerCount: 0 });
    expect(declarationViolations(lax, context({ leaderClassesInTerm: 10, institutionDeclarationsInTerm: 500 }), SICHUAN_2017)).toEqual([]);
    const [first] = declarationViolations(lax, context(), policy);
    expect(first.extensions).toMatchObject({ policyId: 'zhejiang-2020', citation: 'Zhejiang 2020 notice' });
  });
});

describe('trainers at declaration', () => {
  it('refuses a Zhejiang declaration without trainers', () => {
    // Zhejiang 2020 notice (domain.md): "Trainer (expert) details are entered at declaration."
    expect(codes(declaration({ trainerCount: 0 }))).toEqual(['TRAINERS_MISSING']);
    expect(codes(declaration({ trainerCount: 1 }))).toEqual([]);
  });
});

describe('quota scope', () => {
  it('counts only projects 面向全省 against the Zhejiang quota', () => {
    // Zhejiang 2020 notice (issue 16): the 80/50/35/8 quotas are for projects 面向全省; cities and counties set their own (由各地…设定).
    expect(countsAgainstQuota('PROVINCIAL', policy)).toBe(true);
    expect(countsAgainstQuota('NATIONAL', policy)).toBe(true);
    expect(countsAgainstQuota('CITY', policy)).toBe(false);
    expect(countsAgainstQuota('COUNTY', policy)).toBe(false);
    expect(codes(declaration({ level: 'CITY', totalCreditsMilli: 24_000 }), context({ institutionDeclarationsInTerm: 500 }))).toEqual([]);
  });
});
