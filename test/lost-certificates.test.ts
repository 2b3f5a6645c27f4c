import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, openDataSource } from '../kit/data-source';
import type { Identity } from '../kit/identity';
import { generateProvinceSlices } from '../scripts/demo-slices';
import { certificationSubgraph } from '../subgraphs/certification';
import { SICHUAN_BUREAU, SYSTEM } from './support/auth';
import { startTestGraph, type GraphQLResult, type TestGraph } from './support/graph';

/**
 * Lost certificates (证书遗失) through the gateway, per the holder's province's policy data.
 * Sichuan notice 省执行办 2017 第01号 (domain.md): "Lost certificate: the issuing institution reissues it,
 * or the teacher gets an explanation stamped level by level, gathered per city and sent to the
 * province office." The other notices say nothing about lost certificates: "not configured".
 */

const REISSUE = `mutation($n: ID!) { reissueCertificate(number: $n, reason: "遗失") { number issuer issuingBody { kind regionCode institutionId } replaces { number status } } }`;
const EXPLAIN = `mutation($n: ID!) { explainLostCertificate(number: $n, statement: "证书遗失，特此说明") { id nextStamp } }`;
const RULE = `query($p: String!) { lostCertificateRule(provinceCode: $p) { provinceCode configured reissueByIssuingBody explanationStamps citation source } }`;

const codeOf = (result: GraphQLResult) => result.errors?.[0]?.extensions as { code?: string; rule?: string } | undefined;

