import { assertRole, canSee, forbidden, type AccessRules, type RowOwner, type ScopeColumns } from '../../kit/access';
import type { Identity, Role } from '../../kit/identity';
import type { BureauLevel, TrainingProjectStatus } from './__generated__/resolvers-types';
import type { Enrollment, Institution, TrainingProject } from './entities';
import type { EnrollmentAction } from './rules/enrollment';
import type { ProjectAction } from './rules/project-workflow';

/** Published projects are public (teachers choose among them); the rest stay with their institution and the bureaus. */
export const PUBLIC_PROJECT_STATUSES: readonly TrainingProjectStatus[] = ['PUBLISHED', 'CLOSED'];
const BUREAUS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'];
const REVIEWERS: readonly Role[] = [...BUREAUS, 'SYSTEM'];

export function enrollmentOwner(enrollment: Enrollment): RowOwner {
  return {
    teacherId: enrollment.teacherId,
    schoolId: enrollment.schoolId,
    regionCode: enrollment.regionCode,
    institutionId: enrollment.institutionId,
  };
}

/** A project belongs to its institution, and (for bureaus) to the region the institution sits in. */
export function projectOwner(project: TrainingProject, institution: Institution): RowOwner {
  return { institutionId: project.institutionId, regionCode: institution.regionCode };
}

export function canSeeProject(project: TrainingProject, identity: Identity): boolean {
  return (
    PUBLIC_PROJECT_STATUSES.includes(project.status) ||
    REVIEWERS.includes(identity.role) ||
    (identity.role === 'INSTITUTION' && identity.institutionId === project.institutionId)
  );
}

/**
 * Enrollments belong to the teacher, their school, the bureaus above it and the
 * institution running the class. Institutions and classes are public. A completion
 * (the credits feed) is an enrollment seen from the credits side: the same scope.
 */
export const access: AccessRules = {
  Enrollment: { owner: enrollmentOwner },
  Completion: { owner: enrollmentOwner },
  TrainingProject: { owner: (project: TrainingProject) => ({ institutionId: project.institutionId }), alsoVisible: canSeeProject },
};

/** Row scope of the `trainingProjects` list, as SQL. */
export function projectScope(identity: Identity): { sql: string; params: Record<string, unknown> } | null {
  if (REVIEWERS.includes(identity.role)) return null;
  if (identity.role === 'INSTITUTION') {
    return {
      sql: '(project.status IN (:...publicStatuses) OR project.institution_id = :ownInstitution)',
      params: { publicStatuses: PUBLIC_PROJECT_STATUSES, ownInstitution: identity.institutionId },
    };
  }
  return { sql: 'project.status IN (:...publicStatuses)', params: { publicStatuses: PUBLIC_PROJECT_STATUSES } };
}

/** Row scope of enrollment lists (queues, completion feed), as SQL over the `enrollment` table. */
export const ENROLLMENT_SCOPE: ScopeColumns = {
  teacher: 'enrollment.teacher_id',
  school: 'enrollment.school_id',
  region: 'enrollment.region_code',
  institution: 'enrollment.institution_id',
};

// ---------------------------------------------------------------------------------------------
// Who may act. Each action names its roles here; the row's owner (above) decides the scope:
// an institution acts on its own projects and classes, a school admin on its own teachers'
// enrollments, a bureau within its region, a teacher on themself. See `assertMayAct`.
// ---------------------------------------------------------------------------------------------

const INSTITUTION_SIDE: readonly Role[] = ['INSTITUTION', 'SYSTEM'];

export const PROJECT_ACTORS: Readonly<Record<ProjectAction | 'declare' | 'publishSchedule', readonly Role[]>> = {
  declare: INSTITUTION_SIDE,
  submit: INSTITUTION_SIDE,
  requestChange: INSTITUTION_SIDE,
  close: INSTITUTION_SIDE,
  publishSchedule: INSTITUTION_SIDE,
  // The bureau of the project's level (rules/project-workflow `reviewerLevelFor`), within its region.
  approve: REVIEWERS,
  reject: REVIEWERS,
  publish: REVIEWERS,
  approveChange: REVIEWERS,
  rejectChange: REVIEWERS,
};

export const ENROLLMENT_ACTORS: Readonly<Record<EnrollmentAction | 'select' | 'assign', readonly Role[]>> = {
  select: ['TEACHER'],
  // 选派 / 指令性培训: a school names its own teachers, a bureau teachers of its region.
  assign: ['SCHOOL_ADMIN', ...REVIEWERS],
  schoolApprove: ['SCHOOL_ADMIN', 'SYSTEM'],
  schoolReject: ['SCHOOL_ADMIN', 'SYSTEM'],
  confirm: INSTITUTION_SIDE,
  decline: INSTITUTION_SIDE,
  complete: INSTITUTION_SIDE,
  fail: INSTITUTION_SIDE,
  withdraw: ['TEACHER', 'SYSTEM'],
};

/** 抽查: bureaus check institutions of their region; imports (SYSTEM) may record them too. */
export const SPOT_CHECKERS: readonly Role[] = REVIEWERS;
/** Who reads an institution's spot checks: bureaus, SYSTEM and the institution itself (row scope in resolvers). */
export const SPOT_CHECK_READERS: readonly Role[] = [...REVIEWERS, 'INSTITUTION'];

/** Who revises a province's training policy: its own province bureau (checked in policy-commands.ts), or SYSTEM. */
export const POLICY_EDITORS: readonly Role[] = ['PROVINCE_BUREAU', 'SYSTEM'];

/** Roles that read the completion feed: the credits side (SYSTEM), bureaus and institutions, each in scope. */
export const COMPLETION_READERS: readonly Role[] = [...REVIEWERS, 'INSTITUTION'];
/** Roles with a review queue: the school (its teachers' selections) and the institution (its classes' re-checks). */
export const QUEUE_OWNERS: readonly Role[] = ['SCHOOL_ADMIN', 'INSTITUTION'];

/** Throws FORBIDDEN unless the caller has one of `roles` and the row is in its scope. */
export function assertMayAct(identity: Identity, roles: readonly Role[], owner: RowOwner, action: string): void {
  assertRole(identity, roles, action);
  if (!canSee(identity, owner)) throw forbidden(`A ${identity.role} caller may not ${action} outside their own scope.`);
}

/** The bureau level a caller reviews as: its own for bureaus, the project's reviewer for SYSTEM, none for others. */
export function bureauLevelOf(identity: Identity, reviewer: BureauLevel): BureauLevel | undefined {
  switch (identity.role) {
    case 'PROVINCE_BUREAU':
      return 'PROVINCE';
    case 'CITY_BUREAU':
      return 'CITY';
    case 'COUNTY_BUREAU':
      return 'COUNTY';
    case 'SYSTEM':
      return reviewer;
    default:
      return undefined;
  }
}
