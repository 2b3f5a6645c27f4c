/**
 * 批量导入: the platform's CSV import (its export format). Header by English or Chinese
 * names; every row validated, then checked against the registry through the graph (100
 * teachers a request): the teacher known and placed within the importer's scope, the row's
 * school and county the registry's placement on its 获得日期, its 身份证号 (when given) the
 * registry's, which the entry is filed under. Re-importing the same rows adds nothing (the
 * content hash is the entry's 流水号).
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { manages } from '../../kit/access';
import { parseCsv } from '../../kit/csv';
import { inTransaction, isUniqueViolation } from '../../kit/data-source';
import { isValidIsoDate } from '../../kit/date';
import { parseMilli } from '../../kit/decimal';
import { badInput, DomainError, ErrorCode } from '../../kit/errors';
import { uploadedFile } from '../../kit/inputs';
import type { Identity } from '../../kit/identity';
import { idNumberShapeProblem, normalizeIdNumber } from '../../standards/id-number';
import { isRegionCode } from '../../standards/region-code';
import { CreditSource } from './__generated__/resolvers-types';
import { JxCreditLedger } from './entities';
import { requireGraphAccess, type LegacyGraphAccess } from './graph-access';
import { CATEGORIES, decimalText } from './platform';
import { importRowProblem } from './rules/placement';

const ALIASES: Record<string, string> = {
  身份证号: 'idNumber', 教师编号: 'teacherId', 学校编号: 'schoolId', 区县代码: 'regionCode', 学分来源: 'source', 学分类别: 'category',
  线上学时: 'onlineHours', 线下学时: 'offlineHours', 学分: 'credits', 获得日期: 'earnedOn', 状态: 'status',
};
const SOURCES: readonly string[] = Object.values(CreditSource);
const IMPORT_STATUS: Record<string, string> = { REGISTERED: '0', APPROVED: '1', VERIFIED: '3' };

/**
 * The contract's import template, in this platform's own columns (its Chinese headers): it reads
 * .csv only, so the notes say to save the sheet as CSV (UTF-8) before importing.
 */
