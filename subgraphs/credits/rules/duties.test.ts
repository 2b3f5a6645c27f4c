import { computeCreditAccount } from './account';
import { cycleContaining } from './cycle';
import { JIANGXI, ZHEJIANG } from './policies';
import { dutiesOf } from './policy';
import {
  assertSeparateDuties,
  DEFAULT_DUTIES,
  pendingStatuses,
  REGISTRAR_MAY_NOT_REVIEW,
  REPORT_REQUIRED,
  reportRolesOf,
  REVIEWER_MAY_NOT_VERIFY,
  waitingStatuses,
  type TrailStep,
} from './duties';

const trail: TrailStep[] = [
  { actorId: 'registrar', actorRole: 'SCHOOL_ADMIN', from: null, to: 'REGISTERED' },
  { actorId: 'reviewer', actorRole: 'COUNTY_BUREAU', from: 'REGISTERED', to: 'APPROVED' },
];
const ruleOf = (work: () => void) => {
  try {
    work();
    return null;
  } catch (error) {
    return (error as { extensions: { code: string; rule: string } }).extensions;
  }
};

describe('separation of duties', () => {
  it('refuses the registrar as reviewer and the reviewer as verifier, and lets others through', () => {
    expect(ruleOf(() => assertSeparateDuties('APPROVE', 'registrar', trail.slice(0, 1), DEFAULT_DUTIES))).toEqual({ code: 'FORBIDDEN', rule: REGISTRAR_MAY_NOT_REVIEW });
    expect(ruleOf(() => assertSeparateDuties('REJECT', 'registrar', trail.slice(0, 1), DEFAULT_DUTIES))).toEqual({ code: 'FORBIDDEN', rule: REGISTRAR_MAY_NOT_REVIEW });
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'reviewer', trail, DEFAULT_DUTIES))).toEqual({ code: 'FORBIDDEN', rule: REVIEWER_MAY_NOT_VERIFY });
    expect(ruleOf(() => assertSeparateDuties('APPROVE', 'reviewer', trail.slice(0, 1), DEFAULT_DUTIES))).toBeNull();
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'registrar', trail, DEFAULT_DUTIES))).toBeNull();
    expect(ruleOf(() => assertSeparateDuties('REVOKE', 'registrar', trail, DEFAULT_DUTIES))).toBeNull();
  });

  it('follows a policy that does not separate a step', () => {
    const relaxed = { ...DEFAULT_DUTIES, registrarMayNotReview: false, reviewerMayNotVerify: false };
    expect(ruleOf(() => assertSeparateDuties('APPROVE', 'registrar', trail.slice(0, 1), relaxed))).toBeNull();
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'reviewer', trail, relaxed))).toBeNull();
  });

  it('counts APPROVED as pending where only VERIFIED is earned, and REPORTED where the province reports up', () => {
    expect(pendingStatuses(DEFAULT_DUTIES)).toEqual(['REGISTERED']);
    expect(pendingStatuses({ ...DEFAULT_DUTIES, earnedStatuses: ['VERIFIED'] })).toEqual(['REGISTERED', 'APPROVED']);
    expect(pendingStatuses({ ...DEFAULT_DUTIES, earnedStatuses: ['VERIFIED'], reportedBy: ['SCHOOL_ADMIN'] })).toEqual(['REGISTERED', 'APPROVED', 'REPORTED']);
    expect(waitingStatuses(['APPROVED', 'VERIFIED'])).toEqual(['REGISTERED', 'REPORTED']);
  });
});

describe('上报 (report up) before verification', () => {
  const reporting = { ...DEFAULT_DUTIES, earnedStatuses: ['VERIFIED'] as const, reportedBy: ['SCHOOL_ADMIN'] as const };
  const bySchool: TrailStep[] = [trail[0], { actorId: 'school-reviewer', actorRole: 'SCHOOL_ADMIN', from: 'REGISTERED', to: 'APPROVED' }];

  it('refuses to verify a record a reporting role approved until it is reported', () => {
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'county-school', bySchool, reporting))).toEqual({ code: REPORT_REQUIRED, rule: REPORT_REQUIRED, status: 'APPROVED' });
    const reported: TrailStep[] = [...bySchool, { actorId: 'school-reviewer', actorRole: 'SCHOOL_ADMIN', from: 'APPROVED', to: 'REPORTED' }];
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'county-school', reported, reporting))).toBeNull();
  });

  it('lets a record the verifying level reviewed itself go straight on, and asks nothing where the province has no such step', () => {
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'county-school', trail, reporting))).toBeNull();
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'county-school', bySchool, DEFAULT_DUTIES))).toBeNull();
  });

  it('is policy data: Jiangxi’s schools report up, other shipped policies have no such step', () => {
    expect(reportRolesOf(dutiesOf(JIANGXI))).toEqual(['SCHOOL_ADMIN']);
    expect(reportRolesOf(dutiesOf(ZHEJIANG))).toEqual([]);
  });
});

describe('duties of the shipped policies', () => {
  const account = (policy: typeof JIANGXI) =>
    computeCreditAccount({
      policy,
      cycle: cycleContaining(2024, policy.cycleYears, policy.cycleStartYear),
      asOf: '2024-12-31',
      retirementDate: null,
      records: [
        { creditsMilli: 10_000, category: 'CONCENTRATED', status: 'VERIFIED', earnedOn: '2024-03-01' },
        { creditsMilli: 5_000, category: 'CONCENTRATED', status: 'APPROVED', earnedOn: '2024-04-01' },
        { creditsMilli: 2_000, category: 'CONCENTRATED', status: 'REGISTERED', earnedOn: '2024-05-01' },
      ],
    });

  it.each([
    ['Jiangxi', JIANGXI],
    ['Zhejiang', ZHEJIANG],
  ] as const)('%s: the registrar may not review, the reviewer may not verify', (_, policy) => {
    const duties = dutiesOf(policy);
    expect(ruleOf(() => assertSeparateDuties('APPROVE', 'registrar', trail.slice(0, 1), duties))?.rule).toBe(REGISTRAR_MAY_NOT_REVIEW);
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'reviewer', trail, duties))?.rule).toBe(REVIEWER_MAY_NOT_VERIFY);
    expect(ruleOf(() => assertSeparateDuties('VERIFY', 'a-third-officer', trail, duties))).toBeNull();
  });

  it('Jiangxi: the county teacher school acts for the county, and APPROVED-but-unverified credits do not count', () => {
    expect(dutiesOf(JIANGXI).institutionActsAs).toBe('COUNTY_TEACHER_SCHOOL');
    expect(account(JIANGXI)).toMatchObject({ earnedMilli: 10_000, pendingMilli: 7_000 });
    expect(account(JIANGXI).pendingByStatus).toEqual([
      { status: 'REGISTERED', creditsMilli: 2_000 },
      { status: 'APPROVED', creditsMilli: 5_000 },
      { status: 'REPORTED', creditsMilli: 0 },
    ]);
  });

  it('Zhejiang (no verification required): APPROVED counts, an institution acts on its own projects', () => {
    expect(dutiesOf(ZHEJIANG).institutionActsAs).toBe('OWN_PROJECTS');
    expect(account(ZHEJIANG)).toMatchObject({ earnedMilli: 15_000, pendingMilli: 2_000 });
    expect(account(ZHEJIANG).pendingByStatus).toEqual([{ status: 'REGISTERED', creditsMilli: 2_000 }]);
  });
});
