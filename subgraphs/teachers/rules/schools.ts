/** School types (学校类型) and the reporting categories of the statistics tables. */
export const SCHOOL_TYPES = [
  'KINDERGARTEN',
  'PRIMARY',
  'JUNIOR_SECONDARY',
  'SENIOR_SECONDARY',
  'COMPLETE_SECONDARY',
  'NINE_YEAR',
  'VOCATIONAL',
  'SPECIAL_EDUCATION',
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export type SchoolCategory = 'KINDERGARTEN' | 'PRIMARY_AND_SECONDARY' | 'VOCATIONAL' | 'SPECIAL_EDUCATION';

/** 幼儿园 / 中小学 / 中职 / 特教: the columns of the provincial teacher tables. */
export function schoolCategory(type: SchoolType): SchoolCategory {
  switch (type) {
    case 'KINDERGARTEN':
      return 'KINDERGARTEN';
    case 'VOCATIONAL':
      return 'VOCATIONAL';
    case 'SPECIAL_EDUCATION':
      return 'SPECIAL_EDUCATION';
    default:
      return 'PRIMARY_AND_SECONDARY';
  }
}

export type TeachingStage =
  | 'KINDERGARTEN'
  | 'PRIMARY'
  | 'JUNIOR_SECONDARY'
  | 'SENIOR_SECONDARY'
  | 'VOCATIONAL'
  | 'SPECIAL_EDUCATION';

const STAGES_BY_SCHOOL_TYPE: Record<SchoolType, readonly TeachingStage[]> = {
  KINDERGARTEN: ['KINDERGARTEN'],
  PRIMARY: ['PRIMARY'],
  JUNIOR_SECONDARY: ['JUNIOR_SECONDARY'],
  SENIOR_SECONDARY: ['SENIOR_SECONDARY'],
  COMPLETE_SECONDARY: ['JUNIOR_SECONDARY', 'SENIOR_SECONDARY'],
  NINE_YEAR: ['PRIMARY', 'JUNIOR_SECONDARY'],
  VOCATIONAL: ['VOCATIONAL'],
  SPECIAL_EDUCATION: ['SPECIAL_EDUCATION', 'PRIMARY', 'JUNIOR_SECONDARY'],
};

/** The teaching stages a school of this type has (a 完全中学 teaches junior and senior secondary). */
export function stagesOfSchoolType(type: SchoolType): readonly TeachingStage[] {
  return STAGES_BY_SCHOOL_TYPE[type];
}