export async function importTemplate(): Promise<{ filename: string; content: string }> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('学分').addRow(Object.keys(ALIASES)).font = { bold: true };
  const notes = workbook.addWorksheet('说明');
  notes.addRow(['本平台导入 .csv 文件：填写第一张表后另存为 CSV（UTF-8）再导入。']);
  for (const [chinese, column] of Object.entries(ALIASES)) notes.addRow([chinese, column]);
  return { filename: 'jx-credit-import-template.xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

interface RowError { row: number; column: string | null; rule: string; reason: string }

export async function importCsv(
  dataSource: DataSource,
  identity: Identity,
  input: Parameters<typeof uploadedFile>[0] & { allOrNothing?: boolean | null },
  graph: () => LegacyGraphAccess | null,
) {
  const { filename, bytes } = uploadedFile(input);
  if (!/\.csv$/i.test(filename)) {
    throw badInput('This platform imports .csv files (its own export format); save the sheet as CSV.', { field: 'filename', rule: 'FILE_FORMAT' });
  }
  const records = [...parseCsv(bytes.toString('utf8'))].filter((r) => r.cells.some((c) => c.trim()));
  const [headerRecord, ...dataRecords] = records;
  const header = (headerRecord?.cells ?? []).map((h) => ALIASES[h.trim()] ?? h.trim());
  const access = requireGraphAccess(graph(), 'Imported rows');
  const errors: RowError[] = [];
  const valid: { row: number; cells: Record<string, string>; entry: JxCreditLedger }[] = [];
  const seen = new Set<string>();
  dataRecords.forEach(({ line: rowNumber, cells: values }) => {
    const cells = Object.fromEntries(values.map((v, i) => [header[i], v.trim()]));
    const fail = (column: string | null, rule: string, reason: string) => errors.push({ row: rowNumber, column, rule, reason });
    const amount = (column: string) => {
      if (!cells[column]) return 0;
      try {
        const value = parseMilli(cells[column]);
        if (value < 0) fail(column, 'HOURS_NEGATIVE', `${column} must not be negative.`);
        return value;
      } catch {
        fail(column, 'DECIMAL_FORMAT', `${column} is not a decimal number.`);
        return 0;
      }
    };
    const before = errors.length;
    const online = amount('onlineHours');
    const offline = amount('offlineHours');
    const credits = cells.credits ? amount('credits') : online + offline;
    if (!SOURCES.includes(cells.source)) fail('source', 'SOURCE_UNKNOWN', `Unknown source ${cells.source}.`);
    if (!(CATEGORIES as readonly string[]).includes(cells.category)) fail('category', 'CATEGORY_UNKNOWN', `Unknown category ${cells.category}.`);
    if (!isValidIsoDate(cells.earnedOn ?? '')) fail('earnedOn', 'DATE_FORMAT', 'earnedOn is not YYYY-MM-DD.');
    if (!isRegionCode(cells.regionCode ?? '')) fail('regionCode', 'REGION_CODE_FORMAT', 'regionCode must be six digits.');
    if (!cells.teacherId) fail('teacherId', 'REQUIRED', 'teacherId is empty.');
    const idProblem = cells.idNumber ? idNumberShapeProblem(cells.idNumber) : null;
    if (idProblem) fail('idNumber', 'ID_NUMBER_CHECKSUM', idProblem.message);
    if (errors.length === before && !manages(identity, { schoolId: cells.schoolId, regionCode: cells.regionCode })) {
      fail('regionCode', 'OUT_OF_SCOPE', 'The row is outside the caller’s region.');
    }
    if (errors.length !== before) return;
    const key = createHash('sha256').update([cells.teacherId, cells.source, cells.category, online, offline, credits, cells.earnedOn].join('|')).digest('hex').slice(0, 36);
    if (seen.has(key)) return fail(null, 'DUPLICATE_ROW', 'The same row appears twice in the file.');
    seen.add(key);
    const at = new Date().toISOString();
    const zt = IMPORT_STATUS[cells.status || 'REGISTERED'] ?? '0';
    valid.push({ row: rowNumber, cells, entry: Object.assign(new JxCreditLedger(), {
      lsh: key, sfzh: '', jsbh: cells.teacherId, xxbh: cells.schoolId, qxdm: cells.regionCode, xxlb: null, xfly: cells.source, xflb: cells.category,
      xsxs: decimalText(online), xxxs: decimalText(offline), xf: decimalText(credits), hdrq: cells.earnedOn, zt,
      xmbh: null, bmbh: null, jgbh: null, tspx: null, yy: null,
      shjl: JSON.stringify([{ czr: identity.subject ?? 'import', czjs: identity.role, sj: at, q: null, h: zt, yy: '导入' }]), czsj: at,
    }) });
  });
  // The registry's word on every valid row, its teachers asked 100 a request; filed under the registry's 身份证号.
  const registered = await access.teachers(valid.map((v) => v.cells.teacherId));
  const good: JxCreditLedger[] = [];
  for (const { row, cells, entry } of valid) {
    const claim = { teacherId: cells.teacherId, idNumber: cells.idNumber ? normalizeIdNumber(cells.idNumber) : null, schoolId: cells.schoolId, regionCode: cells.regionCode, earnedOn: cells.earnedOn };
    const teacher = registered.get(cells.teacherId);
    const problem = importRowProblem(claim, teacher, (placement) => manages(identity, { teacherId: cells.teacherId, ...placement }));
    if (problem) errors.push({ row, ...problem });
    else good.push(Object.assign(entry, { sfzh: normalizeIdNumber(teacher!.idNumber) }));
  }
  errors.sort((a, b) => a.row - b.row);
  const rolledBack = !!input.allOrNothing && errors.length > 0;
  let imported = 0;
  if (!rolledBack && good.length) {
    try {
      await inTransaction(dataSource, async (manager) => {
        const repository = manager.getRepository(JxCreditLedger);
        const existing = new Set((await repository.createQueryBuilder('l').select('l.lsh', 'lsh').where('l.lsh IN (:...keys)', { keys: good.map((g) => g.lsh) }).getRawMany()).map((r: { lsh: string }) => r.lsh));
        const fresh = good.filter((g) => !existing.has(g.lsh));
        if (fresh.length) await repository.insert(fresh);
        imported = fresh.length;
      });
    } catch (error) {
      // The contract's answer to two imports racing over the same rows (the row key 流水号 decides).
      if (isUniqueViolation(error)) {
        throw new DomainError(ErrorCode.Conflict, 'Another import stored some of these rows at the same time; nothing was stored. Run the import again.', { rule: 'CONCURRENT_IMPORT' });
      }
      throw error;
    }
  }
  return {
    rows: dataRecords.length,
    imported,
    alreadyImported: rolledBack ? 0 : good.length - imported,
    rejected: new Set(errors.map((e) => e.row)).size,
    rolledBack,
    errors,
  };
}
