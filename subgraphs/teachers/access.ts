import { withheld, type AccessRules, type RowOwner, type ScopeColumns, type ServiceGrants } from '../../kit/access';
import type { Role } from '../../kit/identity';
import type { WritePolicy } from '../../kit/write-policy';
import type { Teacher } from './entities';
import { maskIdNumber } from '../../standards/id-number';
import { maskPhone } from '../../standards/masking';

/**
 * Who sees which teacher: the teacher, their school, the bureaus above it. An
 * institution reaches its enrollees' records by reference, with personal data masked.
 * Regions and schools are public.
 *
 * Personal data includes what rebuilds it: the masked 身份证号 (`510***********2034`) keeps
 * its sequence number and check character, so with the birth date and the school's county
 * beside it the whole number follows (issue 15 rebuilt 86 % that way). So whoever sees the
 * number masked sees no birth date, nor what gives it away: the sex (also in the number),
 * the statutory retirement date (birth date + 60 or 55 years) and `nearRetirement`, whose
 * `asOf` answers for any date asked. The school stays: a county code alone leaves the eight
 * digits of the birth date to guess (test/re-identification.test.ts).
 *
 * The placement history (任职经历) is where a person worked and when: an institution that
 * reaches its enrollee sees the current school (as it sees `school`), not the earlier ones.
 */
interface PlacementPeriod {
  to: string | null;
}

const currentOnly = (placements: readonly PlacementPeriod[]) => placements.filter((placement) => placement.to === null);

export function teacherOwner(teacher: Teacher): RowOwner {
  return { teacherId: teacher.id, schoolId: teacher.schoolId, regionCode: teacher.regionCode };
}

const BUREAUS: readonly Role[] = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU'];

export const access: AccessRules = {
  Teacher: {
    owner: teacherOwner,
    referenceRoles: ['INSTITUTION'],
    personal: {
      idCardNumber: maskIdNumber,
      phone: maskPhone,
      birthDate: withheld,
      sex: withheld,
      retirementDate: withheld,
      nearRetirement: withheld,
      placements: currentOnly,
      placementOn: (placement: PlacementPeriod) => (placement.to === null ? placement : null),
    },
    // Who corrected a history, and why, is the offices' business (问责), not the teacher's or an institution's.
    fieldRoles: { placementCorrections: [...BUREAUS, 'SYSTEM'] },
  },
  Query: {
    // Asking by 身份证号 answers whether a number is a teacher's: only offices that see their
    // teachers' numbers whole may ask (row scope then finds only their own), never a role that
    // sees a number masked (an institution), which could try the masked digits' candidates.
    fieldRoles: { teachersByIdNumber: [...BUREAUS, 'SYSTEM'] },
  },
};

/** Where the registry places a teacher today, and the school's county and category. */
const CURRENT_PLACEMENT = ['Teacher.school', 'School.region', 'School.category', 'Region.code'];
/** The placement history (任职经历) and the placement on a day. */
const PLACEMENT_HISTORY = ['Teacher.placements', 'Teacher.placementOn', 'Placement.school', 'Placement.regionCode', 'Placement.from', 'Placement.to'];

/**
 * What other slices read of the registry as services (kit/access `ServiceGrants`): the facts their
 * writes are checked against, nothing else (no names, phones or birth dates).
 * - credits files a credit where the teacher was placed on the day it was earned, and matches an
 *   imported row's 身份证号 against the registry's: the only service that reads the number whole.
 * - training checks an assignment (选派) against the teacher's school and county today, and the
 *   project's audience against the stage and subject they teach (任教学段, 任教学科).
 * - certification checks a review, an assessment or a certificate against the same, and a partner
 *   pass list's rows (by 身份证号, `teachersByIdNumber`: it learns whose number it holds, never a number).
 */
export const services: ServiceGrants = {
  credits: ['Query.teachers', 'Query.teacher', 'TeacherConnection.nodes', 'Teacher.idCardNumber', ...CURRENT_PLACEMENT, ...PLACEMENT_HISTORY],
  training: ['Query.teachers', 'TeacherConnection.nodes', 'Teacher.stage', 'Teacher.subject', ...CURRENT_PLACEMENT],
  certification: ['Query.teacher', 'Query.teachersByIdNumber', 'IdNumberMatch.index', 'IdNumberMatch.teacher', ...CURRENT_PLACEMENT],
};

/** The same row scope for list queries over the `teacher` table. */
export const TEACHER_SCOPE: ScopeColumns = { teacher: 'teacher.id', school: 'teacher.school_id', region: 'teacher.region_code' };

/** Who may write (kit/write-policy): the registry's records are kept by schools and the bureaus above them. */
export const writes: WritePolicy = {
  registerTeacher: {
    roles: ['SCHOOL_ADMIN', ...BUREAUS, 'SYSTEM'],
    scope: 'the school named: a school admin its own school, a bureau schools of its region',
    step: '教师注册 register a teacher',
    creates: { record: 'a teacher and their first placement', by: 'idempotencyKey' },
  },
  updateTeacher: {
    roles: ['TEACHER', 'SCHOOL_ADMIN', ...BUREAUS, 'SYSTEM'],
    scope: 'the teacher: themself, their school, the bureaus above it',
    step: 'correct a teacher record',
  },
  transferTeacher: {
    roles: [...BUREAUS, 'SYSTEM'],
    scope: 'the teacher and the school they move to, both within the bureau region',
    step: '调动 transfer a teacher',
  },
  correctPlacement: {
    roles: ['COUNTY_BUREAU', 'SYSTEM'],
    scope: "the teacher: the bureau of their county (their current school's)",
    step: '任职经历更正 correct a placement or add an earlier one',
    creates: { record: 'a placement (the history corrected, audited)', by: 'idempotencyKey' },
  },
  submitStatisticsTable: {
    roles: [...BUREAUS, 'SYSTEM'],
    scope: 'the region the table reports on: a bureau its own region or one below it',
    step: '统计表报送 file a statistics table',
    creates: { record: 'a statistics table', by: 'idempotencyKey' },
  },
};
