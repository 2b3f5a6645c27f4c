import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/date';
import { loadPolicySet } from './policies-store';
import { CREDIT_CATEGORIES, type CreditPolicyRules } from './rules/policy';
import { cycleShapes, earnedStatusesUnder, summariseTeacher, type CycleShape, type CreditSummaryRow, type EarnedStatusesAt, type SummarySourceRecord } from './rules/summary';
import { CATEGORY_COLUMN, YEAR_COLUMNS } from './summary-columns';

/**
 * Keeps `credit_summary` (rules/summary.ts) in step with the credit records: every command
 * that writes a record calls `refreshSummaries` for its teachers inside its own transaction,
 * which recomputes those teachers' rows from their records. Recomputing rather than adding
 * deltas keeps one definition (`summariseTeacher`, also used by the rebuild and the
 * consistency test) and makes a refresh repair whatever it touches.
 *
 * Concurrency (MySQL): two transactions changing the same teacher must not both recompute
 * from a view missing the other's record. Each takes an exclusive lock on the teacher's
 * bucket row in `credit_summary_lock` (fixed rows: nothing to insert, so no gap locks), in
 * bucket order, after its own writes; the transaction runs READ COMMITTED, so its reads
 * after the lock see every record committed before the lock was released. Whoever locks last
 * recomputes from everything. SQLite has a single writer at a time.
 */

/** Fixed lock rows; a teacher's bucket is a hash of their id, so unrelated teachers rarely wait for each other. */
export const SUMMARY_LOCK_BUCKETS = 1024;

/** Teachers per statement (records read, rows deleted) when refreshing many. */
const TEACHERS_PER_STATEMENT = 1_000;
const ROWS_PER_INSERT = 500;

/** FNV-1a of the id, modulo the bucket count. */
export function bucketOf(teacherId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < teacherId.length; i += 1) {
    hash ^= teacherId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SUMMARY_LOCK_BUCKETS;
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

const COLUMNS = [
  'cycle_start_year',
  'cycle_years',
  'region_code',
  'teacher_id',
  'school_category',
  ...CREDIT_CATEGORIES.map((category) => CATEGORY_COLUMN[category]),
  ...YEAR_COLUMNS,
  'pending_milli',
  'earned_records',
];

function values(teacherId: string, row: CreditSummaryRow): unknown[] {
  return [
    row.cycleStartYear,
    row.cycleYears,
    row.regionCode,
    teacherId,
    row.schoolCategory,
    ...CREDIT_CATEGORIES.map((category) => row.earnedMilli[category]),
    ...YEAR_COLUMNS.map((_, i) => row.earnedByYearMilli[i] ?? 0),
    row.pendingMilli,
    row.earnedRecords,
  ];
}

interface RecordRow {
  id: string;
  teacher_id: string;
  region_code: string;
  school_category: string | null;
  category: SummarySourceRecord['category'];
  status: SummarySourceRecord['status'];
  earned_on: string;
  credits_milli: number | string;
}

/** What summarising needs of the stored policies: their cycle shapes and, per county, what counts as earned today. */
export interface SummaryRules {
  shapes: readonly CycleShape[];
  earnedAt: EarnedStatusesAt;
}

/** From policies a command has already loaded, so a credit write reads the policy table once. */
export function summaryRulesOf(rules: readonly CreditPolicyRules[]): SummaryRules {
  return { shapes: cycleShapes(rules), earnedAt: earnedStatusesUnder(rules, todayInChina()) };
}

export async function summaryRules(db: DataSource | EntityManager): Promise<SummaryRules> {
  return summaryRulesOf((await loadPolicySet(db)).rules);
}

/** Every summary row of these teachers, from their records as this transaction sees them. */
async function summariesOf(manager: EntityManager, teacherIds: readonly string[], rules: SummaryRules): Promise<[string, CreditSummaryRow][]> {
  const records: RecordRow[] = await manager.query(
    `SELECT id, teacher_id, region_code, school_category, category, status, earned_on, credits_milli FROM credit_record WHERE teacher_id IN (${placeholders(teacherIds.length)})`,
    [...teacherIds],
  );
  const byTeacher = new Map<string, SummarySourceRecord[]>();
  for (const r of records) {
    let list = byTeacher.get(r.teacher_id);
    if (!list) byTeacher.set(r.teacher_id, (list = []));
    list.push({
      id: r.id,
      regionCode: r.region_code,
      schoolCategory: r.school_category,
      category: r.category,
      status: r.status,
      earnedOn: String(r.earned_on).slice(0, 10),
      creditsMilli: Number(r.credits_milli),
    });
  }
  return [...byTeacher].flatMap(([teacherId, list]) => summariseTeacher(list, rules.shapes, rules.earnedAt).map((row) => [teacherId, row] as [string, CreditSummaryRow]));
}

/**
 * Recomputes the summary rows of these teachers, inside the caller's transaction, after its
 * record writes. On MySQL the transaction must be READ COMMITTED (`inTransaction(…, { readCommitted: true })`).
 */
export async function refreshSummaries(manager: EntityManager, teacherIds: Iterable<string>, known?: SummaryRules): Promise<void> {
  const ids = [...new Set(teacherIds)].sort();
  if (ids.length === 0) return;
  if (manager.connection.options.type === 'mysql') {
    const buckets = [...new Set(ids.map(bucketOf))].sort((a, b) => a - b);
    await manager.query(`SELECT bucket FROM credit_summary_lock WHERE bucket IN (${placeholders(buckets.length)}) ORDER BY bucket FOR UPDATE`, buckets);
  }
  const rules = known ?? (await summaryRules(manager));
  for (let i = 0; i < ids.length; i += TEACHERS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + TEACHERS_PER_STATEMENT);
    const rows = await summariesOf(manager, chunk, rules);
    await manager.query(`DELETE FROM credit_summary WHERE teacher_id IN (${placeholders(chunk.length)})`, chunk);
    for (let j = 0; j < rows.length; j += ROWS_PER_INSERT) {
      const batch = rows.slice(j, j + ROWS_PER_INSERT);
      const row = `(${placeholders(COLUMNS.length)})`;
      await manager.query(
        `INSERT INTO credit_summary (${COLUMNS.join(', ')}) VALUES ${batch.map(() => row).join(', ')}`,
        batch.flatMap(([teacherId, summary]) => values(teacherId, summary)),
      );
    }
  }
}

