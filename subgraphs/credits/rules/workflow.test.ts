import { JIANGXI, NATIONAL_FALLBACK } from './policies';
import type { ActorRole } from './policy';
import {
  allowedActions,
  auditEntry,
  INVALID_TRANSITION,
  rolesAllowed,
  transitionCreditRecord,
  type CreditRecordAction,
  type CreditRecordStatus,
} from './workflow';
import { errorOf } from '../../../kit/testing';


const ALL_STATUSES: (CreditRecordStatus | null)[] = [null, 'REGISTERED', 'APPROVED', 'REPORTED', 'REJECTED', 'VERIFIED', 'REVOKED'];
const ALL_ACTIONS: CreditRecordAction[] = ['REGISTER', 'APPROVE', 'REJECT', 'REPORT', 'VERIFY', 'REVOKE'];
const reason = 'Duplicate of the record registered on 2022-05-03.';

describe('credit record transitions (Jiangxi: county teacher school and schools)', () => {
  it.each<[CreditRecordStatus | null, CreditRecordAction, ActorRole, CreditRecordStatus]>([
    [null, 'REGISTER', 'INSTITUTION', 'REGISTERED'],
    [null, 'REGISTER', 'SCHOOL_ADMIN', 'REGISTERED'],
    [null, 'REGISTER', 'SYSTEM', 'REGISTERED'],
    ['REGISTERED', 'APPROVE', 'INSTITUTION', 'APPROVED'],
    ['REGISTERED', 'APPROVE', 'SCHOOL_ADMIN', 'APPROVED'],
    ['REGISTERED', 'REJECT', 'INSTITUTION', 'REJECTED'],
    ['REGISTERED', 'REVOKE', 'SCHOOL_ADMIN', 'REVOKED'],
    ['APPROVED', 'VERIFY', 'INSTITUTION', 'VERIFIED'],
    ['APPROVED', 'REPORT', 'SCHOOL_ADMIN', 'REPORTED'],
    ['REPORTED', 'VERIFY', 'INSTITUTION', 'VERIFIED'],
    ['REPORTED', 'REVOKE', 'SCHOOL_ADMIN', 'REVOKED'],
    ['APPROVED', 'REVOKE', 'SCHOOL_ADMIN', 'REVOKED'],
    ['VERIFIED', 'REVOKE', 'INSTITUTION', 'REVOKED'],
  ])('%s --%s by %s--> %s', (from, action, actorRole, to) => {
    expect(transitionCreditRecord(from, action, { actorRole, reason }, JIANGXI)).toBe(to);
  });

  it('lists the actions possible from each state', () => {
    expect(allowedActions(null)).toEqual(['REGISTER']);
    expect(allowedActions('REGISTERED')).toEqual(['APPROVE', 'REJECT', 'REVOKE']);
    expect(allowedActions('APPROVED')).toEqual(['REPORT', 'VERIFY', 'REVOKE']);
    expect(allowedActions('REPORTED')).toEqual(['VERIFY', 'REVOKE']);
    expect(allowedActions('VERIFIED')).toEqual(['REVOKE']);
    expect(allowedActions('REJECTED')).toEqual([]);
    expect(allowedActions('REVOKED')).toEqual([]);
  });

  it('refuses every other step with INVALID_TRANSITION, listing what is allowed', () => {
    for (const from of ALL_STATUSES) {
      for (const action of ALL_ACTIONS.filter((a) => !allowedActions(from).includes(a))) {
        const error = errorOf(() => transitionCreditRecord(from, action, { actorRole: 'SYSTEM', reason }, JIANGXI));
        expect(error.extensions).toMatchObject({ code: INVALID_TRANSITION, from, action, allowedActions: allowedActions(from) });
      }
    }
  });

  it('says when a state is final', () => {
    const error = errorOf(() => transitionCreditRecord('REJECTED', 'APPROVE', { actorRole: 'INSTITUTION' }, JIANGXI));
    expect(error.message).toBe('A credit record that is REJECTED cannot take the step APPROVE (REJECTED is final).');
    const skipped = errorOf(() => transitionCreditRecord('REGISTERED', 'VERIFY', { actorRole: 'INSTITUTION' }, JIANGXI));
    expect(skipped.message).toContain('allowed: APPROVE, REJECT, REVOKE');
  });
});

