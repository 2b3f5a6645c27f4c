import { SchoolType, type SchoolCategory, type TeachingStage } from '../__generated__/resolvers-types';

/** School types (学校类型), in the contract's order. */
export const SCHOOL_TYPES: readonly SchoolType[] = Object.values(SchoolType);

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
