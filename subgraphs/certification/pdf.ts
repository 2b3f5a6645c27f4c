import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { certificationConfig } from './config';
import type { Certificate } from './entities';

/**
 * The one-page certificate a teacher self-prints (Sichuan: the teacher prints it after the
 * province approves), in Chinese. The font ships with the project, Noto Sans SC from the npm
 * package `@embedpdf/fonts-sc` (SIL Open Font License), so the page renders the same on any
 * machine; `CERTIFICATE_CJK_FONT` may name another. pdfkit embeds only the glyphs used.
 */
export function cjkFont(): string {
  return certificationConfig.CERTIFICATE_CJK_FONT ?? join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
}

const KIND_TEXT: Record<string, string> = {
  IT_CAPABILITY_COMPLETION: '信息技术应用能力提升工程 结业证书',
  DEVELOPMENT_ASSESSMENT: '发展测评合格证书',
  PROJECT_COMPLETION: '培训项目结业证书',
};

const LEVEL_TEXT: Record<string, string> = { PASS: '合格', EXCELLENT: '优秀' };

/** 2024-07-01 → 2024年7月1日, as Chinese certificates print dates. */
export function chineseDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

export interface PdfOptions {
  /** Uncompressed content streams (tests read the text operators). */
  compress?: boolean;
}

export function renderCertificatePdf(certificate: Certificate, holderName: string, options: PdfOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 56,
      compress: options.compress ?? true,
      info: { Title: `证书 ${certificate.number}`, Producer: 'teacher-training-supergraph' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.registerFont('cjk', cjkFont());
    const width = doc.page.width - 112;
    const line = (text: string, size: number) => doc.fontSize(size).text(text, { width, align: 'center' });

    doc.lineWidth(3).rect(28, 28, doc.page.width - 56, doc.page.height - 56).stroke();
    doc.font('cjk').fontSize(28).text(KIND_TEXT[certificate.kind] ?? certificate.kind, 56, 96, { width, align: 'center' });
    doc.moveDown(2);
    line(`持证人：${holderName}`, 20);
    doc.moveDown();
    line(`证书编号：${certificate.number}`, 16);
    if (certificate.level) line(`等级：${LEVEL_TEXT[certificate.level] ?? certificate.level}`, 16);
    line(`发证日期：${chineseDate(certificate.issuedOn)}`, 16);
    if (certificate.replacesNumber) line(`补发，原证书编号：${certificate.replacesNumber}`, 16);
    doc.moveDown(2);
    line(`发证机关：${certificate.issuer}`, 16);
    doc.fontSize(10).text('凭证书编号与持证人姓名在教师培训平台查验真伪（verifyCertificate）。', 56, doc.page.height - 100, { width, align: 'center' });
    doc.end();
  });
}