/** Teachers with records, in id order, `limit` at a time after `after`. */
async function teacherPage(db: DataSource | EntityManager, after: string, limit: number): Promise<string[]> {
  const rows: { teacher_id: string }[] = await db.query(
    `SELECT DISTINCT teacher_id FROM credit_record WHERE teacher_id > ? ORDER BY teacher_id LIMIT ${Number(limit)}`,
    [after],
  );
  return rows.map((r) => r.teacher_id);
}

/**
 * After the migrations: a store whose records were never summarised (the summary table is new
 * and empty, the records are not) gets its summaries built, as the recovery command builds them.
 */
export async function summariseIfMissing(dataSource: DataSource): Promise<void> {
  const [summary] = await dataSource.query('SELECT COUNT(*) AS n FROM (SELECT 1 FROM credit_summary LIMIT 1) s');
  const [records] = await dataSource.query('SELECT COUNT(*) AS n FROM (SELECT 1 FROM credit_record LIMIT 1) r');
  if (Number(summary.n) === 0 && Number(records.n) > 0) await rebuildCreditSummaries(dataSource);
}

/**
 * Recovery (`npm run rebuild:credit-summaries`): recomputes every teacher's summary from
 * the records, a page of teachers per transaction, each taking the same locks as the commands,
 * so the service can keep running. Rows of teachers without any record are removed.
 */
export async function rebuildCreditSummaries(dataSource: DataSource, onPage?: (teachers: number) => void): Promise<number> {
  const rules = await summaryRules(dataSource);
  let teachers = 0;
  for (let after = ''; ; ) {
    const page = await teacherPage(dataSource, after, 2 * TEACHERS_PER_STATEMENT);
    if (page.length === 0) break;
    await inTransaction(dataSource, (manager) => refreshSummaries(manager, page, rules), { readCommitted: true });
    teachers += page.length;
    after = page[page.length - 1];
    onPage?.(teachers);
  }
  await dataSource.query('DELETE FROM credit_summary WHERE teacher_id NOT IN (SELECT DISTINCT teacher_id FROM credit_record)');
  return teachers;
}
