import { checkCharacter } from '../standards/id-number';
import type { DemoInstitution, DemoProvince, DemoRegion, DemoSchool, DemoTeacher } from './demo-province';

/**
 * Small demo slices of the four other provinces the notices come from, beside the Sichuan demo
 * province, so each province's rules can be tried end to end: Zhejiang (2020 declaration notice),
 * Jiangxi (a county's credit system), Fujian / Ningde (the IT 1.0 plan), Hunan / Changsha (the
 * development assessment). Regions carry real GB/T 2260 codes (2023 edition); schools, teachers
 * and institutions are invented, hand-written so they never change with the Sichuan generator
 * (whose output stays byte-identical). No projects, credits or certificates: those are made
 * through the graph under each province's own rules.
 */

const CODE_VERSION = '2023';

const REGIONS: readonly [code: string, name: string][] = [
  ['330000', '浙江省'],
  ['330100', '杭州市'],
  ['330106', '西湖区'],
  ['330700', '金华市'],
  ['330702', '婺城区'],
  ['360000', '江西省'],
  ['360100', '南昌市'],
  ['360102', '东湖区'],
  ['350000', '福建省'],
  ['350900', '宁德市'],
  ['350902', '蕉城区'],
  ['350981', '福安市'],
  ['430000', '湖南省'],
  ['430100', '长沙市'],
  ['430102', '芙蓉区'],
  ['430104', '岳麓区'],
];

function region([code, name]: readonly [string, string]): DemoRegion {
  const level = code.endsWith('0000') ? 'PROVINCE' : code.endsWith('00') ? 'CITY' : 'COUNTY';
  const parentCode = level === 'PROVINCE' ? null : level === 'CITY' ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
  return { code, name, level, parentCode, codeVersion: CODE_VERSION };
}

/** A stable id per slice row: the county code, a kind digit and a serial, in UUID form. */
function id(county: string, kind: number, serial: number): string {
  return `${county}00-0000-4000-8${kind}00-${String(serial).padStart(12, '0')}`;
}

type SchoolSpec = Omit<DemoSchool, 'id'> & { serial: number };

const SCHOOLS: readonly SchoolSpec[] = [
  { serial: 1, name: '杭州市西湖区示范小学', type: 'PRIMARY', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: false, regionCode: '330106' },
  // Zhejiang 2020 notice: rural and private-kindergarten teachers get reserved places.
  { serial: 2, name: '杭州市西湖区小天使幼儿园（民办）', type: 'KINDERGARTEN', category: 'KINDERGARTEN', ownership: 'PRIVATE', rural: false, regionCode: '330106' },
  { serial: 3, name: '金华市婺城区乡村中心小学', type: 'PRIMARY', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: true, regionCode: '330702' },
  { serial: 1, name: '南昌市东湖区示范小学', type: 'PRIMARY', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: false, regionCode: '360102' },
  { serial: 1, name: '宁德市蕉城区示范初级中学', type: 'JUNIOR_SECONDARY', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: false, regionCode: '350902' },
  { serial: 2, name: '福安市乡村九年一贯制学校', type: 'NINE_YEAR', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: true, regionCode: '350981' },
  { serial: 1, name: '长沙市芙蓉区示范小学', type: 'PRIMARY', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: false, regionCode: '430102' },
  { serial: 2, name: '长沙市岳麓区示范高级中学', type: 'SENIOR_SECONDARY', category: 'PRIMARY_AND_SECONDARY', ownership: 'PUBLIC', rural: false, regionCode: '430104' },
];

const STAGE_OF: Readonly<Record<string, DemoTeacher['stage']>> = {
  PRIMARY: 'PRIMARY',
  KINDERGARTEN: 'KINDERGARTEN',
  JUNIOR_SECONDARY: 'JUNIOR_SECONDARY',
  NINE_YEAR: 'JUNIOR_SECONDARY',
  SENIOR_SECONDARY: 'SENIOR_SECONDARY',
};

