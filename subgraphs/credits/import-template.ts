import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportColumn } from './rules/import-row';

/** What each import column holds, for the template's notes sheet (说明) and nowhere else. */
const NOTES: Record<ImportColumn, { required: boolean; holds: string }> = {
  idNumber: { required: true, holds: '18-character 身份证号; checked against the registry (GB 11643 checksum, same person as teacherId)' },
  teacherId: { required: true, holds: "the registry's teacher id" },
  schoolId: { required: true, holds: "the registry's school id of the teacher" },
  regionCode: { required: true, holds: "six-digit GB/T 2260 code of the school's county, within the importer's region" },
  schoolCategory: { required: false, holds: 'KINDERGARTEN, PRIMARY_AND_SECONDARY, VOCATIONAL or SPECIAL_EDUCATION' },
  source: { required: true, holds: 'TRAINING_COMPLETION, SCHOOL_BASED, EXTERNAL_PROGRAMME, DEGREE_STUDY or OTHER_CONVERTED' },
  category: { required: true, holds: 'CONCENTRATED, ONLINE, SCHOOL_BASED, IT_PRACTICE, IT_ONLINE or OTHER' },
  onlineHours: { required: false, holds: 'hours (学时) online, a number with at most 3 decimals; default 0' },
  offlineHours: { required: false, holds: 'hours (学时) face to face, a number with at most 3 decimals; default 0' },
  credits: { required: false, holds: 'credits as declared; converted from the hours under the policy when empty' },
  earnedOn: { required: true, holds: 'the day earned, YYYY-MM-DD' },
  status: { required: false, holds: 'REGISTERED (default), APPROVED or VERIFIED' },
  trainingProjectId: { required: false, holds: 'the training project it comes from' },
};

/**
 * The import template (`Query.creditImportTemplate`): a first sheet with the header row the
 * import reads (English names; the Chinese ones are accepted too) and a notes sheet saying what
 * each column holds. Only the first sheet is imported.
 */
export async function creditImportTemplate(): Promise<{ filename: string; content: string }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('学分');
  const columns = Object.keys(IMPORT_COLUMNS) as ImportColumn[];
  sheet.addRow(columns);
  sheet.getRow(1).font = { bold: true };
  columns.forEach((_, i) => (sheet.getColumn(i + 1).width = 20));
  const notes = workbook.addWorksheet('说明');
  notes.addRow(['column', '中文列名', 'required', 'holds']).font = { bold: true };
  for (const column of columns) {
    const chinese = IMPORT_COLUMNS[column].filter((alias) => /[^\x00-\x7f]/.test(alias)).join(' / ');
    notes.addRow([column, chinese, NOTES[column].required ? 'yes' : 'no', NOTES[column].holds]);
  }
  notes.getColumn(4).width = 90;
  return { filename: 'credit-import-template.xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
