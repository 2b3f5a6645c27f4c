import type { Certificate } from '../subgraphs/certification/entities';
import { creditsPerCycle } from '../subgraphs/certification/archive';
import { pdfText } from './support/pdf';
import { chineseDate, renderCertificatePdf } from '../subgraphs/certification/pdf';

const certificate: Certificate = {
  number: 'IT2-51-2024-000042',
  kind: 'IT_CAPABILITY_COMPLETION',
  teacherId: 't1',
  schoolId: 's1',
  regionCode: '510104',
  issuer: '四川省教育厅',
  issuingBodyKind: 'BUREAU',
  issuingBodyId: '510000',
  issuedOn: '2024-07-01',
  status: 'ISSUED',
  replacesNumber: 'IT2-51-2023-000007',
  holderName: '王芳',
  schoolCategory: 'PRIMARY_AND_SECONDARY',
  level: null,
  statusReason: null,
};

describe('printable certificate PDF', () => {
  it('is one page in Chinese, in the font shipped with the project: kind, holder, number, date, issuer, replaced number', async () => {
    const pdf = await renderCertificatePdf(certificate, '王芳');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
    const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
    for (const expected of [
      '信息技术应用能力提升工程 结业证书',
      '持证人：王芳',
      '证书编号：IT2-51-2024-000042',
      '发证日期：2024年7月1日',
      '补发，原证书编号：IT2-51-2023-000007',
      '发证机关：四川省教育厅',
      '查验真伪',
    ]) {
      expect(text).toContain(expected);
    }
  }, 60_000);

  it('prints the development-assessment level in Chinese and never an ID number', async () => {
    const pdf = await renderCertificatePdf({ ...certificate, kind: 'DEVELOPMENT_ASSESSMENT', level: 'EXCELLENT', replacesNumber: null }, '张三');
    const text = pdfText(pdf);
    expect(text).toContain('发展测评合格证书');
    expect(text).toContain('等级：优秀');
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(chineseDate('2026-11-05')).toBe('2026年11月5日');
  }, 60_000);

  it('counts an archive\'s credits per five-year cycle by status', () => {
    const record = (earnedOn: string, credits: string, status: string) => ({ earnedOn, credits, status, category: 'OTHER', source: 'SCHOOL_BASED' });
    expect(creditsPerCycle([record('2026-03-01', '10.5', 'VERIFIED'), record('2021-01-01', '0.1', 'APPROVED'), record('2025-12-31', '0.2', 'APPROVED'), record('2024-05-05', '3', 'REGISTERED'), record('2023-05-05', '4', 'REJECTED'), record('2022-05-05', '1', 'REPORTED')])).toEqual([
      { from: 2021, to: 2025, countedMilli: 1_300, pendingMilli: 3000, notCountedMilli: 4000 },
      { from: 2026, to: 2030, countedMilli: 10_500, pendingMilli: 0, notCountedMilli: 0 },
    ]);
  });
});
