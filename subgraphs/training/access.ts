import { canSee, outOfScope, type AccessRules, type RowOwner, type ScopeColumns, type ServiceGrants } from '../../kit/access';
import type { Identity, Role } from '../../kit/identity';
import type { BureauLevel, TrainingProjectStatus } from './__generated__/resolvers-types';
import type { Enrollment, Institution, TrainingProject } from './entities';
import type { WritePolicy } from '../../kit/write-policy';

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
  // A teacher's participation is theirs, their school's and their bureaus' (the registry already
  // hides a teacher outside the caller's scope): not an institution's, an analyst's or anyone's.
  Teacher: { fieldRoles: { trainingParticipation: ['TEACHER', 'SCHOOL_ADMIN', ...BUREAUS, 'SYSTEM'] } },
};

/** The completion feed as the completion sync reads it (credits' completion-sync.ts): the completions and their teacher. */
const COMPLETION_FEED = [
  'Query.completedEnrollments',
  'CompletionConnection.pageInfo',
  'PageInfo.hasNextPage',
  'PageInfo.endCursor',
  'CompletionConnection.nodes',
  ...['enrollment', 'teacherId', 'teacher', 'projectId', 'totalCredits', 'hoursAttended', 'onlineHours', 'completedOn'].map((field) => `Completion.${field}`),
];

/** From an enrollment to the institution running its class. */
const ENROLLMENT_INSTITUTION = ['Enrollment.status', 'Enrollment.trainingClass', 'TrainingClass.project', 'TrainingProject.institution'];

/**
 * What other slices read of training as services (kit/access `ServiceGrants`): enrollments and the
 * institutions running them, the facts an institution's write elsewhere is checked against.
 * - credits: the completion sync reads the completion feed (as the credits service) and registers
 *   each completion's credit; an institution registers credits only for completed enrollments in its own projects
 *   (a teacher's, or the one a completion names), and acts for a county as its county teacher
 *   school only when training records it as one (its kind and county).
 * - certification: an institution records pre-assessments only for teachers enrolled in its projects.
 */
export const services: ServiceGrants = {
  credits: [...COMPLETION_FEED, 'Teacher.enrollments', 'Query.enrollment', 'Enrollment.teacher', ...ENROLLMENT_INSTITUTION, 'Query.institution', 'Institution.kind', 'Institution.region', 'Region.code'],
  certification: ['Teacher.enrollments', ...ENROLLMENT_INSTITUTION],
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

const INSTITUTION_SIDE: readonly Role[] = ['INSTITUTION', 'SYSTEM'];
const PROJECT_SCOPE = "the project's institution (its own projects only)";
const REVIEW_SCOPE = "the project's institution's region; the bureau of the project's level (rules/project-workflow reviewerLevelFor)";

/**
 * Who may write (kit/write-policy). The row's owner (above) decides the scope: an institution
 * acts on its own projects and classes, a school admin on its own teachers' enrollments, a
 * bureau within its region, a teacher on themself; the commands check it with `assertInScope`.
 */
export const writes: WritePolicy = {
  declareProject: {
    roles: INSTITUTION_SIDE,
    scope: 'the declaring institution: itself',
    step: '项目申报 declare a project',
    creates: { record: 'a project and its classes', by: 'idempotencyKey' },
  },
  submitProject: { roles: INSTITUTION_SIDE, scope: PROJECT_SCOPE, step: '提交 submit a project for review' },
  reviewProject: { roles: REVIEWERS, scope: REVIEW_SCOPE, step: '项目审核 approve or reject a project' },
  publishProject: { roles: REVIEWERS, scope: REVIEW_SCOPE, step: '发布 publish a project' },
  requestProjectChange: { roles: INSTITUTION_SIDE, scope: PROJECT_SCOPE, step: '变更申请 request a change' },
  approveProjectChange: { roles: REVIEWERS, scope: REVIEW_SCOPE, step: '变更审批 decide on a change' },
  closeProject: { roles: INSTITUTION_SIDE, scope: PROJECT_SCOPE, step: '结项 close a project' },
  publishClassSchedule: { roles: INSTITUTION_SIDE, scope: "the class's project's institution", step: '课表发布 publish a timetable' },
  selectClass: {
    roles: ['TEACHER'],
    scope: 'the teacher: themself',
    step: '选课 select a class',
    creates: { record: 'an enrollment', by: 'naturalKey', key: 'one enrollment per teacher and class (unique index)' },
  },
  assignTeacher: {
    roles: ['SCHOOL_ADMIN', ...REVIEWERS],
    scope: "each teacher's school and county (registry placement): a school its own teachers, a bureau its region's",
    step: '选派 assign teachers to a class',
    creates: { record: 'an enrollment per teacher', by: 'naturalKey', key: 'one enrollment per teacher and class (unique index)' },
  },
  reviewEnrollment: { roles: ['SCHOOL_ADMIN', 'SYSTEM'], scope: "the enrollment's teacher's school", step: '学校审核 school review of a selection' },
  recheckEnrollment: { roles: INSTITUTION_SIDE, scope: "the enrollment's project's institution", step: '机构复核 institution re-check' },
  recordCompletion: { roles: INSTITUTION_SIDE, scope: "the enrollment's project's institution", step: '结业 record a completion' },
  withdrawEnrollment: { roles: ['TEACHER', 'SYSTEM'], scope: 'the teacher: themself', step: '退选 withdraw' },
  recordSpotCheck: {
    roles: REVIEWERS,
    scope: "the checked institution's region",
    step: '抽查 record a quality spot check',
    creates: { record: 'a spot check', by: 'idempotencyKey' },
  },
  reviseTrainingPolicy: {
    roles: ['PROVINCE_BUREAU', 'SYSTEM'],
    scope: "the policy's province: a province bureau its own",
    step: '政策修订 revise a province\'s training policy',
    creates: { record: 'a policy version', by: 'idempotencyKey' },
  },
};

/** Who reads an institution's spot checks: bureaus, SYSTEM and the institution itself (row scope in resolvers). */
export const SPOT_CHECK_READERS: readonly Role[] = [...REVIEWERS, 'INSTITUTION'];

/** Who reads dispatch outcomes (选派问责): bureaus (a region within their own) and SYSTEM. */
export const DISPATCH_READERS: readonly Role[] = REVIEWERS;

/**
 * Roles that read the completion feed: the credits side (SYSTEM, or a service granted the feed in
 * `services`: the credits service's completion sync), bureaus and institutions, each in scope.
 */
export const COMPLETION_READERS: readonly Role[] = [...REVIEWERS, 'INSTITUTION', 'SERVICE'];
/** Roles with a review queue: the school (its teachers' selections) and the institution (its classes' re-checks). */
export const QUEUE_OWNERS: readonly Role[] = ['SCHOOL_ADMIN', 'INSTITUTION'];

/** Throws FORBIDDEN unless the row is in the caller's scope (the role was checked by the write policy). */
export function assertInScope(identity: Identity, owner: RowOwner, action: string): void {
  if (!canSee(identity, owner)) throw outOfScope(`A ${identity.role} caller may not ${action} outside their own scope.`);
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
