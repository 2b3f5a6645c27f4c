import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { certificationConfig } from './config';
import type { Certificate } from './entities';

/**
 * The one-page certificate a teacher self-prints (Sichuan: the teacher prints it after the
 * province approves). Chinese text needs a CJK font: `CERTIFICATE_CJK_FONT` or a system Noto CJK /
 * WenQuanYi font when installed. Without one (this machine has none) the page is printed in
 * English with the number, kind and issue date, and the holder's name is printed only when it is
 * Latin text; the verification line tells the reader how to check the name online.
 */
const SYSTEM_CJK_FONTS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
];

export function cjkFont(): string | null {
  return certificationConfig.CERTIFICATE_CJK_FONT ?? SYSTEM_CJK_FONTS.find((f) => existsSync(f)) ?? null;
}

const KIND_TEXT: Record<string, { en: string; zh: string }> = {
  IT_CAPABILITY_COMPLETION: { en: 'IT Application Capability Improvement Programme - Certificate of Completion', zh: '信息技术应用能力提升工程 结业证书' },
  DEVELOPMENT_ASSESSMENT: { en: 'Development Assessment Certificate', zh: '发展测评合格证书' },
  PROJECT_COMPLETION: { en: 'Training Project Certificate of Completion', zh: '培训项目结业证书' },
};

const ISSUER_EN: Record<string, string> = {
  '51': 'Sichuan Provincial Department of Education',
  '35': 'Fujian Provincial Department of Education',
  '43': 'Hunan Provincial Department of Education',
};

function latinOnly(text: string): boolean {
  return /^[\x20-\x7E\u00C0-\u024F·]*$/.test(text);
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
      info: { Title: `Certificate ${certificate.number}`, Producer: 'teacher-training-supergraph' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const font = cjkFont();
    const cjk = font !== null;
    if (font) doc.registerFont('cjk', font);
    const kind = KIND_TEXT[certificate.kind] ?? { en: certificate.kind, zh: certificate.kind };
    const width = doc.page.width - 112;

    doc.lineWidth(3).rect(28, 28, doc.page.width - 56, doc.page.height - 56).stroke();
    doc.font(cjk ? 'cjk' : 'Helvetica-Bold').fontSize(26).text(cjk ? kind.zh : kind.en, 56, 90, { width, align: 'center' });
    if (cjk) doc.font('Helvetica').fontSize(14).text(kind.en, { width, align: 'center' });
    doc.moveDown(2);
    const name = cjk || latinOnly(holderName) ? holderName : null;
    doc.font(cjk ? 'cjk' : 'Helvetica').fontSize(18);
    if (name) doc.text(`Holder: ${name}`, { width, align: 'center' });
    else doc.text('Holder: the name on file (verify it with the number below)', { width, align: 'center' });
    doc.moveDown();
    doc.font('Helvetica').fontSize(16);
    doc.text(`Certificate number: ${certificate.number}`, { width, align: 'center' });
    if (certificate.level) doc.text(`Level: ${certificate.level}`, { width, align: 'center' });
    doc.text(`Issued on: ${certificate.issuedOn}`, { width, align: 'center' });
    if (certificate.replacesNumber) doc.text(`Replaces certificate ${certificate.replacesNumber} (reissued)`, { width, align: 'center' });
    doc.moveDown(2);
    doc.font(cjk ? 'cjk' : 'Helvetica').fontSize(14).text(`Issuer: ${cjk ? certificate.issuer : ISSUER_EN[certificate.regionCode.slice(0, 2)] ?? 'Provincial Department of Education'}`, { width, align: 'center' });
    doc.font('Helvetica').fontSize(10).text(
      'Verify this certificate with its number and the holder name: verifyCertificate(number, name) on the teacher-training graph.',
      56,
      doc.page.height - 100,
      { width, align: 'center' },
    );
    doc.end();
  });
}
