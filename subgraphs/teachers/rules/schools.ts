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
