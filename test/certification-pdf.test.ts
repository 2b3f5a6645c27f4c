import { inflateSync } from 'node:zlib';
import type { Certificate } from '../subgraphs/certification/entities';
import { cjkFont, renderCertificatePdf } from '../subgraphs/certification/pdf';

/**
 * pdf-parse 2.x is an ES module with a pdf.js worker and does not load under Jest's CJS (SWC)
 * transform; the text is read from the PDF's content streams instead: pdfkit writes each line as
 * hex glyph strings inside TJ operators, which map back to text for its standard (WinAnsi) fonts.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const pattern = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const body = Buffer.from(match[1], 'latin1');
    try {
      streams.push(inflateSync(body).toString('latin1'));
    } catch {
      streams.push(body.toString('latin1'));
    }
  }
  const lines: string[] = [];
  for (const stream of streams) {
    for (const tj of stream.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const parts = [...tj[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)].map((p) =>
        p[1] !== undefined ? Buffer.from(p[1], 'hex').toString('latin1') : p[2].replace(/\\(.)/g, '$1'),
      );
      lines.push(parts.join(''));
    }
  }
  return lines.join('\n');
}

const certificate: Certificate = {
  number: 'IT2-51-2024-000042',
  kind: 'IT_CAPABILITY_COMPLETION',
  teacherId: 't1',
  schoolId: 's1',
  regionCode: '510104',
  issuer: '四川省教育厅',
  issuedOn: '2024-07-01',
  status: 'ISSUED',
  replacesNumber: 'IT2-51-2023-000007',
  holderName: 'Li Ming',
  schoolCategory: 'PRIMARY_AND_SECONDARY',
  level: null,
  statusReason: null,
};

describe('printable certificate PDF', () => {
  it('renders one page with the number, kind, issue date, holder and replaced number', async () => {
    const pdf = await renderCertificatePdf(certificate, 'Li Ming');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdfText(pdf);
    expect(text).toContain('Certificate number: IT2-51-2024-000042');
    expect(text).toContain('Issued on: 2024-07-01');
    expect(text).toContain('Replaces certificate IT2-51-2023-000007');
    expect(text).toContain('Holder: Li Ming');
    if (cjkFont() === null) {
      expect(text).toContain('IT Application Capability Improvement Programme');
      expect(text).toContain('Certificate of Completion');
      expect(text).toContain('Issuer: Sichuan Provincial Department of Education');
    }
  });

  it('does not print a Chinese name it has no font for, and never an ID number', async () => {
    const pdf = await renderCertificatePdf({ ...certificate, holderName: '张三', replacesNumber: null }, '张三', { compress: false });
    const text = pdfText(pdf);
    if (cjkFont() === null) expect(text).toContain('Holder: the name on file');
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });
});
