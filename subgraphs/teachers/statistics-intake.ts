import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { type DataSource, In } from 'typeorm';
import { assertManages } from '../../kit/access';
import { once } from '../../kit/idempotency';
import { badInput } from '../../kit/errors';
import { uploadedContent } from '../../kit/inputs';
import type { Identity } from '../../kit/identity';
import { isRegionCode } from '../../standards/region-code';
import type { SubmitStatisticsTableInput } from './__generated__/resolvers-types';
import { Region, StatisticsTable, TeacherIdempotencyKey } from './entities';
import {
  ATTACHMENT_1_COLUMNS,
  checkStatisticsTable,
  COUNT_COLUMNS,
  discrepancyKey,
  type CountColumn,
  type Discrepancy,
  type TableRow,
} from './rules/statistics-table';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return String(value);
}

/** Header cells compared without spaces and with either bracket form: 市（州） = 市(州). */
function headerKey(text: string): string {
  return text.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/\(下年任务\)$/, '');
}

function count(text: string): number | null {
  const trimmed = text.trim().replace(/,/g, '');
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The table's rows from the first sheet: the header is the first row naming the notice's columns
 * (a title may come before it), then one region per row, and 小计 / 合计 rows, until the rows end.
 */
export async function readStatisticsXlsx(base64: string): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw badInput('The table is not a readable .xlsx file.', { field: 'content', rule: 'XLSX_FORMAT' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('The workbook has no sheet.', { field: 'content', rule: 'XLSX_FORMAT' });
  let headerRow = 0;
  let index: Record<string, number> = {};
  sheet.eachRow((row, rowNumber) => {
    if (headerRow) return;
    const keys = (row.values as ExcelJS.CellValue[]).map((v) => headerKey(cellText(v)));
    if (ATTACHMENT_1_COLUMNS.every((c) => keys.includes(headerKey(c)))) {
      headerRow = rowNumber;
      index = Object.fromEntries(ATTACHMENT_1_COLUMNS.map((c) => [c, keys.indexOf(headerKey(c))]));
    }
  });
  if (!headerRow) {
    throw badInput(`The table has no header row with the notice's columns: ${ATTACHMENT_1_COLUMNS.join(', ')}.`, {
      field: 'content',
      rule: 'STATISTICS_COLUMNS',
    });
  }
  const rows: TableRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const values = row.values as ExcelJS.CellValue[];
    const text = (column: string) => cellText(values[index[column]]).trim();
    if (ATTACHMENT_1_COLUMNS.every((c) => text(c) === '')) return;
    const counts = {} as Record<CountColumn, number | null>;
    const raw: Partial<Record<CountColumn, string>> = {};
    for (const column of COUNT_COLUMNS) {
      counts[column] = count(text(column));
      raw[column] = text(column);
    }
    rows.push({ row: rowNumber, code: text('地区代码'), name: text('市(州)/县(区)'), counts, raw });
  });
  if (rows.length === 0) throw badInput('The table has no rows under its header.', { field: 'content', rule: 'STATISTICS_EMPTY' });
  return rows;
}

export interface IntakeReport {
  stored: boolean;
  tableId: string | null;
  rows: number;
  discrepancies: (Discrepancy & { key: string })[];
}

/**
 * 统计表报送: checks every row of a bureau's table and stores it only when nothing is wrong, or
 * when the bureau accepted every discrepancy found by its key (`row:column:rule`), listing them
 * explicitly: an acceptance of something not found, or a discrepancy not accepted, stores nothing.
 */
export async function submitStatisticsTable(
  dataSource: DataSource,
  identity: Identity,
  input: SubmitStatisticsTableInput,
  idempotencyKey?: string | null,
): Promise<IntakeReport> {
  const regionCode = input.regionCode.trim();
  if (!isRegionCode(regionCode)) throw badInput(`${regionCode} is not a six-digit region code.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  assertManages(identity, { regionCode }, 'file statistics tables');
  const rows = await readStatisticsXlsx(uploadedContent(input));
  const codes = [...new Set(rows.map((r) => r.code).filter(isRegionCode))];
  const known = new Set(codes.length ? (await dataSource.getRepository(Region).findBy({ code: In(codes) })).map((r) => r.code) : []);
  if (!(await dataSource.getRepository(Region).existsBy({ code: regionCode }))) {
    throw badInput(`Region ${regionCode} is not in the registry.`, { field: 'regionCode', rule: 'REGION_UNKNOWN' });
  }
  const discrepancies = checkStatisticsTable(rows, { regionCode, codeExists: (code) => known.has(code) }).map((d) => ({ ...d, key: discrepancyKey(d) }));
  const accepted = new Set(input.acceptedDiscrepancies ?? []);
  const found = new Set(discrepancies.map((d) => d.key));
  const everyAccepted = discrepancies.every((d) => accepted.has(d.key));
  const nothingElse = [...accepted].every((key) => found.has(key));
  if (!everyAccepted || !nothingElse) return { stored: false, tableId: null, rows: rows.length, discrepancies };
  return once(
    dataSource,
    { keys: TeacherIdempotencyKey, mutation: 'submitStatisticsTable', identity, key: idempotencyKey, payload: input },
    async (manager) => {
      const id = randomUUID();
      await manager.getRepository(StatisticsTable).insert({
        id,
        kind: 'ATTACHMENT_1',
        regionCode,
        year: input.year,
        submittedBy: `${identity.role}:${identity.subject}`,
        submittedAt: new Date().toISOString(),
        acceptedDiscrepancies: discrepancies.length,
        content: JSON.stringify({ rows, discrepancies }),
      });
      return id;
    },
    (id) => storedReport(dataSource, id),
  );
}

/** The report of a stored table, as its filing answered (a repeated call with its key answers the same). */
async function storedReport(dataSource: DataSource, id: string): Promise<IntakeReport> {
  const table = await dataSource.getRepository(StatisticsTable).findOneByOrFail({ id });
  const content = JSON.parse(table.content) as { rows: TableRow[]; discrepancies: IntakeReport['discrepancies'] };
  return { stored: true, tableId: table.id, rows: content.rows.length, discrepancies: content.discrepancies };
}
