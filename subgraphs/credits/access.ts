import type { AccessRules, RowOwner, ScopeColumns } from '../../kit/access';
import type { Role } from '../../kit/identity';
import type { WritePolicy } from '../../kit/write-policy';
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

const BUREAUS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'];
const RECORD_STEP_SCOPE = "the credit record's teacher: their school, the bureaus above it, the institution that registered it";

/**
 * Who may write (kit/write-policy). The roles are the widest any province's policy allows for the
 * step; the policy in force where the teacher is placed, on the day the credit was earned, narrows
 * them (rules/policies.ts `roles`, `duties`): e.g. only Jiangxi lets an institution verify.
 */
export const writes: WritePolicy = {
  registerCredit: {
    roles: ['SCHOOL_ADMIN', 'INSTITUTION', 'SYSTEM'],
    scope: "the teacher's school and county (registry placement on the day earned); an institution: completed enrollments in its own projects",
    step: '登记 register a credit',
    creates: { record: 'a credit record', by: 'idempotencyKey' },
  },
  reviewCreditRecord: { roles: ['SCHOOL_ADMIN', 'COUNTY_BUREAU', 'INSTITUTION'], scope: RECORD_STEP_SCOPE, step: '审核 review a credit' },
  reportCreditRecords: {
    roles: ['SCHOOL_ADMIN'],
    scope: "each record's teacher: the school's own",
    step: '上报 report reviewed credits up (where the province has the step)',
  },
  verifyCreditRecord: { roles: [...BUREAUS, 'INSTITUTION'], scope: RECORD_STEP_SCOPE, step: '验证 verify a credit' },
  revokeCreditRecord: { roles: ['SCHOOL_ADMIN', 'INSTITUTION', ...BUREAUS, 'SYSTEM'], scope: RECORD_STEP_SCOPE, step: '撤销 revoke a credit' },
  registerCompletionCredits: {
    roles: ['INSTITUTION', 'SYSTEM'],
    // The completion sync (completion-sync.ts) registers what training's feed reports, as the credits service.
    services: ['credits'],
    scope: "the enrollment, completed (training's record), and the teacher's placement on the day (registry): an institution's own projects; the credits service any project's",
    step: '结业学分 register a completion credit',
    creates: { record: 'a credit record', by: 'naturalKey', key: 'enrollmentId: one credit per enrollment (unique index)' },
  },
  importCreditRecords: {
    roles: [...BUREAUS, 'SYSTEM'],
    scope: "each row's teacher: placed (registry) within the bureau's region",
    step: '导入 import credit records',
    creates: { record: 'a credit record per row', by: 'naturalKey', key: "each row's content (unique import key)" },
  },
};
