import { createHash } from 'node:crypto';
import { isValidIsoDate } from '../../../kit/date';
import { parseMilli } from '../../../kit/decimal';
import { DomainError } from '../../../kit/errors';
import { creditsForHours } from './conversion';
import { idNumberShapeProblem, normalizeIdNumber } from '../../../standards/id-number';
import { isRegionCode, provinceCodeOf } from '../../../standards/region-code';
import { SchoolCategory, type CreditCategory, type CreditRecordStatus, type CreditSource } from '../__generated__/resolvers-types';
import { CREDIT_CATEGORIES, selectPolicy, type CreditPolicyRules } from './policy';
import { CREDIT_SOURCES } from './registration';

/**
 * One row of a legacy platform's credit sheet (.xlsx or .csv), validated without a
 * database. The credits slice cannot read the registry, so a row names the teacher by
 * the ids the registry gave (teacherId, schoolId, regionCode) and carries the
 * 身份证号, whose GB 11643 checksum is verified (a mistyped number marks a row copied
 * wrongly); the number itself is not stored.
 */
export const IMPORT_COLUMNS = {
  idNumber: ['idnumber', '身份证号'],
  teacherId: ['teacherid', '教师id', '教师编号'],
  schoolId: ['schoolid', '学校id', '学校编号'],
  regionCode: ['regioncode', '区划代码', '行政区划代码'],
  schoolCategory: ['schoolcategory', '学校类别'],
  source: ['source', '来源'],
  category: ['category', '学分类别', '类别'],
  onlineHours: ['onlinehours', '线上学时', '网络学时'],
  offlineHours: ['offlinehours', '线下学时', '面授学时'],
  credits: ['credits', '学分'],
  earnedOn: ['earnedon', '获得日期', '日期'],
  status: ['status', '状态'],
  trainingProjectId: ['trainingprojectid', '项目id', '培训项目id'],
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;

const REQUIRED: readonly ImportColumn[] = ['idNumber', 'teacherId', 'schoolId', 'regionCode', 'source', 'category', 'earnedOn'];
export const SCHOOL_CATEGORIES: readonly SchoolCategory[] = Object.values(SchoolCategory);
/** States a legacy platform may hand over; REJECTED or REVOKED credits are not imported. */
export const IMPORTABLE_STATUSES: readonly CreditRecordStatus[] = ['REGISTERED', 'APPROVED', 'VERIFIED'];

export interface ImportProblem {
  column: string | null;
  rule: string;
  reason: string;
}

export interface ImportedRow {
  importKey: string;
  teacherId: string;
  schoolId: string;
  regionCode: string;
  schoolCategory: SchoolCategory | null;
  source: CreditSource;
  category: CreditCategory;
  onlineHoursMilli: number;
  offlineHoursMilli: number;
  creditsMilli: number;
  earnedOn: string;
  status: CreditRecordStatus;
  trainingProjectId: string | null;
  policyId: string;
}

/** Maps header cells to columns; unknown headers are ignored. Returns the missing required columns too. */
export function mapHeader(header: readonly string[]): { columns: Map<ImportColumn, number>; missing: ImportColumn[] } {
  const columns = new Map<ImportColumn, number>();
  header.forEach((cell, index) => {
    const name = cell.trim().toLowerCase().replace(/[\s_]/g, '');
    for (const [column, aliases] of Object.entries(IMPORT_COLUMNS) as [ImportColumn, readonly string[]][]) {
      if (aliases.includes(name) && !columns.has(column)) columns.set(column, index);
    }
  });
  return { columns, missing: REQUIRED.filter((c) => !columns.has(c)) };
}

/** Deterministic key of a row's content: the same credit in a re-imported file gets the same key. */
export function importKeyOf(row: Omit<ImportedRow, 'importKey' | 'policyId'>): string {
  const parts = [row.teacherId, row.source, row.category, row.onlineHoursMilli, row.offlineHoursMilli, row.creditsMilli, row.earnedOn, row.trainingProjectId ?? ''];
  return createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

function milli(value: string, column: string, problems: ImportProblem[]): number | null {
  if (value === '') return 0;
  try {
    const parsed = parseMilli(value);
    if (parsed < 0) {
      problems.push({ column, rule: 'HOURS_NEGATIVE', reason: `${column} cannot be negative (${value})` });
      return null;
    }
    return parsed;
  } catch {
    problems.push({ column, rule: 'DECIMAL_FORMAT', reason: `${column} "${value}" is not a number with at most 3 decimal places` });
    return null;
  }
}

export interface RowContext {
  policies: readonly CreditPolicyRules[];
  /** A bureau's region prefix: rows outside it are refused. Null for the system. */
  scopePrefix: string | null;
}

/**
 * Validates one data row (cells as text) into a record to store, or every problem
 * found in it, in column order.
 */
export function validateImportRow(
  cells: (column: ImportColumn) => string,
  context: RowContext,
): { row: ImportedRow; problems: [] } | { row: null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const v = (c: ImportColumn) => cells(c).trim();
  for (const column of REQUIRED) {
    if (v(column) === '') problems.push({ column, rule: 'REQUIRED', reason: `${column} is empty` });
  }
  const idNumber = v('idNumber');
  if (idNumber) {
    const problem = idNumberShapeProblem(idNumber);
    if (problem) problems.push({ column: 'idNumber', rule: 'ID_NUMBER_CHECKSUM', reason: problem.message });
  }
  const regionCode = v('regionCode');
  if (regionCode && !isRegionCode(regionCode)) {
    problems.push({ column: 'regionCode', rule: 'REGION_CODE_FORMAT', reason: `regionCode "${regionCode}" is not six digits` });
  } else if (regionCode && context.scopePrefix && !regionCode.startsWith(context.scopePrefix)) {
    problems.push({ column: 'regionCode', rule: 'OUT_OF_SCOPE', reason: `region ${regionCode} is outside the caller's region` });
  }
  const schoolCategoryText = v('schoolCategory').toUpperCase();
  const schoolCategory = SCHOOL_CATEGORIES.find((c) => c === schoolCategoryText);
  if (schoolCategoryText && !schoolCategory) {
    problems.push({ column: 'schoolCategory', rule: 'SCHOOL_CATEGORY_UNKNOWN', reason: `unknown school category "${schoolCategoryText}"` });
  }
  const sourceText = v('source').toUpperCase();
  const source = CREDIT_SOURCES.find((s) => s === sourceText);
  if (sourceText && !source) {
    problems.push({ column: 'source', rule: 'SOURCE_UNKNOWN', reason: `unknown source "${sourceText}"` });
  }
  const categoryText = v('category').toUpperCase();
  const category = CREDIT_CATEGORIES.find((c) => c === categoryText);
  if (categoryText && !category) {
    problems.push({ column: 'category', rule: 'CATEGORY_UNKNOWN', reason: `unknown category "${categoryText}"` });
  }
  const online = milli(v('onlineHours'), 'onlineHours', problems);
  const offline = milli(v('offlineHours'), 'offlineHours', problems);
  const creditsText = v('credits');
  const credits = creditsText === '' ? null : milli(creditsText, 'credits', problems);
  const earnedOn = v('earnedOn');
  if (earnedOn && !isValidIsoDate(earnedOn)) {
    problems.push({ column: 'earnedOn', rule: 'DATE_FORMAT', reason: `earnedOn "${earnedOn}" is not a calendar date YYYY-MM-DD` });
  }
  const statusText = (v('status') || 'REGISTERED').toUpperCase();
  const status = IMPORTABLE_STATUSES.find((s) => s === statusText);
  if (!status) {
    problems.push({ column: 'status', rule: 'STATUS_NOT_IMPORTABLE', reason: `status "${statusText}" cannot be imported` });
  }
  // Required columns are present, so every value checked above is known from here on.
  if (problems.length > 0 || !source || !category || !status) return { row: null, problems };

  let policy: CreditPolicyRules;
  let creditsMilli: number;
  try {
    policy = selectPolicy(context.policies, { provinceCode: provinceCodeOf(regionCode), regionCode, on: earnedOn });
    creditsMilli = creditsForHours(
      { category, onlineHoursMilli: online!, offlineHoursMilli: offline!, declaredCreditsMilli: creditsText === '' ? null : credits },
      policy,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const ext = error.extensions as { rule?: string; code?: string; field?: string };
    return { row: null, problems: [{ column: ext.field ?? null, rule: ext.rule ?? ext.code ?? 'INVALID', reason: error.message }] };
  }
  const base = {
    teacherId: v('teacherId'),
    schoolId: v('schoolId'),
    regionCode,
    schoolCategory: schoolCategory ?? null,
    source,
    category,
    onlineHoursMilli: online!,
    offlineHoursMilli: offline!,
    creditsMilli,
    earnedOn,
    status,
    trainingProjectId: v('trainingProjectId') || null,
  };
  return { row: { ...base, importKey: importKeyOf(base), policyId: policy.id }, problems: [] };
}

/** Where the registry places a teacher, and the 身份证号 it holds. */
export interface RegistryTeacher {
  idNumber: string;
  schoolId: string;
  regionCode: string;
}

/**
 * Where the registry placed a teacher on `date`, from their placement history (each placement runs
 * from `from` up to, not including, `to`); null before the first. Without a history, the current one.
 */
export function placementOnDate<P extends { from: string; to: string | null }>(
  current: RegistryTeacher,
  placements: readonly P[] | undefined,
  date: string,
): RegistryTeacher | null {
  if (!placements) return current;
  const placed = placements.find((p) => p.from <= date && (p.to === null || date < p.to));
  return placed ? { ...current, ...placed } : null;
}

export const NO_PLACEMENT_ON_DATE = 'NO_PLACEMENT_ON_DATE';
export const TEACHER_NOT_MATCHED = 'TEACHER_NOT_MATCHED';
export const PLACEMENT_MISMATCH = 'PLACEMENT_MISMATCH';

/**
 * A valid row against the registry. The teacher must exist there, be placed within the importer's
 * scope (`inScope`, on the registry's placement, never the row's) and have the row's 身份证号. These
 * three answer alike (`TEACHER_NOT_MATCHED`), so a row cannot tell whether a guessed 身份证号 is a
 * teacher's (issue 15's ID oracle) nor whether an id names a teacher outside the importer's region.
 * Only then is the row's school and county compared with the registry's (`PLACEMENT_MISMATCH`): the
 * teacher is the importer's to see. Numbers are never echoed in the reason.
 */
export function registryProblem(
  row: { teacherId: string; idNumber: string; schoolId: string; regionCode: string },
  registered: RegistryTeacher | undefined,
  inScope: (placement: { schoolId: string; regionCode: string }) => boolean,
): ImportProblem | null {
  if (!registered || !inScope(registered) || normalizeIdNumber(registered.idNumber) !== normalizeIdNumber(row.idNumber)) {
    return { column: 'teacherId', rule: TEACHER_NOT_MATCHED, reason: `no teacher ${row.teacherId} with this 身份证号 is registered within the importer's region` };
  }
  if (registered.schoolId !== row.schoolId || registered.regionCode !== row.regionCode) {
    return {
      column: registered.schoolId !== row.schoolId ? 'schoolId' : 'regionCode',
      rule: PLACEMENT_MISMATCH,
      reason: `the registry places teacher ${row.teacherId} at school ${registered.schoolId} in ${registered.regionCode}; a credit is filed where the teacher is placed`,
    };
  }
  return null;
}
