import type { AccessRules } from '../../kit/access';
import type { Role } from '../../kit/identity';
import { entryOwner, type CreditEntry } from './ledger';

const ACCOUNT_READERS: readonly Role[] = ['TEACHER', 'SCHOOL_ADMIN', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];
const AGGREGATE_READERS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'ANALYST', 'SYSTEM'];

/**
 * The platform's scope, declared for the shared enforcement: an entry belongs to the
 * teacher, their school, the bureaus above the school's county and the institution that
 * registered it; trail entries follow their entry.
 */
export const access: AccessRules = {
  CreditRecord: { owner: entryOwner },
  CreditAuditEntry: { owner: (e: { record: CreditEntry }) => entryOwner(e.record) },
  Teacher: { fieldRoles: { creditAccount: ACCOUNT_READERS, creditRecords: ACCOUNT_READERS } },
  Region: { fieldRoles: { creditCompliance: AGGREGATE_READERS } },
};
