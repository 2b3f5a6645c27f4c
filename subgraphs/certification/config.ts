import { declareConfig, file, matching, secret, secretFile, url, variable } from '../../kit/config';

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
  CERTIFICATION_GRAPH_URL: variable(url(), {
    defaultText: 'unset: pre-assessments, completion reviews, certificates and partner pass lists are refused (`GRAPH_NOT_CONFIGURED`)',
    description:
      "The gateway, through which certification checks a teacher's school and county against the registry (by id, or by 身份证号 for a partner pass list) and an institution's enrollments against training (subgraphs never read each other's tables). `npm start` and docker-compose set it.",
  }),
  CERTIFICATION_GRAPH_TOKEN: variable(secret(), {
    description: "A service token for certification (`npm run token -- --service certification`): it reads teachers' schools and counties (also found by 身份证号, never reading one) and their enrollments' institutions, nothing else.",
  }),
  CERTIFICATION_GRAPH_TOKEN_FILE: variable(secretFile(), { description: 'The same token read from a file; `CERTIFICATION_GRAPH_TOKEN` wins when both are set.' }),
});
