import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { checkCharacter } from '../../standards/id-number';
import type { TeacherDirectory } from './graph-access';

/**
 * Generated legacy credit sheets, for the import test and benchmark: `rows` data rows,
 * every `badEvery`-th one broken in one of several ways, with the exact report line
 * each broken row must produce. Deterministic.
 */
export const SAMPLE_HEADER = ['身份证号', 'teacherId', 'schoolId', 'regionCode', 'schoolCategory', 'source', 'category', 'onlineHours', 'offlineHours', 'credits', 'earnedOn'];

export interface SampleSheet {
  rows: string[][];
  /** Row number (header = 1) → expected rule, for the broken rows. */
  expected: { row: number; column: string | null; rule: string }[];
  /** The teachers the rows were made for, as the registry holds them, before any row was broken. */
  teachers: Map<string, SampleTeacher>;
}

function idNumber(i: number): string {
  const first17 = `510104${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A teacher as the registry holds them, for sheets whose rows must pass the registry check. */
export interface SampleTeacher {
  id: string;
  idNumber: string;
  schoolId: string;
  regionCode: string;
  schoolCategory: string;
}

function syntheticTeacher(i: number, tag: string): SampleTeacher {
  return {
    id: `${tag}-teacher-${i % 5000}`,
    idNumber: idNumber(i % 5000),
    schoolId: `${tag}-school-${i % 200}`,
    regionCode: i % 2 ? '510104' : '510105',
    schoolCategory: 'PRIMARY_AND_SECONDARY',
  };
}

/**
 * `count` rows; every `badEvery`-th one broken. Rows name `teachers` in turn when given
 * (then two more ways to break a row: an unknown teacher, another person's 身份证号), else
 * synthetic teachers, which only `sampleTeacherDirectory` knows.
 */
export function sampleSheet(count: number, badEvery = 0, tag = 't', teachers?: readonly SampleTeacher[]): SampleSheet {
  const rows: string[][] = [];
  const expected: SampleSheet['expected'] = [];
  const kinds = teachers ? 7 : 5;
  const registry = new Map<string, SampleTeacher>();
  for (let i = 0; i < count; i += 1) {
    const teacher = teachers ? teachers[i % teachers.length] : syntheticTeacher(i, tag);
    registry.set(teacher.id, teacher);
    const row = [
      teacher.idNumber,
      teacher.id,
      teacher.schoolId,
      teacher.regionCode,
      teacher.schoolCategory,
      'SCHOOL_BASED',
      'SCHOOL_BASED',
      '0',
      // Every row a different credit: with registry teachers, a teacher's n-th row has n + 1.5 hours.
      teachers ? `${1 + Math.floor(i / teachers.length)}.5` : `${(i % 8) + 1}.5`,
      '',
      `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    ];
    const rowNumber = i + 2;
    const bad = badEvery > 0 && i % badEvery === badEvery - 1 ? Math.floor(i / badEvery) % kinds : -1;
    if (bad === 0) {
      row[0] = row[0].slice(0, 17) + (row[0][17] === '1' ? '2' : '1');
      expected.push({ row: rowNumber, column: 'idNumber', rule: 'ID_NUMBER_CHECKSUM' });
    } else if (bad === 1) {
      row[10] = '2023-02-30';
      expected.push({ row: rowNumber, column: 'earnedOn', rule: 'DATE_FORMAT' });
    } else if (bad === 2) {
      row[8] = '-2';
      expected.push({ row: rowNumber, column: 'offlineHours', rule: 'HOURS_NEGATIVE' });
    } else if (bad === 3) {
      row[6] = 'SPORTS';
      expected.push({ row: rowNumber, column: 'category', rule: 'CATEGORY_UNKNOWN' });
    } else if (bad === 4) {
      row[1] = '';
      expected.push({ row: rowNumber, column: 'teacherId', rule: 'REQUIRED' });
    } else if (bad === 5) {
      row[1] = `${tag}-not-registered-${i}`;
      expected.push({ row: rowNumber, column: 'teacherId', rule: 'TEACHER_NOT_MATCHED' });
    } else if (bad === 6) {
      row[0] = idNumber(900_000 + i);
      expected.push({ row: rowNumber, column: 'teacherId', rule: 'TEACHER_NOT_MATCHED' });
    }
    rows.push(row);
  }
  return { rows, expected, teachers: registry };
}

/** A directory that knows exactly the teachers a synthetic sheet names (for the import benchmark). */
export function sampleTeacherDirectory(sheet: SampleSheet): TeacherDirectory {
  return async (ids) => new Map(ids.flatMap((id) => (sheet.teachers.has(id) ? [[id, sheet.teachers.get(id)!] as const] : [])));
}

/** The sheet as an .xlsx file, written with exceljs' streaming writer. */
export async function sampleWorkbook(sheet: SampleSheet, filename?: string): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter(filename ? { filename, useSharedStrings: false } : { stream, useSharedStrings: false });
  const worksheet = workbook.addWorksheet('学分');
  worksheet.addRow(SAMPLE_HEADER).commit();
  for (const row of sheet.rows) worksheet.addRow(row).commit();
  await worksheet.commit();
  if (filename) {
    await workbook.commit();
    return undefined;
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}

export function sampleCsv(sheet: SampleSheet): string {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [SAMPLE_HEADER, ...sheet.rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}
