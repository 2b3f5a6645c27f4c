import { GraphQLError } from 'graphql';
import { PROGRAMMES, programmeFor, unconfirmedFields } from './programmes';

function codeAndRule(fn: () => unknown): { code: unknown; rule: unknown } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    const { code, rule } = (error as GraphQLError).extensions;
    return { code, rule };
  }
  throw new Error('expected an error');
}

describe('IT capability programmes (信息技术应用能力提升工程)', () => {
  it('encodes Fujian 1.0 as 80 hours = 50 online + 30 practice, pre-assessment and city office review', () => {
    expect(programmeFor('35', '2015-06-01')).toMatchObject({
      id: 'IT1-35',
      version: '1.0',
      minTotalHoursMilli: 80_000,
      minOnlineHoursMilli: 50_000,
      minPracticeHoursMilli: 30_000,
      requiresPreAssessment: true,
      requiresCityOfficeReview: true,
      retirementExemptionYears: 5,
      periodYears: null,
    });
  });

  it('encodes Sichuan 2.0 as ≥ 50 hours in 3 years, ≥ 20 online, ≥ 30 practice, 30 micro-abilities', () => {
    const programme = programmeFor('51', '2020-03-01');
    expect(programme).toMatchObject({
      id: 'IT2-51',
      version: '2.0',
      periodYears: 3,
      minTotalHoursMilli: 50_000,
      minOnlineHoursMilli: 20_000,
      minPracticeHoursMilli: 30_000,
    });
    expect(programme?.microAbilities?.microAbilityCount).toBe(30);
    expect(programme?.microAbilities?.environments).toHaveLength(3);
    expect(programme?.microAbilities?.dimensions).toHaveLength(4);
  });

  it('confirms the 1.0 deadline from the notices and keeps the start days marked unconfirmed', () => {
    // Ningde notice: exemption "judged at the programme's deadline (end of 2017)"; Sichuan notice 省执行办 2017 第01号:
    // 1.0 finished "by the end of 2017", passes "from 2014 on". No notice states a first day, nor when 2.0 starts.
    for (const id of ['IT1-35', 'IT1-51']) {
      const programme = PROGRAMMES.find((p) => p.id === id)!;
      expect(unconfirmedFields(programme)).toContain('validFrom');
      expect(unconfirmedFields(programme)).not.toContain('validTo');
    }
    expect(unconfirmedFields(PROGRAMMES.find((p) => p.id === 'IT2-51')!)).toEqual(expect.arrayContaining(['validFrom', 'validTo']));
  });

  it('flags the undecided 2.0 pre-assessment and review as unconfirmed', () => {
    const programme = programmeFor('51', '2020-03-01')!;
    expect(programme.requiresPreAssessment).toBe(false);
    expect(unconfirmedFields(programme)).toEqual(expect.arrayContaining(['requiresPreAssessment', 'requiresCityOfficeReview', 'validFrom']));
  });

  it('applies 1.0 from 2014-01-01 to 2017-12-31 inclusive (domain.md: "1.0 (2014–2017)"; the deadline "end of 2017")', () => {
    expect(programmeFor('35', '2013-12-31')).toBeNull();
    expect(programmeFor('35', '2014-01-01')?.id).toBe('IT1-35');
    expect(programmeFor('35', '2017-12-31')?.id).toBe('IT1-35');
    expect(programmeFor('35', '2018-01-01')).toBeNull();
  });

  it('encodes Sichuan 1.0 (省执行办 2017 第01号) for 2014–2017: no hours of its own, certificate issued by 教育部', () => {
    // Notice: 全员培训 finished by the end of 2017; partner passes from 2014 yield the certificate 由教育部统一颁发.
    expect(programmeFor('51', '2013-12-31')).toBeNull();
    expect(programmeFor('51', '2014-01-01')).toMatchObject({
      id: 'IT1-51',
      version: '1.0',
      validTo: '2017-12-31',
      issuer: '教育部',
      minTotalHoursMilli: null,
      minOnlineHoursMilli: null,
      minPracticeHoursMilli: null,
      retirementExemptionYears: null,
    });
    expect(programmeFor('51', '2017-12-31')?.id).toBe('IT1-51');
  });

  it('knows no programme for Sichuan between 1.0 and 2.0 or for provinces without data', () => {
    expect(programmeFor('51', '2018-12-31')).toBeNull();
    expect(programmeFor('33', '2020-01-01')).toBeNull();
  });

  it('gives every programme a source for each requirement', () => {
    for (const programme of PROGRAMMES) {
      const sourced = new Set(programme.sources.flatMap((s) => s.fields));
      for (const field of ['minTotalHoursMilli', 'minOnlineHoursMilli', 'minPracticeHoursMilli', 'requiresPreAssessment', 'requiresCityOfficeReview', 'retirementExemptionYears', 'issuer'] as const) {
        expect(sourced.has(field)).toBe(true);
      }
      if (programme.minTotalHoursMilli !== null) {
        expect((programme.minOnlineHoursMilli ?? 0) + (programme.minPracticeHoursMilli ?? 0)).toBeLessThanOrEqual(programme.minTotalHoursMilli);
      }
    }
  });

  it('rejects a six-digit region code and a malformed date', () => {
    expect(codeAndRule(() => programmeFor('510000', '2020-01-01'))).toEqual({ code: 'BAD_USER_INPUT', rule: 'PROVINCE_CODE_FORMAT' });
    expect(codeAndRule(() => programmeFor('51', '2019-02-29'))).toEqual({ code: 'BAD_USER_INPUT', rule: 'DATE_FORMAT' });
  });
});
