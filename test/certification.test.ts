import { randomUUID } from 'node:crypto';
import { CreditRecord } from '../subgraphs/credits/entities';
import type { Identity } from '../kit/identity';
import { BACKENDS, startTestGraph, type TestGraph } from './support/graph';
import { SYSTEM } from './support/auth';

/**
 * Certification through the gateway on MariaDB and SQLite: @requires-based IT capability,
 * issuing (eligible or not, with reasons), revoke and reissue, anonymous verification,
 * the printable PDF, coverage against hand-computed numbers, targets, plan and xlsx exports.
 */

const CAPABILITY = /* GraphQL */ `
  query Capability($id: ID!, $asOf: Date) {
    teacher(id: $id) {
      id
      name
      retirementDate
      school { id category region { code } }
      itTrainingHours { year onlineHours practiceHours }
      itCapability(asOf: $asOf) {
        programme { id }
        onlineHours practiceHours totalHours preAssessmentDone exempt complete missing evidence
        certificate { number }
      }
    }
  }
`;

const REVIEW = /* GraphQL */ `
  mutation Review($input: ItCompletionReviewInput!) { reviewItCompletion(input: $input) { teacherId programmeId onlineHours practiceHours } }
`;
const ISSUE = /* GraphQL */ `
  mutation Issue($teacherId: ID!) { issueItCompletionCertificate(teacherId: $teacherId) { number kind status issuer issuedOn teacher { id } } }
`;
const VERIFY = /* GraphQL */ `
  query Verify($number: String!, $name: String!) { verifyCertificate(number: $number, name: $name) { number result kind issuer issuedOn replacedBy } }
`;

function cityBureauOf(regionCode: string): Identity {
  return { role: 'CITY_BUREAU', subject: 'test-city', regionCode: `${regionCode.slice(0, 4)}00` };
}

