import type { AccessRules } from '../../kit/access';
import type { Role } from '../../kit/identity';
import type { Certificate } from './entities';

/** A teacher's programme standing is theirs, their school's and their bureaus': not an institution's or an analyst's. */
const TEACHER_READERS: readonly Role[] = ['TEACHER', 'SCHOOL_ADMIN', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];
/** Aggregates: bureaus and analysts (no rows about people in them). */
const AGGREGATE_READERS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'ANALYST', 'SYSTEM'];

/**
 * Certificates belong to the holder, their school and the bureaus above it. `verifyCertificate`
 * deliberately bypasses row scope: it answers anyone, with its own minimal type and no row.
 */
export const access: AccessRules = {
  Certificate: {
    owner: (certificate: Certificate) => ({
      teacherId: certificate.teacherId,
      schoolId: certificate.schoolId,
      regionCode: certificate.regionCode,
    }),
  },
  Teacher: { fieldRoles: { itCapability: TEACHER_READERS, titleEvaluationEligibility: TEACHER_READERS } },
  Region: {
    fieldRoles: {
      itProgramCoverage: AGGREGATE_READERS,
      itProgramTargets: AGGREGATE_READERS,
      itProgramCoverageXlsx: AGGREGATE_READERS,
      itProgramPlan: AGGREGATE_READERS,
    },
  },
};
