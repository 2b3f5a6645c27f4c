import type { AccessRules, RowOwner } from '../shared/access';
import type { Identity, Role } from '../shared/identity';
import type { Enrollment, TrainingProject } from './entities';

/** Published projects are public (teachers choose among them); the rest stay with their institution and the bureaus. */
export const PUBLIC_PROJECT_STATUSES = ['PUBLISHED', 'CLOSED'] as const;
const REVIEWERS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];

export function enrollmentOwner(enrollment: Enrollment): RowOwner {
  return {
    teacherId: enrollment.teacherId,
    schoolId: enrollment.schoolId,
    regionCode: enrollment.regionCode,
    institutionId: enrollment.institutionId,
  };
}

export function canSeeProject(project: TrainingProject, identity: Identity): boolean {
  return (
    (PUBLIC_PROJECT_STATUSES as readonly string[]).includes(project.status) ||
    REVIEWERS.includes(identity.role) ||
    (identity.role === 'INSTITUTION' && identity.institutionId === project.institutionId)
  );
}

/**
 * Enrollments belong to the teacher, their school, the bureaus above it and the
 * institution running the class. Institutions and classes are public.
 */
export const access: AccessRules = {
  Enrollment: { owner: enrollmentOwner },
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
