import {
  certificateKindOf,
  certificateSeriesPrefix,
  formatCertificateNumber,
  nextSequence,
  parseCertificateNumber,
  readCertificateNumber,
} from './certificate-number';
import { errorOf } from '../../../kit/testing';


describe('certificate numbers KIND-PROVINCE-YEAR-SEQ6', () => {
  it('formats and parses the documented example', () => {
    const number = { kind: 'IT2' as const, provinceCode: '51', year: 2019, sequence: 123 };
    expect(formatCertificateNumber(number)).toBe('IT2-51-2019-000123');
    expect(parseCertificateNumber('IT2-51-2019-000123')).toEqual(number);
  });

  it('round-trips every kind and the sequence limits', () => {
    for (const text of ['IT1-35-2016-000001', 'IT2-51-2021-999999', 'DA-43-2020-004000', 'PC-33-2020-010203']) {
      expect(formatCertificateNumber(parseCertificateNumber(text))).toBe(text);
    }
  });

  it('maps number kinds to schema kinds', () => {
    expect(certificateKindOf('IT1')).toBe('IT_CAPABILITY_COMPLETION');
    expect(certificateKindOf('IT2')).toBe('IT_CAPABILITY_COMPLETION');
    expect(certificateKindOf('DA')).toBe('DEVELOPMENT_ASSESSMENT');
    expect(certificateKindOf('PC')).toBe('PROJECT_COMPLETION');
  });

  it('accepts spaces, lower case and full-width characters typed through an input method', () => {
    expect(formatCertificateNumber(parseCertificateNumber('  it2-51-2019-000123 '))).toBe('IT2-51-2019-000123');
    expect(formatCertificateNumber(parseCertificateNumber('ＩＴ２－５１－２０１９－０００１２３'))).toBe('IT2-51-2019-000123');
  });

  it.each([
    ['IT2-51-2019', 'has 3 part(s)'],
    ['IT3-51-2019-000123', '"IT3" is not a certificate kind'],
    ['IT2-510000-2019-000123', 'not a two-digit province code'],
    ['IT2-05-2019-000123', 'not a two-digit province code'],
    ['IT2-51-19-000123', 'not a year of issue'],
    ['IT2-51-2019-123', 'not a six-digit sequence'],
    ['IT2-51-2019-000000', 'not a six-digit sequence'],
  ])('rejects %s with CERTIFICATE_NUMBER_FORMAT, saying what is wrong', (text, problem) => {
    const error = errorOf(() => parseCertificateNumber(text));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'CERTIFICATE_NUMBER_FORMAT', field: 'number' });
    expect(error.message).toContain(problem);
    expect(error.message).toContain('IT2-51-2019-000123');
  });

  it('reads stored foreign numbers as null instead of failing', () => {
    expect(readCertificateNumber('SC-2020-0001')).toBeNull();
    expect(readCertificateNumber('DA-43-2020-000001')?.kind).toBe('DA');
  });

  it('refuses to format an impossible number', () => {
    expect(() => formatCertificateNumber({ kind: 'DA', provinceCode: '43', year: 2020, sequence: 0 })).toThrow(RangeError);
    expect(() => formatCertificateNumber({ kind: 'DA', provinceCode: '43', year: 2020, sequence: 1_000_000 })).toThrow(RangeError);
    expect(() => formatCertificateNumber({ kind: 'DA', provinceCode: '4', year: 2020, sequence: 1 })).toThrow(RangeError);
  });

  it('gives the series prefix for looking up the last number', () => {
    expect(certificateSeriesPrefix('IT2', '51', 2019)).toBe('IT2-51-2019-');
  });

  it('counts the sequence on from the last number of a series', () => {
    expect(nextSequence(null)).toBe(1);
    expect(nextSequence('IT2-51-2019-000123')).toBe(124);
    expect(nextSequence('IT2-51-2019-999998')).toBe(999_999);
  });

  it('stops at the end of a series with CERTIFICATE_SEQUENCE_EXHAUSTED', () => {
    expect(errorOf(() => nextSequence('IT2-51-2019-999999')).extensions.code).toBe('CERTIFICATE_SEQUENCE_EXHAUSTED');
  });
});
