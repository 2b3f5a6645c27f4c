import { assertSeparateDuties, DEFAULT_DUTIES, pendingStatuses, REGISTRAR_MAY_NOT_REVIEW, REVIEWER_MAY_NOT_VERIFY, type TrailStep } from './duties';

const trail: TrailStep[] = [
  { actorId: 'registrar', from: null, to: 'REGISTERED' },
  { actorId: 'reviewer', from: 'REGISTERED', to: 'APPROVED' },
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

  it('counts APPROVED as pending where only VERIFIED is earned', () => {
    expect(pendingStatuses(DEFAULT_DUTIES)).toEqual(['REGISTERED']);
    expect(pendingStatuses({ ...DEFAULT_DUTIES, earnedStatuses: ['VERIFIED'] })).toEqual(['REGISTERED', 'APPROVED']);
  });
});