describe('role checks', () => {
  it.each<[CreditRecordStatus | null, CreditRecordAction, ActorRole]>([
    [null, 'REGISTER', 'TEACHER'],
    [null, 'REGISTER', 'COUNTY_BUREAU'],
    ['REGISTERED', 'APPROVE', 'TEACHER'],
    ['REGISTERED', 'APPROVE', 'SYSTEM'],
    ['REGISTERED', 'REJECT', 'PROVINCE_BUREAU'],
    ['REGISTERED', 'REVOKE', 'TEACHER'],
    ['APPROVED', 'VERIFY', 'SCHOOL_ADMIN'],
    ['APPROVED', 'VERIFY', 'COUNTY_BUREAU'],
    ['APPROVED', 'REVOKE', 'SYSTEM'],
    ['VERIFIED', 'REVOKE', 'SCHOOL_ADMIN'],
  ])('%s --%s-- is FORBIDDEN to %s under Jiangxi', (from, action, actorRole) => {
    const error = errorOf(() => transitionCreditRecord(from, action, { actorRole, reason }, JIANGXI));
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', role: actorRole, action, policyId: JIANGXI.id });
    expect(error.message).toContain(`Role ${actorRole} may not ${action.toLowerCase()}`);
    expect(error.message).toContain(JIANGXI.name);
  });

  it('follows the policy: bureaus verify under the default roles, not under Jiangxi', () => {
    expect(transitionCreditRecord('APPROVED', 'VERIFY', { actorRole: 'CITY_BUREAU' }, NATIONAL_FALLBACK)).toBe('VERIFIED');
    expect(errorOf(() => transitionCreditRecord('APPROVED', 'VERIFY', { actorRole: 'CITY_BUREAU' }, JIANGXI)).extensions.allowedRoles).toEqual([
      'INSTITUTION',
    ]);
  });

  it('lets reviewers and verifiers revoke an approved record, only verifiers a verified one', () => {
    expect(rolesAllowed('REGISTERED', 'REVOKE', NATIONAL_FALLBACK)).toEqual(['SCHOOL_ADMIN', 'INSTITUTION', 'SYSTEM']);
    expect(rolesAllowed('APPROVED', 'REVOKE', NATIONAL_FALLBACK)).toEqual(['SCHOOL_ADMIN', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU']);
    expect(rolesAllowed('VERIFIED', 'REVOKE', NATIONAL_FALLBACK)).toEqual(['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU']);
    expect(rolesAllowed('REVOKED', 'REVOKE', NATIONAL_FALLBACK)).toEqual([]);
  });

  it('checks the transition before the role', () => {
    expect(errorOf(() => transitionCreditRecord('VERIFIED', 'APPROVE', { actorRole: 'TEACHER' }, JIANGXI)).extensions.code).toBe(INVALID_TRANSITION);
  });
});

describe('reasons', () => {
  it.each<[CreditRecordStatus, CreditRecordAction, ActorRole]>([
    ['REGISTERED', 'REJECT', 'INSTITUTION'],
    ['REGISTERED', 'REVOKE', 'INSTITUTION'],
    ['APPROVED', 'REVOKE', 'INSTITUTION'],
    ['VERIFIED', 'REVOKE', 'INSTITUTION'],
  ])('%s --%s-- needs a reason', (from, action, actorRole) => {
    for (const blank of [undefined, null, '', '   ']) {
      const error = errorOf(() => transitionCreditRecord(from, action, { actorRole, reason: blank }, JIANGXI));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'REASON_REQUIRED', field: 'reason' });
    }
  });

  it('does not need one to register, approve or verify', () => {
    expect(transitionCreditRecord(null, 'REGISTER', { actorRole: 'SYSTEM' }, JIANGXI)).toBe('REGISTERED');
    expect(transitionCreditRecord('REGISTERED', 'APPROVE', { actorRole: 'INSTITUTION' }, JIANGXI)).toBe('APPROVED');
    expect(transitionCreditRecord('APPROVED', 'VERIFY', { actorRole: 'INSTITUTION', reason: null }, JIANGXI)).toBe('VERIFIED');
  });

  it('checks the role before the reason', () => {
    expect(errorOf(() => transitionCreditRecord('REGISTERED', 'REJECT', { actorRole: 'TEACHER' }, JIANGXI)).extensions.code).toBe('FORBIDDEN');
  });
});

describe('auditEntry', () => {
  it('records who, when, before, after and why', () => {
    expect(auditEntry({ actorId: 'u-1', actorRole: 'INSTITUTION', at: '2022-05-04T09:30:00+08:00', from: 'APPROVED', to: 'REVOKED', reason: ` ${reason} ` })).toEqual({
      actorId: 'u-1',
      actorRole: 'INSTITUTION',
      at: '2022-05-04T09:30:00+08:00',
      from: 'APPROVED',
      to: 'REVOKED',
      reason,
    });
  });

  it('stores a missing or blank reason as null, and null as the state before registration', () => {
    expect(auditEntry({ actorId: 'import', actorRole: 'SYSTEM', at: '2022-05-03T00:00:00Z', from: null, to: 'REGISTERED' })).toEqual({
      actorId: 'import',
      actorRole: 'SYSTEM',
      at: '2022-05-03T00:00:00Z',
      from: null,
      to: 'REGISTERED',
      reason: null,
    });
    expect(auditEntry({ actorId: 'u-2', actorRole: 'SCHOOL_ADMIN', at: '2022-05-03T00:00:00Z', from: 'REGISTERED', to: 'APPROVED', reason: '  ' }).reason).toBeNull();
  });
});

describe('上报 (report up)', () => {
  it('is a step only where the policy names roles that report up: NO_REPORT_STEP elsewhere, whatever the state', () => {
    for (const from of ALL_STATUSES) {
      const error = errorOf(() => transitionCreditRecord(from, 'REPORT', { actorRole: 'SCHOOL_ADMIN' }, NATIONAL_FALLBACK));
      expect(error.extensions).toMatchObject({ code: 'NO_REPORT_STEP', rule: 'NO_REPORT_STEP', policyId: NATIONAL_FALLBACK.id });
    }
  });

  it('is taken by the policy’s reporting roles only (Jiangxi: schools)', () => {
    expect(rolesAllowed('APPROVED', 'REPORT', JIANGXI)).toEqual(['SCHOOL_ADMIN']);
    expect(errorOf(() => transitionCreditRecord('APPROVED', 'REPORT', { actorRole: 'INSTITUTION' }, JIANGXI)).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
