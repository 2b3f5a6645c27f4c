import { declareConfig, file, matching, secret, variable } from '../../kit/config';

export const certificationConfig = declareConfig('certification subgraph', {
  CERTIFICATION_PROVINCE_CODE: variable(matching(/^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])$/, 'a two-digit province code of GB/T 2260 (51: Sichuan)'), {
    default: '51',
    description: 'Province whose IT programme judges a teacher whose representation arrives without the school\'s region code (a gateway on a supergraph composed before `itCapability` required it); otherwise each teacher is judged by their own province.',
  }),
  CERTIFICATION_EVIDENCE_KEY: variable(secret(32), {
    defaultText: 'a random key per process',
    description: 'HMAC key of the IT-programme evidence a review hands back (`Teacher.itCapability.evidence`); set it when more than one certification process runs.',
  }),
  CERTIFICATE_CJK_FONT: variable(file(), {
    defaultText: 'Noto Sans SC, shipped with the project (`@embedpdf/fonts-sc`)',
    description: 'Font file (TrueType or OpenType) for the Chinese text of certificate PDFs, in place of the one shipped.',
  }),
});
