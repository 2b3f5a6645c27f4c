/**
 * 统计表核对: the checks an official makes on a statistics table received from a city or county
 * (Sichuan notice 省执行办 2017 第01号, 附件1: per region, full-time teachers by 幼儿园 / 中小学 /
 * 中职, their total, trained and untrained). Tables arrive from many offices and do not always add
 * up — the notice's own 附件1 rows sum to 488,756 trained, not the printed 488,957 — so every row
 * is checked and every discrepancy is named by row and column. Pure: the intake stores nothing
 * unless this finds nothing, or the bureau accepts exactly what it found.
 */

/** The notice's columns, in its order; 培训率 may follow and is not checked (it is derived). */
export const ATTACHMENT_1_COLUMNS = ['地区代码', '市(州)/县(区)', '幼儿园', '中小学', '中职', '合计', '已培训', '未培训'] as const;
export type CountColumn = '幼儿园' | '中小学' | '中职' | '合计' | '已培训' | '未培训';
export const COUNT_COLUMNS: readonly CountColumn[] = ['幼儿园', '中小学', '中职', '合计', '已培训', '未培训'];

/** One row as read from the sheet: its 1-based row number in the sheet, text cells and counts (null when empty or not a number). */
export interface TableRow {
  row: number;
  code: string;
  name: string;
  counts: Record<CountColumn, number | null>;
  /** What the cell held when it is not a whole number, for the message. */
  raw: Partial<Record<CountColumn, string>>;
}

export interface Discrepancy {
  row: number;
  column: string;
  rule: 'NOT_A_COUNT' | 'PARTS_NOT_TOTAL' | 'TRAINED_PLUS_UNTRAINED_NOT_TOTAL' | 'SUBTOTAL_NOT_SUM' | 'CODE_UNKNOWN' | 'CODE_OUTSIDE_REGION' | 'CODE_REPEATED';
  expected: number | null;
  actual: number | null;
  message: string;
}

/** `row:column:rule`: what a bureau names to accept a discrepancy. */
export function discrepancyKey(d: Pick<Discrepancy, 'row' | 'column' | 'rule'>): string {
  return `${d.row}:${d.column}:${d.rule}`;
}

/** A 小计 / 合计 row: the table's own total of the rows below the region. */
export function isSubtotalRow(row: Pick<TableRow, 'name'>): boolean {
  return /小计|合计|总计/.test(row.name);
}

export interface TableContext {
  /** The region the table is about (its rows are regions below it). */
  regionCode: string;
  /** Whether a code names a region that exists (GB/T 2260, in the registry). */
  codeExists: (code: string) => boolean;
}

function sum(values: readonly (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

function rowChecks(row: TableRow): Discrepancy[] {
  const found: Discrepancy[] = [];
  for (const column of COUNT_COLUMNS) {
    if (row.counts[column] === null) {
      found.push({
        row: row.row,
        column,
        rule: 'NOT_A_COUNT',
        expected: null,
        actual: null,
        message: `Row ${row.row}, ${column}: "${row.raw[column] ?? ''}" is not a whole number of teachers.`,
      });
    }
  }
  const { 幼儿园: kindergarten, 中小学: primaryAndSecondary, 中职: vocational, 合计: total, 已培训: trained, 未培训: untrained } = row.counts;
  const parts = sum([kindergarten, primaryAndSecondary, vocational]);
  if (parts !== null && total !== null && parts !== total) {
    found.push({
      row: row.row,
      column: '合计',
      rule: 'PARTS_NOT_TOTAL',
      expected: parts,
      actual: total,
      message: `Row ${row.row} (${row.name}), 合计: 幼儿园 + 中小学 + 中职 = ${parts}, but 合计 is ${total}.`,
    });
  }
  const split = sum([trained, untrained]);
  if (split !== null && total !== null && split !== total) {
    found.push({
      row: row.row,
      column: '未培训',
      rule: 'TRAINED_PLUS_UNTRAINED_NOT_TOTAL',
      expected: total - (trained ?? 0),
      actual: untrained,
      message: `Row ${row.row} (${row.name}): 已培训 ${trained} + 未培训 ${untrained} = ${split}, but 合计 is ${total}.`,
    });
  }
  return found;
}

function codeChecks(row: TableRow, context: TableContext, seen: Map<string, number>): Discrepancy[] {
  const code = row.code.trim();
  const base = { row: row.row, column: '地区代码', expected: null, actual: null };
  if (!context.codeExists(code)) {
    return [{ ...base, rule: 'CODE_UNKNOWN', message: `Row ${row.row} (${row.name}), 地区代码: ${code || '(empty)'} is not a GB/T 2260 region in the registry.` }];
  }
  const prefix = context.regionCode.replace(/(00)+$/, '');
  if (!code.startsWith(prefix) || code === context.regionCode) {
    return [{ ...base, rule: 'CODE_OUTSIDE_REGION', message: `Row ${row.row} (${row.name}), 地区代码: ${code} is not a region below ${context.regionCode}.` }];
  }
  const first = seen.get(code);
  seen.set(code, first ?? row.row);
  if (first !== undefined) {
    return [{ ...base, rule: 'CODE_REPEATED', message: `Row ${row.row} (${row.name}), 地区代码: ${code} is already on row ${first}.` }];
  }
  return [];
}

/**
 * Every discrepancy of the table, in row order: each region row's counts are whole numbers, its
 * parts sum to its total and trained + untrained equal it, its code exists, lies below the table's
 * region and appears once; each 小计 / 合计 row equals, column by column, the sum of the region rows.
 */
export function checkStatisticsTable(rows: readonly TableRow[], context: TableContext): Discrepancy[] {
  const regions = rows.filter((r) => !isSubtotalRow(r));
  const seen = new Map<string, number>();
  const found: Discrepancy[] = [];
  for (const row of rows) {
    found.push(...rowChecks(row));
    if (isSubtotalRow(row)) {
      for (const column of COUNT_COLUMNS) {
        const expected = sum(regions.map((r) => r.counts[column]));
        const actual = row.counts[column];
        if (expected !== null && actual !== null && expected !== actual) {
          found.push({
            row: row.row,
            column,
            rule: 'SUBTOTAL_NOT_SUM',
            expected,
            actual,
            message: `Row ${row.row} (${row.name}), ${column}: the rows above sum to ${expected}, but the table says ${actual}.`,
          });
        }
      }
    } else {
      found.push(...codeChecks(row, context, seen));
    }
  }
  return found.sort((a, b) => a.row - b.row);
}
