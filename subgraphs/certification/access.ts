import type { AccessRules } from '../../kit/access';
import type { Role } from '../../kit/identity';
import type { WritePolicy } from '../../kit/write-policy';
import type { Certificate, LostCertificateExplanation } from './entities';

/** A teacher's programme standing is theirs, their school's and their bureaus': not an institution's or an analyst's. */
const TEACHER_READERS: readonly Role[] = ['TEACHER', 'SCHOOL_ADMIN', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];
/** Aggregates: bureaus and analysts (no rows about people in them). */
const AGGREGATE_READERS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'ANALYST', 'SYSTEM'];

/**
 * Certificates belong to the holder, their school and the bureaus above it, and to the institution
 * that issued them (发证机构, for reissue). `verifyCertificate` deliberately bypasses row scope: it
 * answers anyone, with its own minimal type and no row.
 */
export const access: AccessRules = {
  LostCertificateExplanation: { owner: (row: LostCertificateExplanation) => ({ regionCode: row.regionCode }) },
  Certificate: {
    owner: (certificate: Certificate) => ({
      teacherId: certificate.teacherId,
      schoolId: certificate.schoolId,
      regionCode: certificate.regionCode,
      institutionId: certificate.issuingBodyKind === 'INSTITUTION' ? certificate.issuingBodyId : null,
    }),
  },
  Teacher: { fieldRoles: { itCapability: TEACHER_READERS, titleEvaluationEligibility: TEACHER_READERS } },
  Region: {
    fieldRoles: {
      itProgramCoverage: AGGREGATE_READERS,
      developmentAssessment: AGGREGATE_READERS,
      itProgramTargets: AGGREGATE_READERS,
      itProgramCoverageXlsx: AGGREGATE_READERS,
      itProgramPlan: AGGREGATE_READERS,
    },
  },
};

const ISSUERS: readonly Role[] = ['CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];

/**
 * Who may write (kit/write-policy); the commands check the scope named here against the row's region,
 * and a teacher's region against the registry's placement of the teacher (graph-access.ts).
 */
export const writes: WritePolicy = {
  recordPreAssessment: {
    roles: ['INSTITUTION', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'],
    scope: "the teacher's county (registry placement) within a bureau's region; an institution: teachers enrolled in its projects (training's record)",
    step: '诊断测评 record a pre-assessment',
    creates: { record: 'a pre-assessment', by: 'naturalKey', key: 'teacher and programme: a repeat replaces the one row' },
  },
  reviewItCompletion: {
    roles: ['CITY_BUREAU', 'SYSTEM'],
    scope: "the teacher's county (registry placement): the city project office's own",
    step: '工程办审核 review a completion',
    creates: { record: 'a completion review', by: 'naturalKey', key: 'teacher and programme: a later review replaces the one row' },
  },
  issueItCompletionCertificate: {
    roles: ISSUERS,
    scope: "the teacher's county (registry placement), before any review is looked up",
    step: '发证 issue the completion certificate',
    creates: { record: 'a certificate', by: 'idempotencyKey' },
  },
  issueDevelopmentAssessmentCertificate: {
    roles: ISSUERS,
    scope: "the holder's county (registry placement)",
    step: '发证 issue a development-assessment certificate',
    creates: { record: 'a certificate', by: 'idempotencyKey' },
  },
  recordItCompletionProof: {
    roles: ['COUNTY_BUREAU', 'CITY_BUREAU', 'SYSTEM'],
    scope: "the teacher's county: within the bureau's region",
    step: '合格证明 record a completion proof (online pass, practice outcome, practice pass)',
    creates: { record: 'a completion proof', by: 'naturalKey', key: 'teacher, programme and kind of proof: a later one replaces the one row' },
  },
  revokeCertificate: { roles: ISSUERS, scope: "the certificate's holder: their school's region", step: '撤销 revoke a certificate' },
  reissueCertificate: {
    roles: ['PROVINCE_BUREAU', 'INSTITUTION', 'SYSTEM'],
    scope: "the certificate: a bureau's region holds the holder's school, an institution issued it; the holder's province's policy then names who reissues (Sichuan: the issuing body only)",
    step: '补发 reissue a lost certificate (by its issuing body)',
    creates: { record: 'a replacement certificate', by: 'idempotencyKey' },
  },
  explainLostCertificate: {
    roles: ['COUNTY_BUREAU', 'SYSTEM'],
    scope: "the certificate's holder: their school's county",
    step: '情况说明 file a lost-certificate explanation',
    creates: { record: 'a lost-certificate explanation', by: 'idempotencyKey' },
  },
  stampLostCertificateExplanation: {
    roles: ['CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'],
    scope: "the holder's county: within the bureau's region",
    step: '盖章 stamp a lost-certificate explanation (city, then province)',
  },
  importPartnerPassList: {
    roles: ['PROVINCE_BUREAU', 'SYSTEM'],
    scope: "the list's province: the bureau's own",
    step: '导入 import a partner pass list',
    creates: { record: 'a pass list (or rows appended to one)', by: 'idempotencyKey' },
  },
  verifyPartnerPassEntry: { roles: ['COUNTY_BUREAU', 'SYSTEM'], scope: "the entry's county", step: '县级核验 county verification' },
  rejectPartnerPassEntry: { roles: ['COUNTY_BUREAU', 'SYSTEM'], scope: "the entry's county", step: '县级核验 county rejection' },
  aggregatePartnerPassList: { roles: ['CITY_BUREAU', 'SYSTEM'], scope: "the entries in the city's region (others are left)", step: '市级汇总 city aggregation' },
  approvePartnerPassList: {
    roles: ['PROVINCE_BUREAU', 'SYSTEM'],
    scope: "the list's province",
    step: '省级审批 province approval',
    creates: { record: 'a certificate per aggregated row', by: 'naturalKey', key: "each row's status: approved, and certified, once (rows locked)" },
  },
  setItProgramTarget: {
    roles: ['CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'],
    scope: 'the target region: within the bureau\'s own',
    step: '目标设定 set a coverage target',
    creates: { record: 'a coverage target', by: 'naturalKey', key: 'region and year: a repeat replaces the one row' },
  },
};
