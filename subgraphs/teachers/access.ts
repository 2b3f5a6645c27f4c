import type { AccessRules, RowOwner, ScopeColumns } from '../../kit/access';
import type { Teacher } from './entities';
import { maskIdNumber } from '../../standards/id-number';
import { maskPhone } from '../../standards/masking';

/**
 * Who sees which teacher: the teacher, their school, the bureaus above it. An
 * institution reaches its enrollees' records by reference, with personal data masked.
 * Regions and schools are public.
 */
export function teacherOwner(teacher: Teacher): RowOwner {
  return { teacherId: teacher.id, schoolId: teacher.schoolId, regionCode: teacher.regionCode };
}

export const access: AccessRules = {
  Teacher: {
    owner: teacherOwner,
    referenceRoles: ['INSTITUTION'],
    personal: { idCardNumber: maskIdNumber, phone: maskPhone },
  },
};

/** The same row scope for list queries over the `teacher` table. */
export const TEACHER_SCOPE: ScopeColumns = { teacher: 'teacher.id', school: 'teacher.school_id', region: 'teacher.region_code' };
