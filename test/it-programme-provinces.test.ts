import { GraphQLError } from 'graphql';
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

    // Judged at the deadline, not on the day asked: in 2013 over nine years remained, still exempt.
    expect((await capability(lessThanFive.id, '2013-06-30')).itCapability.exempt).toBe(true);
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
