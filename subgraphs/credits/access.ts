import type { AccessRules, RowOwner, ScopeColumns } from '../../kit/access';
import type { Role } from '../../kit/identity';
import type { CreditAuditEntry, CreditRecord } from './entities';

export function recordOwner(record: CreditRecord): RowOwner {
  return { teacherId: record.teacherId, schoolId: record.schoolId, regionCode: record.regionCode, institutionId: record.institutionId };
}

function auditOwner(entry: CreditAuditEntry): RowOwner {
  return { teacherId: entry.teacherId, schoolId: entry.schoolId, regionCode: entry.regionCode };
}

/** A teacher's account is theirs, their school's and their bureaus': not an institution's or an analyst's. */
const ACCOUNT_READERS: readonly Role[] = ['TEACHER', 'SCHOOL_ADMIN', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];
/** Compliance is an aggregate (no rows about people): offices and analysts. */
const AGGREGATE_READERS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'ANALYST', 'SYSTEM'];

/**
 * Credit records belong to the teacher, their school and the bureaus above it (and
 * the institution that registered a completion). Audit entries follow their record.
 * Teachers reach this subgraph only by reference from the registry, which already
 * applied its row scope; the account fields are limited by role on top of that.
 * `itTrainingHours` is not role-limited: the certification slice requires it for
 * whoever may see the teacher's certificates.
 */
export const access: AccessRules = {
  CreditRecord: { owner: recordOwner },
  CreditAuditEntry: { owner: auditOwner },
  Teacher: { fieldRoles: { creditAccount: ACCOUNT_READERS, creditRecords: ACCOUNT_READERS } },
  Region: { fieldRoles: { creditCompliance: AGGREGATE_READERS } },
};

export const RECORD_SCOPE: ScopeColumns = {
  teacher: 'record.teacher_id',
  school: 'record.school_id',
  region: 'record.region_code',
  institution: 'record.institution_id',
};
