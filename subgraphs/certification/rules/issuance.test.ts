import { evaluateItCapability } from './it-capability';
import { checkIssuance } from './issuance';
import { programmeFor } from './programmes';
import { errorOf } from '../../../kit/testing';

const FUJIAN_1 = programmeFor('35', '2016-01-01')!;
const SICHUAN_2 = programmeFor('51', '2020-01-01')!;

function fujian(practiceHoursMilli: number) {
  return evaluateItCapability({
    programme: FUJIAN_1,
    onlineHoursMilli: 50_000,
    practiceHoursMilli,
    preAssessmentDone: true,
    retirementDate: null,
    asOf: '2016-06-01',
    // Ningde notice: the two 合格证明 and the submitted 应用实践成果.
    proofs: ['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME', 'PRACTICE_PASS'],
  });
}


describe('certificate issuance', () => {
  it('issues an IT1 completion certificate once the city office has reviewed a complete 1.0 record', () => {
    expect(
      checkIssuance({ kind: 'IT_CAPABILITY_COMPLETION', programmeEvaluation: fujian(30_000), cityOfficeReviewed: true, existingActiveCertificateOfKind: false }),
    ).toEqual({ kind: 'IT_CAPABILITY_COMPLETION', numberKind: 'IT1', level: null });
  });

  it('refuses an incomplete record with NOT_ELIGIBLE, listing what is missing', () => {
    const error = errorOf(() =>
      checkIssuance({ kind: 'IT_CAPABILITY_COMPLETION', programmeEvaluation: fujian(20_000), cityOfficeReviewed: true, existingActiveCertificateOfKind: false }),
    );
    expect(error.extensions).toMatchObject({ code: 'NOT_ELIGIBLE', missing: ['10 more practice hours (30 required, 20 done)'] });
    expect(error.message).toContain('10 more practice hours (30 required, 20 done)');
  });

  it('requires the city project office review for 1.0', () => {
    const error = errorOf(() =>
      checkIssuance({ kind: 'IT_CAPABILITY_COMPLETION', programmeEvaluation: fujian(30_000), cityOfficeReviewed: false, existingActiveCertificateOfKind: false }),
    );
    expect(error.extensions).toMatchObject({ code: 'CITY_OFFICE_REVIEW_REQUIRED', programmeId: 'IT1-35' });
    expect(error.message).toContain('工程办');
  });

  it('reports missing hours before the missing review', () => {
    const error = errorOf(() =>
      checkIssuance({ kind: 'IT_CAPABILITY_COMPLETION', programmeEvaluation: fujian(0), cityOfficeReviewed: false, existingActiveCertificateOfKind: false }),
    );
    expect(error.extensions.code).toBe('NOT_ELIGIBLE');
  });

  it('issues IT2 for Sichuan 2.0 without a city office review', () => {
    const evaluation = evaluateItCapability({
      programme: SICHUAN_2,
      onlineHoursMilli: 20_000,
      practiceHoursMilli: 30_000,
      preAssessmentDone: false,
      retirementDate: null,
      asOf: '2020-06-01',
    });
    expect(
      checkIssuance({ kind: 'IT_CAPABILITY_COMPLETION', programmeEvaluation: evaluation, cityOfficeReviewed: false, existingActiveCertificateOfKind: false }).numberKind,
    ).toBe('IT2');
  });

  it('does not certify an exempt teacher who has not completed', () => {
    const evaluation = evaluateItCapability({
      programme: SICHUAN_2,
      onlineHoursMilli: 0,
      practiceHoursMilli: 0,
      preAssessmentDone: false,
      retirementDate: '2021-01-01',
      asOf: '2020-06-01',
    });
    expect(evaluation.exempt).toBe(true);
    const error = errorOf(() =>
      checkIssuance({ kind: 'IT_CAPABILITY_COMPLETION', programmeEvaluation: evaluation, cityOfficeReviewed: true, existingActiveCertificateOfKind: false }),
    );
    expect(error.extensions.code).toBe('NOT_ELIGIBLE');
  });

  it('refuses a second active certificate of a kind with ALREADY_CERTIFIED, before anything else', () => {
    for (const input of [
      { kind: 'IT_CAPABILITY_COMPLETION' as const, programmeEvaluation: fujian(0), cityOfficeReviewed: false, existingActiveCertificateOfKind: true },
      { kind: 'DEVELOPMENT_ASSESSMENT' as const, assessmentResult: 'PASS' as const, existingActiveCertificateOfKind: true },
      { kind: 'PROJECT_COMPLETION' as const, projectCompleted: true, existingActiveCertificateOfKind: true },
    ]) {
      expect(errorOf(() => checkIssuance(input)).extensions).toMatchObject({ code: 'ALREADY_CERTIFIED', kind: input.kind });
    }
  });

  it('issues development-assessment certificates at level PASS or EXCELLENT', () => {
    expect(checkIssuance({ kind: 'DEVELOPMENT_ASSESSMENT', assessmentResult: 'PASS', existingActiveCertificateOfKind: false })).toEqual({
      kind: 'DEVELOPMENT_ASSESSMENT',
      numberKind: 'DA',
      level: 'PASS',
    });
    expect(checkIssuance({ kind: 'DEVELOPMENT_ASSESSMENT', assessmentResult: 'EXCELLENT', existingActiveCertificateOfKind: false }).level).toBe('EXCELLENT');
  });

  it('refuses a development-assessment certificate for FAIL or no result', () => {
    expect(errorOf(() => checkIssuance({ kind: 'DEVELOPMENT_ASSESSMENT', assessmentResult: 'FAIL', existingActiveCertificateOfKind: false })).extensions).toMatchObject({
      code: 'NOT_ELIGIBLE',
      missing: ['a development assessment (发展测评) result of PASS or EXCELLENT (result: FAIL)'],
    });
    expect(errorOf(() => checkIssuance({ kind: 'DEVELOPMENT_ASSESSMENT', assessmentResult: null, existingActiveCertificateOfKind: false })).extensions.code).toBe(
      'NOT_ELIGIBLE',
    );
  });

  it('issues a project completion certificate only for a completed enrollment', () => {
    expect(checkIssuance({ kind: 'PROJECT_COMPLETION', projectCompleted: true, existingActiveCertificateOfKind: false }).numberKind).toBe('PC');
    expect(errorOf(() => checkIssuance({ kind: 'PROJECT_COMPLETION', projectCompleted: false, existingActiveCertificateOfKind: false })).extensions.code).toBe(
      'NOT_ELIGIBLE',
    );
  });
});
