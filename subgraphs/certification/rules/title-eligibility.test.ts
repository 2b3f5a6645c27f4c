import { GraphQLError } from 'graphql';
import { titleEvaluationEligibility } from './title-eligibility';

const base = { provinceCode: '51', evaluationDate: '2019-01-01', hasCompletionCertificate: false, exempt: false };

describe('title evaluation (职称评审) eligibility', () => {
  it('requires the completion certificate in Sichuan from 2019-01-01', () => {
    const result = titleEvaluationEligibility(base);
    expect(result.eligible).toBe(false);
    expect(result.missing).toEqual(['the IT application capability completion certificate (信息技术应用能力提升工程 结业证书)']);
    expect(result.rules).toEqual([expect.objectContaining({ rule: 'IT_CAPABILITY_CERTIFICATE', met: false })]);
    expect(result.rules[0].source).toContain('Sichuan');
  });

  it('has no such precondition in Sichuan on 2018-12-31, and says so', () => {
    const result = titleEvaluationEligibility({ ...base, evaluationDate: '2018-12-31' });
    expect(result).toMatchObject({ eligible: true, missing: [] });
    expect(result.rules[0]).toMatchObject({ rule: 'IT_CAPABILITY_CERTIFICATE', met: true });
    expect(result.rules[0].description).toContain('only from 2019-01-01');
  });

  it('is met by the certificate', () => {
    expect(titleEvaluationEligibility({ ...base, hasCompletionCertificate: true })).toMatchObject({ eligible: true, missing: [] });
  });

  it('lets the retirement exemption stand in for the certificate, citing that this is unconfirmed', () => {
    const result = titleEvaluationEligibility({ ...base, exempt: true });
    expect(result).toMatchObject({ eligible: true, missing: [] });
    expect(result.rules[0].description).toContain('Exempt');
    expect(result.rules[0].source).toContain('Unconfirmed');
  });

  it('knows no precondition in other provinces, and says so', () => {
    const result = titleEvaluationEligibility({ ...base, provinceCode: '35', evaluationDate: '2020-01-01' });
    expect(result).toMatchObject({ eligible: true, missing: [] });
    expect(result.rules[0].description).toContain('No IT capability precondition');
  });

  it('rejects malformed province codes and dates', () => {
    for (const [input, rule] of [
      [{ ...base, provinceCode: '5' }, 'PROVINCE_CODE_FORMAT'],
      [{ ...base, evaluationDate: '2019-1-1' }, 'DATE_FORMAT'],
    ] as const) {
      try {
        titleEvaluationEligibility(input);
        throw new Error('expected an error');
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
      }
    }
  });
});