describe('lost certificates per province (Sichuan notice 省执行办 2017 第01号), through the gateway', () => {
  let graph: TestGraph;
  const slices = generateProvinceSlices();

  beforeAll(async () => {
    graph = await startTestGraph('mariadb', { teachers: 120, slices: true });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  const institution = (institutionId: string): Identity => ({ role: 'INSTITUTION', subject: `test-${institutionId}`, institutionId });

  it('serves each province\'s rule as data: Sichuan\'s two routes, "not configured" where the notice says nothing', async () => {
    const sichuan = await graph.query(RULE, { p: '51' });
    expect(sichuan.errors).toBeUndefined();
    expect(sichuan.data!.lostCertificateRule).toMatchObject({
      provinceCode: '51',
      configured: true,
      reissueByIssuingBody: true,
      explanationStamps: ['COUNTY', 'CITY', 'PROVINCE'],
      citation: 'Sichuan notice 省执行办 2017 第01号',
    });
    const zhejiang = (await graph.query(RULE, { p: '33' })).data!.lostCertificateRule;
    expect(zhejiang).toMatchObject({ provinceCode: '33', configured: false, reissueByIssuingBody: false, explanationStamps: [] });
    expect(zhejiang.source).toContain('Zhejiang 2020 notice');
    expect(codeOf(await graph.query(RULE, { p: '5' }))).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PROVINCE_CODE_FORMAT' });
  });

  it('lets the issuing institution reissue its own certificate, and only it', async () => {
    const seeded = graph.province.certificates.find((c) => c.kind === 'PROJECT_COMPLETION' && c.status === 'ISSUED' && c.issuingInstitutionId)!;
    const issuer = seeded.issuingInstitutionId!;
    const other = graph.province.institutions.find((i) => i.id !== issuer)!.id;
    // The institution sees the certificates it issued, with itself as the issuing body.
    const seen = await graph.query(`query($n: ID!) { certificate(number: $n) { number issuingBody { kind institutionId } } }`, { n: seeded.number }, institution(issuer));
    expect(seen.data!.certificate).toEqual({ number: seeded.number, issuingBody: { kind: 'INSTITUTION', institutionId: issuer } });

    expect(codeOf(await graph.query(REISSUE, { n: seeded.number }, institution(other)))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });
    // The province bureau manages the holder's region but did not issue it.
    expect(codeOf(await graph.query(REISSUE, { n: seeded.number }, SICHUAN_BUREAU))).toMatchObject({ code: 'FORBIDDEN', rule: 'REISSUED_BY_ISSUING_BODY' });
    // A city bureau no longer reissues at all: no certificate is issued in a city's name.
    expect(codeOf(await graph.query(REISSUE, { n: seeded.number }, { role: 'CITY_BUREAU', subject: 'c', regionCode: '510100' }))).toMatchObject({
      code: 'FORBIDDEN',
      rule: 'WRITE_POLICY',
    });

    const reissued = await graph.query(REISSUE, { n: seeded.number }, institution(issuer));
    expect(reissued.errors).toBeUndefined();
    expect(reissued.data!.reissueCertificate).toMatchObject({
      issuer: seeded.issuer,
      issuingBody: { kind: 'INSTITUTION', regionCode: null, institutionId: issuer },
      replaces: { number: seeded.number, status: 'REISSUED' },
    });
    expect(reissued.data!.reissueCertificate.number).toMatch(/^PC-51-\d{4}-\d{6}$/);
  });

  it("lets the province bureau reissue its department's certificate, and sends others to the explanation route", async () => {
    const departments = graph.province.certificates.filter((c) => c.kind === 'IT_CAPABILITY_COMPLETION' && c.status === 'ISSUED' && c.issuer === '四川省教育厅');
    const reissued = await graph.query(REISSUE, { n: departments[0].number }, SICHUAN_BUREAU);
    expect(reissued.errors).toBeUndefined();
    expect(reissued.data!.reissueCertificate.issuingBody).toEqual({ kind: 'BUREAU', regionCode: '510000', institutionId: null });
    // Another province's bureau is outside the holder's region.
    const jiangxi: Identity = { role: 'PROVINCE_BUREAU', subject: 'jx', regionCode: '360000' };
    expect(codeOf(await graph.query(REISSUE, { n: departments[1].number }, jiangxi))).toMatchObject({ code: 'FORBIDDEN', rule: 'OUT_OF_SCOPE' });

    // 四川省电化教育馆's development-assessment certificates name no body on this platform: no reissue, the explanation instead.
    const centre = graph.province.certificates.find((c) => c.kind === 'DEVELOPMENT_ASSESSMENT' && c.status === 'ISSUED')!;
    const refused = await graph.query(REISSUE, { n: centre.number }, SYSTEM);
    expect(codeOf(refused)).toMatchObject({ code: 'FORBIDDEN', rule: 'REISSUED_BY_ISSUING_BODY' });
    expect(refused.errors![0].message).toContain('explainLostCertificate');
    const school = graph.province.schools.find((s) => s.id === graph.province.teachers.find((t) => t.id === centre.teacherId)!.schoolId)!;
    const explained = await graph.query(EXPLAIN, { n: centre.number }, { role: 'COUNTY_BUREAU', subject: 'county', regionCode: school.regionCode });
    expect(explained.errors).toBeUndefined();
    expect(explained.data!.explainLostCertificate.nextStamp).toBe('CITY');
    // "gathered per city and sent to the province office": the city gathers what awaits its stamp.
    const GATHER = `query($r: ID!, $a: StampLevel) { lostCertificateExplanations(regionCode: $r, awaiting: $a) { id regionCode nextStamp } }`;
    const cityCode = `${school.regionCode.slice(0, 4)}00`;
    const city: Identity = { role: 'CITY_BUREAU', subject: 'city', regionCode: cityCode };
    const gathered = await graph.query(GATHER, { r: cityCode, a: 'CITY' }, city);
    expect(gathered.errors).toBeUndefined();
    expect(gathered.data!.lostCertificateExplanations).toContainEqual({ id: explained.data!.explainLostCertificate.id, regionCode: school.regionCode, nextStamp: 'CITY' });
    expect((await graph.query(GATHER, { r: cityCode, a: 'PROVINCE' }, city)).data!.lostCertificateExplanations).toEqual([]);
    const otherCity = cityCode === '510100' ? '510300' : '510100';
    expect(codeOf(await graph.query(GATHER, { r: cityCode }, { role: 'CITY_BUREAU', subject: 'other', regionCode: otherCity }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(codeOf(await graph.query(GATHER, { r: cityCode }, { role: 'TEACHER', subject: 't', teacherId: centre.teacherId, schoolId: school.id, regionCode: school.regionCode }))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('answers LOST_CERTIFICATE_RULE_NOT_CONFIGURED for a Hunan certificate, on both routes', async () => {
    // The Changsha notice says nothing about lost certificates.
    const teacher = slices.teachers.find((t) => slices.schools.find((s) => s.id === t.schoolId)!.regionCode.startsWith('4301'))!;
    const school = slices.schools.find((s) => s.id === teacher.schoolId)!;
    const issued = await graph.query(
      `mutation($input: DevelopmentAssessmentInput!) { issueDevelopmentAssessmentCertificate(input: $input) { number issuer issuingBody { kind regionCode } } }`,
      { input: { teacherId: teacher.id, holderName: teacher.name, schoolId: school.id, regionCode: school.regionCode, schoolCategory: school.category, result: 'PASS' } },
      SYSTEM,
    );
    expect(issued.errors).toBeUndefined();
    const certificate = issued.data!.issueDevelopmentAssessmentCertificate;
    expect(certificate).toMatchObject({ issuer: '湖南省教育厅', issuingBody: { kind: 'BUREAU', regionCode: '430000' } });
    const hunan: Identity = { role: 'PROVINCE_BUREAU', subject: 'hn', regionCode: '430000' };
    const reissue = await graph.query(REISSUE, { n: certificate.number }, hunan);
    expect(codeOf(reissue)).toMatchObject({ code: 'LOST_CERTIFICATE_RULE_NOT_CONFIGURED' });
    expect(reissue.errors![0].message).toContain('Changsha notice');
    const explain = await graph.query(EXPLAIN, { n: certificate.number }, { role: 'COUNTY_BUREAU', subject: 'hn-county', regionCode: school.regionCode });
    expect(codeOf(explain)).toMatchObject({ code: 'LOST_CERTIFICATE_RULE_NOT_CONFIGURED' });
    // Nothing changed: the certificate still verifies.
    const verified = await graph.query(`query($n: String!, $name: String!) { verifyCertificate(number: $n, name: $name) { result } }`, { n: certificate.number, name: teacher.name }, null);
    expect(verified.data!.verifyCertificate.result).toBe('VALID');
  });
});

describe('the issuing-body backfill (migration 1765210000000), on SQLite', () => {
  it('records 教育部 and the province department from the printed name and leaves other names unknown', async () => {
    // Sichuan notice 省执行办 2017 第01号: "the issuing institution reissues it" — so the body must be on record.
    const dir = mkdtempSync(join(tmpdir(), 'issuing-body-'));
    const url = `sqlite:${join(dir, 'store.sqlite')}`;
    const later = ['CertificateIssuingBody1765210000000', 'ItCompletionProofs1765220000000'];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    const all = certificationSubgraph.migrations as Function[];
    const open = (migrations: typeof all) => createDataSource({ name: 'certification', entities: certificationSubgraph.entities, migrations, url }).dataSource;
    try {
      const before = await openDataSource(open(all.filter((m) => !later.includes(m.name))));
      const insert = 'INSERT INTO certificate (number, kind, teacher_id, school_id, region_code, issuer, issued_on, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
      await before.query(insert, ['IT1-51-2016-000001', 'IT_CAPABILITY_COMPLETION', 't1', 's1', '510104', '教育部', '2016-12-31', 'ISSUED']);
      await before.query(insert, ['IT2-51-2023-000001', 'IT_CAPABILITY_COMPLETION', 't2', 's1', '510104', '四川省教育厅', '2023-06-30', 'ISSUED']);
      await before.query(insert, ['DA-43-2020-000001', 'DEVELOPMENT_ASSESSMENT', 't3', 's2', '430102', '湖南省教育厅', '2020-06-30', 'ISSUED']);
      await before.query(insert, ['DA-51-2022-000001', 'DEVELOPMENT_ASSESSMENT', 't4', 's1', '510104', '四川省电化教育馆', '2022-06-30', 'ISSUED']);
      await before.query(insert, ['PC-51-2022-000001', 'PROJECT_COMPLETION', 't5', 's1', '510104', '四川师范大学', '2022-06-30', 'ISSUED']);
      await before.destroy();
      const after = await openDataSource(open(all));
      const rows: { number: string; kind: string | null; id: string | null }[] = await after.query(
        'SELECT number, issuing_body_kind AS kind, issuing_body_id AS id FROM certificate ORDER BY number',
      );
      await after.destroy();
      expect(rows).toEqual([
        { number: 'DA-43-2020-000001', kind: 'BUREAU', id: '430000' },
        { number: 'DA-51-2022-000001', kind: null, id: null },
        { number: 'IT1-51-2016-000001', kind: 'MINISTRY', id: null },
        { number: 'IT2-51-2023-000001', kind: 'BUREAU', id: '510000' },
        { number: 'PC-51-2022-000001', kind: null, id: null },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