/**
 * Three teachers per school. Each school's third teacher was born in December 1967 and retires at
 * 55 on the day before the 2017 deadline's fifth anniversary or on it (alternately): Ningde notice,
 * 距退休不满五年 judged at 2017-12-31 — the first is exempt from the IT programme, the second not.
 */
const TEACHERS: readonly [name: string, sex: 'MALE' | 'FEMALE', birthDate: string, subject: string, title: DemoTeacher['title'], hireDate: string][] = [
  ['林晓燕', 'FEMALE', '1985-04-12', '语文', 'INTERMEDIATE', '2008-09-01'],
  ['陈建国', 'MALE', '1978-11-03', '数学', 'ASSOCIATE_SENIOR', '2000-09-01'],
  ['王秀英', 'FEMALE', '1967-12-30', '英语', 'INTERMEDIATE', '1988-09-01'],
];

function teachersOf(school: DemoSchool, schoolIndex: number): DemoTeacher[] {
  return TEACHERS.map(([name, sex, birthDate, subject, title, hireDate], i) => {
    // Alternate the boundary: even schools' third teacher retires 2022-12-30, odd schools' on 2022-12-31.
    const birth = i === 2 && schoolIndex % 2 === 1 ? '1967-12-31' : birthDate;
    const sequence = String(100 + schoolIndex * 10 + i * 2 + (sex === 'MALE' ? 1 : 0)).padStart(3, '0');
    const first17 = `${school.regionCode}${birth.replace(/-/g, '')}${sequence}`;
    const retirementYear = Number(birth.slice(0, 4)) + (sex === 'FEMALE' ? 55 : 60);
    return {
      id: id(school.regionCode, 2, schoolIndex * 10 + i + 1),
      idNumber: `${first17}${checkCharacter(first17)}`,
      name,
      sex,
      birthDate: birth,
      phone: `1390000${String(schoolIndex * 10 + i).padStart(4, '0')}`,
      schoolId: school.id,
      stage: STAGE_OF[school.type] ?? 'PRIMARY',
      subject,
      title,
      hireDate,
      retirementDate: `${retirementYear}${birth.slice(4)}`,
    };
  });
}

const INSTITUTIONS: readonly (Omit<DemoInstitution, 'id'> & { serial: number })[] = [
  { serial: 1, name: '浙江师范大学', kind: 'NORMAL_UNIVERSITY', regionCode: '330702', accreditedSince: '2010-09-01' },
  // Accredited less than a year before the 2020H1 declarations open: the Zhejiang notice's quota of 8.
  { serial: 2, name: '杭州西湖教师培训中心', kind: 'PROVINCIAL_INSTITUTION', regionCode: '330106', accreditedSince: '2019-06-01' },
  { serial: 1, name: '南昌市东湖区教师进修学校', kind: 'COUNTY_TEACHER_SCHOOL', regionCode: '360102', accreditedSince: '2005-01-01' },
  { serial: 1, name: '宁德师范学院', kind: 'OTHER_UNIVERSITY', regionCode: '350902', accreditedSince: '2010-01-01' },
  { serial: 1, name: '长沙市芙蓉区教师进修学校', kind: 'COUNTY_TEACHER_SCHOOL', regionCode: '430102', accreditedSince: '2008-01-01' },
];

/** The slices as a DemoProvince (regions, schools, teachers, institutions; nothing else yet). */
export function generateProvinceSlices(): DemoProvince {
  const schools = SCHOOLS.map(({ serial, ...school }) => ({ ...school, id: id(school.regionCode, 1, serial) }));
  return {
    regions: REGIONS.map(region),
    schools,
    teachers: schools.flatMap(teachersOf),
    institutions: INSTITUTIONS.map(({ serial, ...institution }) => ({ ...institution, id: id(institution.regionCode, 3, serial) })),
    projects: [],
    classes: [],
    enrollments: [],
    creditRecords: [],
    certificates: [],
  };
}
