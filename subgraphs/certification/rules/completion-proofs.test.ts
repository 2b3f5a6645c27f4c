import { errorOf } from '../../../kit/testing';
import { checkProofRecording, missingProofs, type ProofRecording } from './completion-proofs';
import { programmeFor } from './programmes';

// Ningde notice (the 80-hour IT programme plan, 2016; domain.md): "80 学时 = 50 online + 30 practice (Ningde notice),
// preceded by a diagnostic pre-assessment that steers course choice; practice ends in a submitted 应用实践成果; ...
// two 合格证明 (online 50 h, practice 30 h) lead to the completion certificate (结业证书)."
describe('completion proofs of the 1.0 programme (Ningde notice)', () => {
  const ningde = programmeFor('35', '2016-06-01')!;
  const sichuan2 = programmeFor('51', '2020-06-01')!;
  const recording = (overrides: Partial<ProofRecording>): ProofRecording => ({
    programme: ningde,
    kind: 'ONLINE_STUDY_PASS',
    provenOn: '2016-06-01',
    preAssessedOn: '2016-03-01',
    recorded: [],
    ...overrides,
  });

  it('asks Fujian 1.0 for the two 合格证明 and the submitted outcome, and Sichuan 2.0 for none', () => {
    expect(ningde.requiredProofs).toEqual(['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME', 'PRACTICE_PASS']);
    expect(missingProofs(ningde, ['PRACTICE_PASS'])).toEqual(['the online study pass certificate (网络研修合格证明)', 'the submitted practice outcome (应用实践成果)']);
    expect(missingProofs(ningde, ['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME', 'PRACTICE_PASS'])).toEqual([]);
    expect(sichuan2.requiredProofs).toEqual([]);
    expect(errorOf(() => checkProofRecording(recording({ programme: sichuan2, provenOn: '2020-06-01' }))).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'PROOF_NOT_REQUIRED',
    });
  });

  it('takes the online study pass only after the diagnostic pre-assessment that steers the course choice', () => {
    expect(() => checkProofRecording(recording({}))).not.toThrow();
    expect(() => checkProofRecording(recording({ preAssessedOn: '2016-06-01' }))).not.toThrow();
    expect(errorOf(() => checkProofRecording(recording({ preAssessedOn: '2016-06-02' }))).extensions).toMatchObject({ code: 'PRE_ASSESSMENT_FIRST' });
    const none = errorOf(() => checkProofRecording(recording({ preAssessedOn: null })));
    expect(none.extensions.code).toBe('PRE_ASSESSMENT_FIRST');
    expect(none.message).toContain('recordPreAssessment');
  });

  it('takes the practice pass only once the practice outcome (应用实践成果) is submitted', () => {
    const pass = recording({ kind: 'PRACTICE_PASS', provenOn: '2017-05-01' });
    expect(errorOf(() => checkProofRecording(pass)).extensions).toMatchObject({ code: 'PRACTICE_OUTCOME_FIRST' });
    expect(errorOf(() => checkProofRecording({ ...pass, recorded: [{ kind: 'PRACTICE_OUTCOME', provenOn: '2017-05-02' }] })).extensions.code).toBe('PRACTICE_OUTCOME_FIRST');
    expect(() => checkProofRecording({ ...pass, recorded: [{ kind: 'PRACTICE_OUTCOME', provenOn: '2017-05-01' }] })).not.toThrow();
    // The outcome itself needs nothing before it.
    expect(() => checkProofRecording(recording({ kind: 'PRACTICE_OUTCOME', preAssessedOn: null }))).not.toThrow();
  });

  it("refuses a proof dated outside the programme's span (2014–2017) and a malformed date", () => {
    expect(errorOf(() => checkProofRecording(recording({ provenOn: '2018-01-01' }))).extensions.code).toBe('PROOF_OUTSIDE_PROGRAMME');
    expect(errorOf(() => checkProofRecording(recording({ provenOn: '2013-12-31' }))).extensions.code).toBe('PROOF_OUTSIDE_PROGRAMME');
    expect(() => checkProofRecording(recording({ provenOn: '2017-12-31' }))).not.toThrow();
    expect(errorOf(() => checkProofRecording(recording({ provenOn: '2017-02-30' }))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATE_FORMAT' });
  });
});
