/**
 * The Sichuan notice's partner-programme tables (省执行办 2017 第01号), built from the pass lists:
 * - 附表 (summary): per partner project, year (2014–2017) and county, 分配人数 (passed, as sent
 *   down to the county) against 核实人数 (verified by the county);
 * - the county's feedback sheet: 县(市、区), 年度, 序号, 教师姓名, 身份证号码, 联系电话, 所在学校,
 *   备注, in the order of the list sent down, rows added later last.
 * Pure: the caller reads the rows and writes the workbook.
 */

export const SUMMARY_COLUMNS = ['项目', '年度', '县(市、区)', '分配人数', '核实人数'] as const;
export const FEEDBACK_COLUMNS = ['县(市、区)', '年度', '序号', '教师姓名', '身份证号码', '联系电话', '所在学校', '备注'] as const;

/** Entry statuses that mean the county verified the teacher (and what came after). */
const VERIFIED = new Set(['COUNTY_VERIFIED', 'CITY_AGGREGATED', 'PROVINCE_APPROVED']);

export interface ListFacts {
  id: string;
  programme: string;
  year: number | null;
}

export interface EntryFacts {
  listId: string;
  position: number;
  name: string;
  idNumber: string;
  regionCode: string;
  status: string;
}

export interface SummaryRow {
  programme: string;
  year: number | null;
  regionCode: string;
  allocated: number;
  verified: number;
}

/** 附表: one row per (project, year, county) with passes, in project, year, county order. */
export function summaryRows(lists: readonly ListFacts[], entries: readonly EntryFacts[]): SummaryRow[] {
  const listById = new Map(lists.map((l) => [l.id, l]));
  const rows = new Map<string, SummaryRow>();
  for (const entry of entries) {
    const list = listById.get(entry.listId);
    if (!list) continue;
    const key = JSON.stringify([list.programme, list.year, entry.regionCode]);
    const row = rows.get(key) ?? { programme: list.programme, year: list.year, regionCode: entry.regionCode, allocated: 0, verified: 0 };
    row.allocated += 1;
    if (VERIFIED.has(entry.status)) row.verified += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.programme.localeCompare(b.programme) || (a.year ?? 0) - (b.year ?? 0) || a.regionCode.localeCompare(b.regionCode),
  );
}

const REMARKS: Readonly<Record<string, string>> = {
  LISTED: '',
  COUNTY_VERIFIED: '已核实',
  CITY_AGGREGATED: '已核实',
  PROVINCE_APPROVED: '已核实',
  COUNTY_REJECTED: '未核实',
};

/**
 * The county's feedback sheet rows: the list's entries of `countyCode` in the list's order (rows
 * appended later come last), numbered from 1. 联系电话 and 所在学校 are the county's to fill in:
 * the pass list carries neither.
 */
export function feedbackRows(list: ListFacts, entries: readonly EntryFacts[], countyCode: string): (string | number | null)[][] {
  return entries
    .filter((e) => e.listId === list.id && e.regionCode === countyCode)
    .sort((a, b) => a.position - b.position)
    .map((e, i) => [e.regionCode, list.year, i + 1, e.name, e.idNumber, null, null, REMARKS[e.status] ?? '']);
}
