import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Identity } from '../kit/identity';
import { CreditRecord } from '../subgraphs/credits/entities';
import { generateProvinceSlices } from '../scripts/demo-slices';
import type { PassList } from '../subgraphs/certification/entities';
import { passCertificateOf } from '../subgraphs/certification/partner';
import { SYSTEM } from './support/auth';
import { startTestGraph, type TestGraph } from './support/graph';

/**
 * Issue 16, deliverable 2, through the gateway with the demo slices: each teacher is judged by the
 * IT programme of their own school's province (not one configured province), and a province with
 * no programme gets an explicit answer naming it, never a neighbour's programme.
 */

const CAPABILITY = /* GraphQL */ `
  query Capability($id: ID!, $asOf: Date) {
    teacher(id: $id) {
      id
      retirementDate
      itCapability(asOf: $asOf) {
        programme { id provinceCode version }
        exempt complete missing
      }
      titleEvaluationEligibility(date: $asOf) { eligible rules { rule met description } }
    }
  }
`;

describe('the IT programme of the teacher\'s own province, through the gateway', () => {
  let graph: TestGraph;
  const slices = generateProvinceSlices();
  const schoolRegion = new Map(slices.schools.map((s) => [s.id, s.regionCode]));
  const teachersIn = (provincePrefix: string) => slices.teachers.filter((t) => schoolRegion.get(t.schoolId)!.startsWith(provincePrefix));

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 30, slices: true });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  async function capability(id: string, asOf: string) {
    const result = await graph.query(CAPABILITY, { id, asOf }, SYSTEM);
    expect(result.errors).toBeUndefined();
    return result.data!.teacher;
  }

  it("judges a Fujian (Ningde) teacher under Fujian's 1.0 and a Sichuan teacher under Sichuan's programme, from the same service", async () => {
    const ningde = teachersIn('3509')[0];
    const fujian = await capability(ningde.id, '2017-06-30');
    expect(fujian.itCapability.programme).toEqual({ id: 'IT1-35', provinceCode: '35', version: '1.0' });
    // Ningde: 80 学时 = 50 online + 30 practice, after the diagnostic pre-assessment.
    expect(fujian.itCapability.missing).toEqual(expect.arrayContaining(['the diagnostic pre-assessment', expect.stringContaining('50 more online hours')]));

    const sichuanTeacher = graph.province.teachers.find((t) => t.retirementDate > '2040-01-01')!;
    const sichuan = await capability(sichuanTeacher.id, '2024-06-30');
    expect(sichuan.itCapability.programme).toEqual({ id: 'IT2-51', provinceCode: '51', version: '2.0' });
    // 省执行办 2017 第01号: in 2017 Sichuan runs its own 1.0, completed by the certificate 教育部 issues.
    const sichuan2017 = await capability(sichuanTeacher.id, '2017-06-30');
    expect(sichuan2017.itCapability.programme).toEqual({ id: 'IT1-51', provinceCode: '51', version: '1.0' });
    expect(sichuan2017.itCapability.missing).toEqual([expect.stringContaining('issued by 教育部')]);
    // The same day, the Ningde teacher's province runs no programme (1.0 ended 2017-12-31): not Sichuan's 2.0.
    const fujianLater = await capability(ningde.id, '2024-06-30');
    expect(fujianLater.itCapability.programme).toBeNull();
    expect(fujianLater.itCapability.missing).toEqual(['no IT capability programme is configured for province 35 on 2024-06-30']);
  });

  it('gives a province with no programme configured an explicit answer, in itCapability and in title eligibility', async () => {
    const zhejiang = await capability(teachersIn('33')[0].id, '2024-06-30');
    expect(zhejiang.itCapability.programme).toBeNull();
    expect(zhejiang.itCapability.complete).toBe(false);
    expect(zhejiang.itCapability.missing).toEqual(['no IT capability programme is configured for province 33 on 2024-06-30']);
    expect(zhejiang.titleEvaluationEligibility.rules).toEqual([
      expect.objectContaining({ description: expect.stringContaining('province 33') }),
    ]);
    expect(zhejiang.titleEvaluationEligibility.rules[0].description).not.toContain('51');
  });

  it('completes Ningde 1.0 only with the two 合格证明 and the submitted 应用实践成果, in their order (Ningde notice)', async () => {
    // Ningde notice (the 80-hour IT programme plan, 2016): "80 学时 = 50 online + 30 practice, preceded by a diagnostic
    // pre-assessment that steers course choice; practice ends in a submitted 应用实践成果; ... two 合格证明 (online 50 h,
    // practice 30 h) lead to the completion certificate (结业证书)".
    const ningde = teachersIn('3509')[1];
    const county = schoolRegion.get(ningde.schoolId)!;
    const city: Identity = { role: 'CITY_BUREAU', subject: 'ningde-office', regionCode: '350900' };
    const PROOF = `mutation($input: ItCompletionProofInput!) { recordItCompletionProof(input: $input) { kind provenOn reference } }`;
    const proof = (kind: string, provenOn: string, identity: Identity = city, programmeId = 'IT1-35') =>
      graph.query(PROOF, { input: { teacherId: ningde.id, regionCode: county, programmeId, kind, provenOn, reference: `${kind} 宁德-2016-${provenOn}` } }, identity);
    const PROOFS = `query($id: ID!) { teacher(id: $id) { name school { id category } itCapability(asOf: "2017-06-30") { complete missing evidence proofs { kind provenOn } } } }`;
    const read = async () => (await graph.query(PROOFS, { id: ningde.id }, SYSTEM)).data!.teacher;
    const standing = async () => (await read()).itCapability;
    // The 80 学时 on record, as credits counts them: 50 online, 30 practice, verified in 2016.
    await graph.stores.credits.dataSource.getRepository(CreditRecord).insert({
      id: randomUUID(), teacherId: ningde.id, schoolId: ningde.schoolId, regionCode: county, source: 'EXTERNAL_PROGRAMME',
      category: 'IT_ONLINE', onlineHoursMilli: 50_000, offlineHoursMilli: 30_000, creditsMilli: 8_000, earnedOn: '2016-11-15',
      status: 'VERIFIED', policyId: null,
    } as Partial<CreditRecord> as CreditRecord);
    const REVIEW = `mutation($input: ItCompletionReviewInput!) { reviewItCompletion(input: $input) { programmeId } }`;
    const review = async () => {
      const teacher = await read();
      const input = { teacherId: ningde.id, evidence: teacher.itCapability.evidence, holderName: teacher.name, schoolId: teacher.school.id, regionCode: county, schoolCategory: teacher.school.category };
      return graph.query(REVIEW, { input }, city);
    };

    const programmes = await graph.query(`{ itProgrammes { id requiredProofs } }`);
    expect(programmes.data!.itProgrammes.find((p: { id: string }) => p.id === 'IT1-35').requiredProofs).toEqual(['ONLINE_STUDY_PASS', 'PRACTICE_OUTCOME', 'PRACTICE_PASS']);
    // The hours alone do not complete 1.0: the pre-assessment and the three proofs are missing, and the office cannot review.
    expect((await standing()).missing).toEqual([
      'the diagnostic pre-assessment',
      'the online study pass certificate (网络研修合格证明)',
      'the submitted practice outcome (应用实践成果)',
      'the practice pass certificate (实践应用合格证明)',
    ]);
    expect((await review()).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ELIGIBLE', missing: expect.arrayContaining(['the practice pass certificate (实践应用合格证明)']) });

    // The diagnostic pre-assessment steers the course choice: no online pass before it.
    expect((await proof('ONLINE_STUDY_PASS', '2016-06-01')).errors?.[0]?.extensions).toMatchObject({ code: 'PRE_ASSESSMENT_FIRST' });
    const assessed = await graph.query(
      `mutation($input: PreAssessmentInput!) { recordPreAssessment(input: $input) { assessedOn } }`,
      { input: { teacherId: ningde.id, regionCode: county, assessedOn: '2016-03-01', programmeId: 'IT1-35' } },
      city,
    );
    expect(assessed.errors).toBeUndefined();
    expect((await proof('ONLINE_STUDY_PASS', '2016-06-01')).errors).toBeUndefined();
    // The practice pass follows the submitted outcome.
    expect((await proof('PRACTICE_PASS', '2016-11-01')).errors?.[0]?.extensions).toMatchObject({ code: 'PRACTICE_OUTCOME_FIRST' });
    expect((await proof('PRACTICE_OUTCOME', '2016-10-01')).errors).toBeUndefined();
    expect((await proof('PRACTICE_PASS', '2016-11-01')).errors).toBeUndefined();

    const after = await standing();
    expect(after.proofs).toEqual([
      { kind: 'ONLINE_STUDY_PASS', provenOn: '2016-06-01' },
      { kind: 'PRACTICE_OUTCOME', provenOn: '2016-10-01' },
      { kind: 'PRACTICE_PASS', provenOn: '2016-11-01' },
    ]);
    expect(after).toMatchObject({ complete: true, missing: [] });
    // Now the city project office reviews it and the provincial completion certificate of 1.0 is issued.
    expect((await review()).errors).toBeUndefined();
    const issued = await graph.query(`mutation($t: ID!) { issueItCompletionCertificate(teacherId: $t) { number issuer issuingBody { kind regionCode } } }`, { t: ningde.id }, city);
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueItCompletionCertificate).toMatchObject({ number: expect.stringMatching(/^IT1-35-\d{4}-\d{6}$/), issuer: '福建省教育厅', issuingBody: { kind: 'BUREAU', regionCode: '350000' } });

    // Another province's bureau is out of scope; a programme without proofs takes none.
    const zhejiang: Identity = { role: 'CITY_BUREAU', subject: 'hz', regionCode: '330100' };
    expect((await proof('PRACTICE_OUTCOME', '2016-10-01', zhejiang)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    expect((await proof('ONLINE_STUDY_PASS', '2020-06-01', SYSTEM, 'IT2-51')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PROOF_NOT_REQUIRED' });
  });

  it('exempts a Ningde teacher with strictly less than five years to retirement at 2017-12-31, not one with exactly five', async () => {
    // Ningde notice: 距退休不满五年的教师可不参加 — "不满" is strictly less; judged at the programme's deadline.
    const nearRetirement = teachersIn('35').filter((t) => t.birthDate.startsWith('1967-12'));
    const lessThanFive = nearRetirement.find((t) => t.retirementDate === '2022-12-30')!;
    const exactlyFive = nearRetirement.find((t) => t.retirementDate === '2022-12-31')!;
    expect(lessThanFive && exactlyFive).toBeTruthy();

    const exempt = await capability(lessThanFive.id, '2016-03-01');
    expect(exempt.retirementDate).toBe('2022-12-30');
    expect(exempt.itCapability).toMatchObject({ programme: { id: 'IT1-35' }, exempt: true });
    const notExempt = await capability(exactlyFive.id, '2016-03-01');
    expect(notExempt.retirementDate).toBe('2022-12-31');
    expect(notExempt.itCapability).toMatchObject({ programme: { id: 'IT1-35' }, exempt: false, complete: false });

    // Judged at the deadline, not on the day asked: in 2014 over eight years remained, still exempt.
    expect((await capability(lessThanFive.id, '2014-06-30')).itCapability.exempt).toBe(true);
  });
});

describe('the certificate a partner pass list yields (Sichuan notice 省执行办 2017 第01号)', () => {
  const list = (regionCode: string, year: number | null): PassList => ({ id: 'list-1', programme: '中国电信', regionCode, createdAt: '2026-01-01T00:00:00Z', year });
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      return (error as GraphQLError).extensions;
    }
    throw new Error('expected a refusal');
  };

  it('gives passes of 2014–2017 the 1.0 certificate of their year, 由教育部统一颁发, whatever the approval day', () => {
    for (const year of [2014, 2015, 2016, 2017]) {
      const { programme, issuedOn } = passCertificateOf(list('510000', year), '2026-03-01');
      expect({ id: programme.id, issuer: programme.issuer, issuedOn }).toEqual({ id: 'IT1-51', issuer: '教育部', issuedOn: `${year}-12-31` });
    }
  });

  it("gives a 2.0-era pass the province's 2.0 certificate of the approval day, and refuses a year or province without a programme", () => {
    expect(passCertificateOf(list('510000', 2024), '2026-03-01')).toMatchObject({ programme: { id: 'IT2-51', issuer: '四川省教育厅' }, issuedOn: '2026-03-01' });
    expect(refusal(() => passCertificateOf(list('510000', 2018), '2026-03-01'))).toMatchObject({ code: 'NO_PROGRAMME' });
    expect(refusal(() => passCertificateOf(list('330000', 2016), '2026-03-01'))).toMatchObject({ code: 'NO_PROGRAMME' });
    expect(refusal(() => passCertificateOf(list('510000', null), '2026-03-01'))).toMatchObject({ code: 'PASS_YEAR_MISSING' });
  });
});
