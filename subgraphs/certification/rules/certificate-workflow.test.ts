import { GraphQLError } from 'graphql';
import {
  transitionCertificate,
  verificationOutcome,
  type CertificateAction,
  type CertificateStatus,
} from './certificate-workflow';
import { errorOf } from '../../../kit/testing';


describe('certificate workflow', () => {
  it('revokes an issued certificate with a trimmed reason', () => {
    expect(transitionCertificate('ISSUED', 'REVOKE', { reason: '  forged practice records ' })).toEqual({
      to: 'REVOKED',
      reason: 'forged practice records',
    });
  });

  it('refuses to revoke without a reason', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(errorOf(() => transitionCertificate('ISSUED', 'REVOKE', { reason })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
        rule: 'REVOCATION_REASON_REQUIRED',
      });
    }
    expect(() => transitionCertificate('ISSUED', 'REVOKE')).toThrow(GraphQLError);
  });

  it('reissues an issued certificate, with or without a reason', () => {
    expect(transitionCertificate('ISSUED', 'REISSUE')).toEqual({ to: 'REISSUED', reason: null });
    expect(transitionCertificate('ISSUED', 'REISSUE', { reason: '遗失' })).toEqual({ to: 'REISSUED', reason: '遗失' });
  });

  it.each<[CertificateStatus, CertificateAction]>([
    ['REVOKED', 'REVOKE'],
    ['REVOKED', 'REISSUE'],
    ['REISSUED', 'REVOKE'],
    ['REISSUED', 'REISSUE'],
  ])('treats %s as final: %s is INVALID_TRANSITION', (from, action) => {
    const error = errorOf(() => transitionCertificate(from, action, { reason: 'any' }));
    expect(error.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from, action });
    expect(error.message).toContain('final');
  });
});

describe('public certificate verification', () => {
  const issued = { number: 'IT2-51-2019-000123', status: 'ISSUED' as const, holderName: '张三' };

  it('confirms a valid certificate for the holder name', () => {
    expect(verificationOutcome(issued, null, '张三')).toEqual({ result: 'VALID' });
  });

  it('ignores spaces, including full-width ones, and Latin case', () => {
    expect(verificationOutcome(issued, null, ' 张\u3000三 ').result).toBe('VALID');
    expect(verificationOutcome(issued, null, '张 三').result).toBe('VALID');
    expect(verificationOutcome({ ...issued, holderName: 'Li  Ming' }, null, 'LI MING').result).toBe('VALID');
  });

  it('unifies the middle dots of minority names', () => {
    expect(verificationOutcome({ ...issued, holderName: '买买提·艾力' }, null, '买买提・艾力').result).toBe('VALID');
    expect(verificationOutcome({ ...issued, holderName: '买买提·艾力' }, null, '买买提．艾力').result).toBe('VALID');
    expect(verificationOutcome({ ...issued, holderName: '买买提·艾力' }, null, '买买提.艾力').result).toBe('VALID');
    expect(verificationOutcome({ ...issued, holderName: '买买提·艾力' }, null, '买买提艾力').result).toBe('NAME_MISMATCH');
  });

  it('reports a different name as NAME_MISMATCH without revealing the status', () => {
    expect(verificationOutcome(issued, null, '张四')).toEqual({ result: 'NAME_MISMATCH' });
    expect(verificationOutcome({ ...issued, status: 'REVOKED' }, null, '李四')).toEqual({ result: 'NAME_MISMATCH' });
  });

  it('reports an unknown number as NOT_FOUND', () => {
    expect(verificationOutcome(null, null, '张三')).toEqual({ result: 'NOT_FOUND' });
  });

  it('reports a revoked certificate', () => {
    expect(verificationOutcome({ ...issued, status: 'REVOKED' }, null, '张三')).toEqual({ result: 'REVOKED' });
  });

  it('stops verifying a reissued certificate and points to its replacement', () => {
    expect(verificationOutcome({ ...issued, status: 'REISSUED' }, { number: 'IT2-51-2021-000007' }, '张三')).toEqual({
      result: 'REPLACED',
      replacedBy: 'IT2-51-2021-000007',
    });
    expect(verificationOutcome({ ...issued, status: 'REISSUED' }, undefined, '张三')).toEqual({ result: 'REPLACED' });
  });

  it('requires a name', () => {
    expect(errorOf(() => verificationOutcome(issued, null, ' \u3000 ')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'HOLDER_NAME_REQUIRED',
    });
  });
});
