import type { AccessRules, RowOwner, ScopeColumns } from '../shared/access';
import type { Role } from '../shared/identity';
import type { CreditRecord } from './entities';

export function recordOwner(record: CreditRecord): RowOwner {
  return { teacherId: record.teacherId, schoolId: record.schoolId, regionCode: record.regionCode };
}

/** A teacher's account is theirs, their school's and their bureaus': not an institution's or an analyst's. */
const ACCOUNT_READERS: readonly Role[] = ['TEACHER', 'SCHOOL_ADMIN', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];

/**
 * Credit records belong to the teacher, their school and the bureaus above it.
 * Teachers reach this subgraph only by reference from the registry, which already
 * applied its row scope; the account fields are limited by role on top of that.
 */
export const access: AccessRules = {
  CreditRecord: { owner: recordOwner },
  Teacher: { fieldRoles: { creditAccount: ACCOUNT_READERS, creditRecords: ACCOUNT_READERS } },
};

export const RECORD_SCOPE: ScopeColumns = { teacher: 'record.teacher_id', school: 'record.school_id', region: 'record.region_code' };
