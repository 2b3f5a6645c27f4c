import type { AccessRules } from '../../kit/access';
import type { Role } from '../../kit/identity';
import type { WritePolicy } from '../../kit/write-policy';
import { PLATFORM_POLICY } from './platform';
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

const BUREAUS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'];
const ENTRY_SCOPE = "the entry's teacher: their school, the bureaus above the school's county";
const STEP_SCOPE = `${ENTRY_SCOPE}, the county teacher school (县教师进修学校) of that county (training's record); not who registered (审核) or approved (验证) it`;

/** Who may write on the platform (kit/write-policy), from its own policy (platform.ts). */
export const writes: WritePolicy = {
  registerCredit: {
    roles: PLATFORM_POLICY.registerRoles,
    scope: "the teacher's school and county on the day earned (registry placement, asked through the graph); the county teacher school of that county; another institution: its own completed project of the teacher (training's record)",
    step: '登记 register a credit',
    creates: { record: 'a ledger entry', by: 'idempotencyKey' },
  },
  reviewCreditRecord: { roles: PLATFORM_POLICY.reviewRoles, scope: STEP_SCOPE, step: '审核 review a credit' },
  reportCreditRecords: {
    // The contract's role for 上报; the platform has no such step and answers NO_REPORT_STEP (ledger.ts reportEntries).
    roles: ['SCHOOL_ADMIN'],
    scope: ENTRY_SCOPE,
    step: '上报 report reviewed credits up (no such step on this platform)',
  },
  verifyCreditRecord: { roles: PLATFORM_POLICY.verifyRoles, scope: STEP_SCOPE, step: '验证 verify a credit' },
  revokeCreditRecord: { roles: PLATFORM_POLICY.revokeRoles, scope: ENTRY_SCOPE, step: '撤销 revoke a credit' },
  registerCompletionCredits: {
    roles: ['INSTITUTION', 'SYSTEM'],
    // The completion sync calls as the credits service, whichever implementation serves the contract.
    services: ['credits'],
    scope: "the enrollment, completed (training's record), and the teacher's placement on the day (registry): an institution's own projects; the credits service any project's",
    step: '结业学分 register a completion credit',
    creates: { record: 'a ledger entry', by: 'naturalKey', key: 'enrollmentId: one entry per 报名编号 (unique index)' },
  },
  importCreditRecords: {
    roles: [...BUREAUS, 'SYSTEM'],
    scope: "each row's teacher: placed (registry) within the bureau's region, at the row's school and county on its date",
    step: '导入 import credit records',
    creates: { record: 'a ledger entry per row', by: 'naturalKey', key: "each row's content" },
  },
};
