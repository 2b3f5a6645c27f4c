import { addYears, type IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';
import type { SchoolType, TeachingStage } from '../__generated__/resolvers-types';
import { stagesOfSchoolType } from './schools';

/** Youngest age at which a registry accepts a hire date (teacher qualification requires adulthood). */
export const MINIMUM_HIRE_AGE = 18;

export function normalizeName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0 || trimmed.length > 64) {
    throw badInput('A name must have between 1 and 64 characters.', { field: 'name', rule: 'NAME_LENGTH' });
  }
  return trimmed;
}

/** Mobile (11 digits starting with 1) or landline with area code, e.g. `028-12345678`. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (phone === null || phone === undefined || phone.trim() === '') return null;
  const compact = phone.replace(/[\s-]/g, '');
  if (!/^(1\d{10}|0\d{9,11})$/.test(compact)) {
    throw badInput(`"${phone}" is not a mobile number (11 digits starting with 1) or a landline with area code.`, {
      field: 'phone',
      rule: 'PHONE_FORMAT',
    });
  }
  return compact;
}

export function normalizeSubject(subject: string): string {
  const trimmed = subject.trim();
  if (trimmed.length === 0 || trimmed.length > 32) {
    throw badInput('A subject must have between 1 and 32 characters.', { field: 'subject', rule: 'SUBJECT_LENGTH' });
  }
  return trimmed;
}

export function assertStageFitsSchool(stage: TeachingStage, schoolType: SchoolType): void {
  const stages = stagesOfSchoolType(schoolType);
  if (!stages.includes(stage)) {
    throw badInput(`A ${schoolType} school has no ${stage} stage; choose one of ${stages.join(', ')}.`, {
      field: 'stage',
      rule: 'STAGE_NOT_IN_SCHOOL',
    });
  }
}

/** Hire date after the 18th birthday and not in the future; retirement after hiring. */
/**
 * A registration is of a serving teacher: a retirement date (given, or the statutory one the
 * 身份证号 gives) before `today` is refused, with what to do about it (issue 17: a teacher born
 * in 1949 was registered as retiring in 2004 without a word).
 */
export function assertServing(retirementDate: IsoDate, today: IsoDate, given: boolean): void {
  if (retirementDate >= today) return;
  throw badInput(
    given
      ? `Retirement date ${retirementDate} is in the past: the registry registers serving teachers. Give the date the teacher will retire, or leave it out for the statutory one.`
      : `By the statutory retirement age this teacher retired on ${retirementDate} (from the birth date in the 身份证号); if they still teach, give their actual retirementDate.`,
    { field: 'retirementDate', rule: 'RETIREMENT_DATE_PAST' },
  );
}

export function assertCareerDates(dates: { birthDate: IsoDate; hireDate: IsoDate; retirementDate: IsoDate; today: IsoDate }): void {
  if (dates.hireDate < addYears(dates.birthDate, MINIMUM_HIRE_AGE)) {
    throw badInput(`Hire date ${dates.hireDate} is before the teacher's 18th birthday (born ${dates.birthDate}).`, {
      field: 'hireDate',
      rule: 'HIRE_DATE_TOO_EARLY',
    });
  }
  if (dates.hireDate > dates.today) {
    throw badInput(`Hire date ${dates.hireDate} is in the future.`, { field: 'hireDate', rule: 'HIRE_DATE_IN_FUTURE' });
  }
  if (dates.retirementDate <= dates.hireDate) {
    throw badInput(`Retirement date ${dates.retirementDate} must come after hire date ${dates.hireDate}.`, {
      field: 'retirementDate',
      rule: 'RETIREMENT_BEFORE_HIRE',
    });
  }
}
