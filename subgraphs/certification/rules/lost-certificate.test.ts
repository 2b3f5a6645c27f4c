import { errorOf } from '../../../kit/testing';
import { issuingBodyByName } from './issuing-body';
import { addStamp, checkReissuer, explanationStampsOf, LOST_CERTIFICATE_POLICIES, lostCertificatePolicyFor, nextStampLevel, type Stamp } from './lost-certificate';

// Sichuan notice 省执行办 2017 第01号 (domain.md): "Lost certificate: the issuing institution reissues it,
// or the teacher gets an explanation stamped level by level, gathered per city and sent to the province office."
describe('lost-certificate explanation (Sichuan notice 省执行办 2017 第01号)', () => {
  const stamp = (level: Stamp['level']): Stamp => ({ level, stampedBy: `${level}:test`, stampedOn: '2017-05-01' });

  it('is stamped county, then city, then province, and is then complete', () => {
    const order = explanationStampsOf(lostCertificatePolicyFor('51'));
    expect(order).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
    let stamps = addStamp([], stamp('COUNTY'), order);
    expect(nextStampLevel(stamps, order)).toBe('CITY');
    stamps = addStamp(stamps, stamp('CITY'), order);
    stamps = addStamp(stamps, stamp('PROVINCE'), order);
    expect(nextStampLevel(stamps, order)).toBeNull();
    expect(stamps.map((s) => s.level)).toEqual(['COUNTY', 'CITY', 'PROVINCE']);
  });

  it('refuses a level out of turn, and any stamp once complete', () => {
    expect(errorOf(() => addStamp([], stamp('CITY'))).extensions).toMatchObject({ code: 'STAMP_OUT_OF_ORDER', next: 'COUNTY' });
    const county = addStamp([], stamp('COUNTY'));
    expect(errorOf(() => addStamp(county, stamp('PROVINCE'))).extensions).toMatchObject({ code: 'STAMP_OUT_OF_ORDER', next: 'CITY' });
    const done = addStamp(addStamp(county, stamp('CITY')), stamp('PROVINCE'));
    expect(errorOf(() => addStamp(done, stamp('PROVINCE'))).extensions).toMatchObject({ code: 'STAMP_OUT_OF_ORDER', next: null });
  });
});

describe('who reissues a lost certificate (补发), per province', () => {
  const sichuan = lostCertificatePolicyFor('51');
  const provinceBody = issuingBodyByName('四川省教育厅', '51', '四川省教育厅')!;
  const institutionBody = { kind: 'INSTITUTION' as const, id: 'inst-1' };

  it('Sichuan (省执行办 2017 第01号): the issuing institution reissues its own certificate, nobody else', () => {
    // "the issuing institution reissues it"
    expect(() => checkReissuer(sichuan, institutionBody, { role: 'INSTITUTION', institutionId: 'inst-1' })).not.toThrow();
    const other = errorOf(() => checkReissuer(sichuan, institutionBody, { role: 'INSTITUTION', institutionId: 'inst-2' }));
    expect(other.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'REISSUED_BY_ISSUING_BODY' });
    expect(other.message).toContain('省执行办 2017 第01号');
    // A bureau above the holder is not the institution that issued it.
    expect(errorOf(() => checkReissuer(sichuan, institutionBody, { role: 'PROVINCE_BUREAU', regionCode: '510000' })).extensions).toMatchObject({
      rule: 'REISSUED_BY_ISSUING_BODY',
    });
  });

  it('Sichuan: a certificate of the province department is reissued by the province bureau, not a city or county', () => {
    expect(provinceBody).toEqual({ kind: 'BUREAU', id: '510000' });
    expect(() => checkReissuer(sichuan, provinceBody, { role: 'PROVINCE_BUREAU', regionCode: '510000' })).not.toThrow();
    expect(() => checkReissuer(sichuan, provinceBody, { role: 'SYSTEM' })).not.toThrow();
    for (const caller of [{ role: 'CITY_BUREAU' as const, regionCode: '510100' }, { role: 'COUNTY_BUREAU' as const, regionCode: '510104' }, { role: 'PROVINCE_BUREAU' as const, regionCode: '360000' }]) {
      expect(errorOf(() => checkReissuer(sichuan, provinceBody, caller)).extensions.rule).toBe('REISSUED_BY_ISSUING_BODY');
    }
  });

  it('Sichuan: 教育部 certificates and those with no issuing body on record take the explanation route', () => {
    // 1.0 certificates are 由教育部统一颁发: the ministry does not reissue here.
    const ministry = issuingBodyByName('教育部', '51', '四川省教育厅');
    expect(ministry).toEqual({ kind: 'MINISTRY', id: null });
    for (const body of [ministry, null]) {
      const refusal = errorOf(() => checkReissuer(sichuan, body, { role: 'SYSTEM' }));
      expect(refusal.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'REISSUED_BY_ISSUING_BODY' });
      expect(refusal.message).toContain('explainLostCertificate');
    }
    // A name that is not the ministry's or the province department's says nothing about the body.
    expect(issuingBodyByName('四川省电化教育馆', '51', '四川省教育厅')).toBeNull();
  });

  it('gives a province whose notice says nothing an explicit "not configured", for both routes, never Sichuan\'s rule', () => {
    for (const provinceCode of ['33', '35', '36', '43', '44']) {
      const policy = lostCertificatePolicyFor(provinceCode);
      expect(policy).toMatchObject({ provinceCode, configured: false, reissueByIssuingBody: false, explanationStamps: [] });
      expect(policy.source).toMatch(/^Not configured: /);
      const reissue = errorOf(() => checkReissuer(policy, { kind: 'BUREAU', id: `${provinceCode}0000` }, { role: 'SYSTEM' }));
      expect(reissue.extensions).toMatchObject({ code: 'LOST_CERTIFICATE_RULE_NOT_CONFIGURED', provinceCode });
      expect(reissue.message).not.toContain('省执行办');
      expect(errorOf(() => explanationStampsOf(policy)).extensions.code).toBe('LOST_CERTIFICATE_RULE_NOT_CONFIGURED');
    }
    expect(lostCertificatePolicyFor('33').source).toContain('Zhejiang 2020 notice');
    // Only the Sichuan notice speaks of lost certificates.
    expect(LOST_CERTIFICATE_POLICIES.filter((p) => p.configured).map((p) => p.provinceCode)).toEqual(['51']);
  });
});