function milli(text: string): number {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

describe.each(BACKENDS)('certification on %s', (backend) => {
  let graph: TestGraph;
  const asOf = '2024-06-30';

  beforeAll(async () => {
    graph = await startTestGraph(backend, { teachers: 120 });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  async function capability(id: string) {
    const result = await graph.query(CAPABILITY, { id, asOf });
    expect(result.errors).toBeUndefined();
    return result.data!.teacher;
  }

  it('computes itCapability from the hours credits sends through @requires', async () => {
    for (const seeded of graph.province.teachers.slice(0, 15)) {
      const t = await capability(seeded.id);
      const window = t.itTrainingHours.filter((h: { year: number }) => h.year >= 2022 && h.year <= 2024);
      const online = window.reduce((s: number, h: { onlineHours: string }) => s + milli(h.onlineHours), 0);
      const practice = window.reduce((s: number, h: { practiceHours: string }) => s + milli(h.practiceHours), 0);
      expect(t.itCapability.programme.id).toBe('IT2-51');
      expect(milli(t.itCapability.onlineHours)).toBe(online);
      expect(milli(t.itCapability.practiceHours)).toBe(practice);
      // Strictly less than five years to retirement on asOf (2.0 has no deadline yet).
      expect(t.itCapability.exempt).toBe(t.retirementDate < '2029-06-30');
      if (!t.itCapability.certificate) expect(t.itCapability.complete).toBe(online >= 20_000 && practice >= 30_000);
      if (!t.itCapability.complete) expect(t.itCapability.missing.length).toBeGreaterThan(0);
    }
  });

  it('refuses to issue without completion or without the city office review, with reasons', async () => {
    let incomplete: any;
    for (const seeded of graph.province.teachers) {
      const t = await capability(seeded.id);
      if (!t.itCapability.complete) {
        incomplete = t;
        break;
      }
    }
    expect(incomplete).toBeDefined();
    const city = cityBureauOf(incomplete.school.region.code);
    const notReviewed = await graph.query(ISSUE, { teacherId: incomplete.id }, city);
    expect(notReviewed.errors![0].extensions).toMatchObject({ code: 'CITY_OFFICE_REVIEW_REQUIRED' });
    const review = await graph.query(
      REVIEW,
      {
        input: {
          teacherId: incomplete.id,
          evidence: incomplete.itCapability.evidence,
          holderName: incomplete.name,
          schoolId: incomplete.school.id,
          regionCode: incomplete.school.region.code,
          schoolCategory: incomplete.school.category,
        },
      },
      city,
    );
    expect(review.errors![0].extensions).toMatchObject({ code: 'NOT_ELIGIBLE' });
    expect(review.errors![0].extensions!.missing).toEqual(incomplete.itCapability.missing);
    // Tampered evidence is refused.
    const forged = await graph.query(
      REVIEW,
      {
        input: {
          teacherId: incomplete.id,
          evidence: `${Buffer.from(JSON.stringify({ teacherId: incomplete.id, programmeId: 'IT2-51', onlineHoursMilli: 99000, practiceHoursMilli: 99000, retirementDate: null, asOf, expires: Date.now() + 1e6 })).toString('base64url')}.${incomplete.itCapability.evidence.split('.')[1]}`,
          holderName: incomplete.name,
          schoolId: incomplete.school.id,
          regionCode: incomplete.school.region.code,
          schoolCategory: incomplete.school.category,
        },
      },
      city,
    );
    expect(forged.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'EVIDENCE_SIGNATURE' });
  });

  let issuedNumber: string;
  let holder: { id: string; name: string };

  it('issues the completion certificate after review, numbered in its series, once', async () => {
    // A teacher far from retirement without a certificate earns the hours (fixture written into
    // the credits store from outside the graph, as the seed does).
    const seeded = graph.province.teachers.find(
      (t) => t.retirementDate > '2035-01-01' && !graph.province.certificates.some((c) => c.teacherId === t.id && c.kind === 'IT_CAPABILITY_COMPLETION'),
    )!;
    const school = graph.province.schools.find((s) => s.id === seeded.schoolId)!;
    const before = await capability(seeded.id);
    expect(before.itCapability.certificate).toBeNull();
    await graph.stores.credits.dataSource.getRepository(CreditRecord).insert({
      id: randomUUID(), teacherId: seeded.id, schoolId: seeded.schoolId, regionCode: school.regionCode, source: 'SCHOOL_BASED',
      category: 'IT_PRACTICE', onlineHoursMilli: 25_000, offlineHoursMilli: 35_000, creditsMilli: 6_000, earnedOn: '2024-03-01',
      status: 'VERIFIED', policyId: null,
    } as Partial<CreditRecord> as CreditRecord);
    const complete = await capability(seeded.id);
    expect(complete.itCapability).toMatchObject({ complete: true, missing: [] });
    expect(milli(complete.itCapability.onlineHours) - milli(before.itCapability.onlineHours)).toBe(25_000);
    holder = { id: complete.id, name: complete.name };
    const city = cityBureauOf(complete.school.region.code);
    const input = {
      teacherId: complete.id,
      evidence: complete.itCapability.evidence,
      holderName: complete.name,
      schoolId: complete.school.id,
      regionCode: complete.school.region.code,
      schoolCategory: complete.school.category,
    };
    // Another city's office may not review this teacher.
    const outside = await graph.query(REVIEW, { input }, { role: 'CITY_BUREAU', subject: 'x', regionCode: complete.school.region.code.startsWith('5101') ? '510300' : '510100' });
    expect(outside.errors![0].extensions!.code).toBe('FORBIDDEN');
    const review = await graph.query(REVIEW, { input }, city);
    expect(review.errors).toBeUndefined();
    const issued = await graph.query(ISSUE, { teacherId: complete.id }, city);
    expect(issued.errors).toBeUndefined();
    const certificate = issued.data!.issueItCompletionCertificate;
    const year = new Date().getFullYear();
    expect(certificate).toMatchObject({ kind: 'IT_CAPABILITY_COMPLETION', status: 'ISSUED', issuer: '四川省教育厅', teacher: { id: complete.id } });
    expect(certificate.number).toMatch(new RegExp(`^IT2-51-${year}-\\d{6}$`));
    const seededInSeries = graph.province.certificates.filter((c) => c.number.startsWith(`IT2-51-${year}-`)).map((c) => c.number).sort();
    const expectedSequence = seededInSeries.length ? Number(seededInSeries.at(-1)!.slice(-6)) + 1 : 1;
    expect(Number(certificate.number.slice(-6))).toBe(expectedSequence);
    issuedNumber = certificate.number;

    const again = await graph.query(ISSUE, { teacherId: complete.id }, city);
    expect(again.errors![0].extensions!.code).toBe('ALREADY_CERTIFIED');
    const after = await capability(complete.id);
    expect(after.itCapability.certificate.number).toBe(issuedNumber);
  });

  it('allocates distinct numbers to concurrent issuances', async () => {
    const teachers = graph.province.teachers.slice(0, 6);
    const results = await Promise.all(
      teachers.map((t) => {
        const school = graph.province.schools.find((s) => s.id === t.schoolId)!;
        return graph.query(
          `mutation DA($input: DevelopmentAssessmentInput!) { issueDevelopmentAssessmentCertificate(input: $input) { number level } }`,
          { input: { teacherId: `${t.id}`, holderName: t.name, schoolId: t.schoolId, regionCode: school.regionCode, schoolCategory: school.category, result: 'EXCELLENT' } },
          SYSTEM,
        );
      }),
    );
    const numbers = results.filter((r) => !r.errors).map((r) => r.data!.issueDevelopmentAssessmentCertificate.number);
    const refused = results.filter((r) => r.errors).map((r) => `${r.errors![0].extensions!.code}: ${r.errors![0].message}`);
    expect(refused.filter((c) => !c.startsWith('ALREADY_CERTIFIED'))).toEqual([]);
    expect(numbers.length).toBeGreaterThan(0);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('verifies publicly without personal data, and follows revoke and reissue', async () => {
    const valid = await graph.query(VERIFY, { number: issuedNumber.toLowerCase(), name: ` ${holder.name} ` }, null);
    expect(valid.errors).toBeUndefined();
    expect(valid.data!.verifyCertificate).toEqual({
      number: issuedNumber,
      result: 'VALID',
      kind: 'IT_CAPABILITY_COMPLETION',
      issuer: '四川省教育厅',
      issuedOn: expect.any(String),
      replacedBy: null,
    });
    const wrongName = await graph.query(VERIFY, { number: issuedNumber, name: '某某某' }, null);
    expect(wrongName.data!.verifyCertificate).toEqual({ number: issuedNumber, result: 'NAME_MISMATCH', kind: null, issuer: null, issuedOn: null, replacedBy: null });
    // Anonymous callers cannot read the certificate itself.
    const row = await graph.query(`query($n: ID!) { certificate(number: $n) { number teacher { id } } }`, { n: issuedNumber }, null);
    expect(row.data?.certificate ?? null).toBeNull();

    const reissued = await graph.query(
      `mutation($n: ID!) { reissueCertificate(number: $n, reason: "遗失") { number status replaces { number status statusReason } } }`,
      { n: issuedNumber },
      SYSTEM,
    );
    expect(reissued.errors).toBeUndefined();
    const replacement = reissued.data!.reissueCertificate;
    expect(replacement.number).not.toBe(issuedNumber);
    expect(replacement.replaces).toEqual({ number: issuedNumber, status: 'REISSUED', statusReason: '遗失' });
    const old = await graph.query(VERIFY, { number: issuedNumber, name: holder.name }, null);
    expect(old.data!.verifyCertificate).toMatchObject({ result: 'REPLACED', replacedBy: replacement.number });
    const twice = await graph.query(`mutation($n: ID!) { reissueCertificate(number: $n) { number } }`, { n: issuedNumber }, SYSTEM);
    expect(twice.errors![0].extensions!.code).toBe('INVALID_TRANSITION');

    const noReason = await graph.query(`mutation($n: ID!) { revokeCertificate(number: $n, reason: " ") { number } }`, { n: replacement.number }, SYSTEM);
    expect(noReason.errors![0].extensions!.rule).toBe('REVOCATION_REASON_REQUIRED');
    const teacherRole: Identity = { role: 'TEACHER', subject: 't', teacherId: holder.id, schoolId: 'x', regionCode: '510104' };
    const byTeacher = await graph.query(`mutation($n: ID!) { revokeCertificate(number: $n, reason: "x") { number } }`, { n: replacement.number }, teacherRole);
    expect(byTeacher.errors![0].extensions!.code).toBe('FORBIDDEN');
    const revoked = await graph.query(`mutation($n: ID!) { revokeCertificate(number: $n, reason: "伪造学时") { status statusReason } }`, { n: replacement.number }, SYSTEM);
    expect(revoked.data!.revokeCertificate).toEqual({ status: 'REVOKED', statusReason: '伪造学时' });
    const verifiedRevoked = await graph.query(VERIFY, { number: replacement.number, name: holder.name }, null);
    expect(verifiedRevoked.data!.verifyCertificate).toMatchObject({ result: 'REVOKED', kind: 'IT_CAPABILITY_COMPLETION' });
    expect(JSON.stringify(verifiedRevoked)).not.toMatch(/\d{17}[\dX]/);
  });

  it('lists what title evaluation misses from 2019-01-01 in Sichuan', async () => {
    const seeded = graph.province.teachers.find(
      (t) => !graph.province.certificates.some((c) => c.teacherId === t.id && c.kind === 'IT_CAPABILITY_COMPLETION') && t.retirementDate > '2026-01-01',
    )!;
    const q = `query($id: ID!, $d: Date) { teacher(id: $id) { titleEvaluationEligibility(date: $d) { eligible missing rules { rule met } } } }`;
    const before = await graph.query(q, { id: seeded.id, d: '2018-12-31' });
    expect(before.data!.teacher.titleEvaluationEligibility).toMatchObject({ eligible: true, missing: [] });
    const after = await graph.query(q, { id: seeded.id, d: '2020-03-01' });
    expect(after.data!.teacher.titleEvaluationEligibility).toMatchObject({
      eligible: false,
      missing: ['the IT application capability completion certificate (信息技术应用能力提升工程 结业证书)'],
    });
  });

  it('renders a printable PDF for the holder', async () => {
    const holderQuery = await graph.query(`query($id: ID!) { teacher(id: $id) { certificates(kind: IT_CAPABILITY_COMPLETION) { number status printable } } }`, { id: holder.id });
    expect(holderQuery.errors).toBeUndefined();
    const printable = holderQuery.data!.teacher.certificates.filter((c: { printable: string | null }) => c.printable);
    expect(printable.every((c: { status: string }) => c.status === 'ISSUED')).toBe(true);
    for (const c of printable) expect(Buffer.from(c.printable, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
