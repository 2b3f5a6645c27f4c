import { GraphQLError } from 'graphql';
import { evaluateItCapability, type ItCapabilityInput } from './it-capability';
import { programmeFor } from './programmes';

const FUJIAN_1 = programmeFor('35', '2015-06-01')!;
const SICHUAN_2 = programmeFor('51', '2020-06-01')!;
const AS_OF = '2020-06-01';

function sichuan(overrides: Partial<ItCapabilityInput>): ItCapabilityInput {
  return {
    programme: SICHUAN_2,
    onlineHoursMilli: 20_000,
    practiceHoursMilli: 30_000,
    preAssessmentDone: false,
    retirementDate: null,
    asOf: AS_OF,
    ...overrides,
  };
}

describe('IT capability evaluation', () => {
  it('completes Sichuan 2.0 with exactly 20 online and 30 practice hours', () => {
    expect(evaluateItCapability(sichuan({}))).toMatchObject({
      complete: true,
      exempt: false,
      missing: [],
      onlineHoursMilli: 20_000,
      practiceHoursMilli: 30_000,
      totalHoursMilli: 50_000,
    });
  });

  it('misses by a thousandth of an hour just under the boundaries', () => {
    const result = evaluateItCapability(sichuan({ onlineHoursMilli: 19_999, practiceHoursMilli: 29_999 }));
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual([
      '0.001 more online hours (20 required, 19.999 done)',
      '0.001 more practice hours (30 required, 29.999 done)',
    ]);
  });

  it('names the shortfall with required and done hours', () => {
    expect(evaluateItCapability(sichuan({ practiceHoursMilli: 20_000 })).missing).toEqual(['10 more practice hours (30 required, 20 done)']);
    expect(evaluateItCapability(sichuan({ onlineHoursMilli: 19_000 })).missing).toEqual(['1 more online hour (20 required, 19 done)']);
  });

  it('does not ask for total hours already covered by the per-kind minimums', () => {
    expect(evaluateItCapability(sichuan({ onlineHoursMilli: 40_000, practiceHoursMilli: 5_000 })).missing).toEqual([
      '25 more practice hours (30 required, 5 done)',
    ]);
  });

  it('completes Fujian 1.0 with exactly 50 online + 30 practice, the pre-assessment and the proofs (Ningde notice)', () => {
    // Ningde notice: "80 学时 = 50 online + 30 practice ... two 合格证明 (online 50 h, practice 30 h) lead to the completion certificate".
    const result = evaluateItCapability({
      programme: FUJIAN_1,
      onlineHoursMilli: 50_000,
      practiceHoursMilli: 30_000,
      preAssessmentDone: true,
      retirementDate: null,
      asOf: '2016-06-01',
      proofs: ['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME', 'PRACTICE_PASS'],
    });
    expect(result).toMatchObject({ complete: true, missing: [], totalHoursMilli: 80_000 });
  });

  it('does not complete Fujian 1.0 on the hours alone: each missing proof is named (Ningde notice)', () => {
    // Ningde notice: "practice ends in a submitted 应用实践成果; ... two 合格证明 (online 50 h, practice 30 h) lead to the completion certificate".
    const base = { programme: FUJIAN_1, onlineHoursMilli: 50_000, practiceHoursMilli: 30_000, preAssessmentDone: true, retirementDate: null, asOf: '2016-06-01' };
    expect(evaluateItCapability(base)).toMatchObject({
      complete: false,
      missing: [
        'the online study pass certificate (网络研修合格证明)',
        'the submitted practice outcome (应用实践成果)',
        'the practice pass certificate (实践应用合格证明)',
      ],
    });
    expect(evaluateItCapability({ ...base, proofs: ['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME'] }).missing).toEqual(['the practice pass certificate (实践应用合格证明)']);
    // Sichuan 2.0 asks for no proofs.
    expect(evaluateItCapability(sichuan({ proofs: [] })).complete).toBe(true);
  });

  it('lists the diagnostic pre-assessment first for 1.0', () => {
    const result = evaluateItCapability({
      programme: FUJIAN_1,
      onlineHoursMilli: 50_000,
      practiceHoursMilli: 20_000,
      preAssessmentDone: false,
      retirementDate: null,
      asOf: '2016-06-01',
      proofs: ['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME', 'PRACTICE_PASS'],
    });
    expect(result.missing).toEqual(['the diagnostic pre-assessment', '10 more practice hours (30 required, 20 done)']);
  });

  it('does not require the pre-assessment in Sichuan 2.0', () => {
    expect(evaluateItCapability(sichuan({ preAssessmentDone: false })).complete).toBe(true);
  });

  it('asks for total hours when a programme demands more than its per-kind minimums', () => {
    const programme = { ...SICHUAN_2, minTotalHoursMilli: 60_000 };
    expect(evaluateItCapability(sichuan({ programme })).missing).toEqual([
      '10 more hours, online or practice (60 required in total, 50 done)',
    ]);
  });

  describe('retirement exemption (strictly less than 5 years)', () => {
    it('exempts a teacher a day less than 5 years from retirement, not one exactly 5 years from it', () => {
      expect(evaluateItCapability(sichuan({ retirementDate: '2025-05-31' })).exempt).toBe(true);
      expect(evaluateItCapability(sichuan({ retirementDate: '2025-06-01' })).exempt).toBe(false);
    });

    it('does not exempt a teacher 5 years and a day from retirement', () => {
      expect(evaluateItCapability(sichuan({ retirementDate: '2025-06-02' })).exempt).toBe(false);
    });

    it("judges 1.0 at the programme's deadline (end of 2017), whatever day is asked (Ningde notice)", () => {
      // Ningde notice (domain.md): "距退休不满五年 — teachers with strictly less than five years to retirement, judged at the programme's deadline (end of 2017) — are exempt from the programme".
      expect(FUJIAN_1.validTo).toBe('2017-12-31');
      const ningde = (retirementDate: string, asOf: string) => evaluateItCapability(sichuan({ programme: FUJIAN_1, retirementDate, asOf })).exempt;
      expect(ningde('2022-12-30', '2015-06-01')).toBe(true);
      expect(ningde('2022-12-31', '2015-06-01')).toBe(false);
      expect(ningde('2022-12-31', '2019-06-01')).toBe(false);
      expect(ningde('2020-06-01', '2014-01-01')).toBe(true);
    });

    it('exempts a teacher already past retirement and not one with no known date', () => {
      expect(evaluateItCapability(sichuan({ retirementDate: '2019-01-01' })).exempt).toBe(true);
      expect(evaluateItCapability(sichuan({ retirementDate: null })).exempt).toBe(false);
    });

    it('still reports what an exempt teacher is missing, without calling it complete', () => {
      const result = evaluateItCapability(sichuan({ retirementDate: '2022-01-01', onlineHoursMilli: 0 }));
      expect(result).toMatchObject({ exempt: true, complete: false, missing: ['20 more online hours (20 required, 0 done)'] });
    });

    it('exempts nobody when the programme has no exemption', () => {
      const programme = { ...SICHUAN_2, retirementExemptionYears: null };
      expect(evaluateItCapability(sichuan({ programme, retirementDate: '2021-01-01' })).exempt).toBe(false);
    });
  });

  describe('an existing certificate', () => {
    it('completes the programme when it is an issued certificate of the same version', () => {
      const result = evaluateItCapability(sichuan({ onlineHoursMilli: 0, practiceHoursMilli: 0, certificate: { number: 'IT2-51-2020-000001', status: 'ISSUED' } }));
      expect(result).toMatchObject({ complete: true, missing: [], totalHoursMilli: 0 });
    });

    it('does not count a revoked certificate, another version, or a foreign number', () => {
      for (const certificate of [
        { number: 'IT2-51-2020-000001', status: 'REVOKED' as const },
        { number: 'IT1-51-2016-000001', status: 'ISSUED' as const },
        { number: 'SC-2020-0001', status: 'ISSUED' as const },
      ]) {
        expect(evaluateItCapability(sichuan({ onlineHoursMilli: 0, certificate })).complete).toBe(false);
      }
    });
  });

  it('completes Sichuan 1.0, which sets no hours, only with its own certificate (省执行办 2017 第01号)', () => {
    const sichuan1 = programmeFor('51', '2016-06-01')!;
    const base = { programme: sichuan1, onlineHoursMilli: 100_000, practiceHoursMilli: 100_000, preAssessmentDone: true, retirementDate: null, asOf: '2016-06-01' };
    const without = evaluateItCapability(base);
    expect(without.complete).toBe(false);
    expect(without.missing).toEqual([expect.stringContaining('1.0 completion certificate issued by 教育部')]);
    expect(evaluateItCapability({ ...base, certificate: { number: 'IT1-51-2016-000001', status: 'ISSUED' } })).toMatchObject({ complete: true, missing: [] });
    expect(evaluateItCapability({ ...base, certificate: { number: 'IT2-51-2016-000001', status: 'ISSUED' } }).complete).toBe(false);
  });

  it('rejects negative or fractional-thousandth hours and bad dates', () => {
    for (const [input, rule] of [
      [sichuan({ onlineHoursMilli: -1 }), 'HOURS_NON_NEGATIVE'],
      [sichuan({ practiceHoursMilli: 0.5 }), 'HOURS_NON_NEGATIVE'],
      [sichuan({ asOf: '2020-13-01' }), 'DATE_FORMAT'],
      [sichuan({ retirementDate: '2025/06/01' }), 'DATE_FORMAT'],
    ] as const) {
      try {
        evaluateItCapability(input);
        throw new Error('expected an error');
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
      }
    }
  });
});
