import { createDataSource, openDataSource, type Store } from '../kit/data-source';
import { DomainError } from '../kit/errors';
import type { Identity } from '../kit/identity';
import { registerCompletionCredits, registerCredit, transitionRecord } from '../subgraphs/credits/commands';
import type { GraphAccess } from '../subgraphs/credits/graph-access';
import { importCreditFile } from '../subgraphs/credits/import';
import { sampleCsv, sampleSheet } from '../subgraphs/credits/import-sample';
import { creditsSubgraph } from '../subgraphs/credits';
import { loadPolicySet } from '../subgraphs/credits/policies-store';
import { CREDIT_CATEGORIES } from '../subgraphs/credits/rules/policy';
import { cycleShapes, earnedStatusesUnder, summariseTeacher, type SummarySourceRecord } from '../subgraphs/credits/rules/summary';
import { todayInChina } from '../kit/date';
import { rebuildCreditSummaries } from '../subgraphs/credits/summaries';
import { CATEGORY_COLUMN, YEAR_COLUMNS } from '../subgraphs/credits/summary-columns';
import { SYSTEM } from './support/auth';
import { createTestDatabase, type TestDatabase } from './support/mariadb';

/**
 * The credit summary (学分汇总) that `Region.creditCompliance` reads is kept in step by every
 * credit command in its own transaction. Here, on MariaDB, random registrations (teachers
 * moving between counties), reviews, verifications, revocations, completions (the same
 * enrollment twice at once) and imports run many at a time; afterwards the summary must equal a
 * recomputation from the records. The rebuild command then repairs a damaged summary.
 */
const COUNTIES = ['510104', '510105', '510106'];
const TAG = 'sum';
const teacherId = (k: number) => `${TAG}-teacher-${k}`;
const PROVINCE: Identity = { role: 'PROVINCE_BUREAU', subject: 'province', regionCode: '510000' };
const county = (regionCode: string): Identity => ({ role: 'COUNTY_BUREAU', subject: `county-${regionCode}`, regionCode });

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The registry as registerCredit asks it, placing the teacher where this call files the credit:
 * teachers move between counties during the cycle, which is what the summary must follow.
 */
function registryPlacing(placement: { teacherId: string; schoolId: string; regionCode: string }): GraphAccess {
  const teacher = { id: placement.teacherId, idNumber: '', schoolId: placement.schoolId, regionCode: placement.regionCode, schoolCategory: 'PRIMARY_AND_SECONDARY' };
  return {
    teachers: async () => new Map([[teacher.id, teacher]]),
    placementOn: async () => ({ placement: { schoolId: placement.schoolId, regionCode: placement.regionCode } }),
    enrollment: async () => null,
    institution: async () => null,
    completedProjects: async () => [],
  };
}

/** Bureaus review and verify here: no institution's record is asked for. */
const NO_GRAPH = () => null;

describe('credit summary kept in step with the records (mariadb)', () => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await createTestDatabase('summary');
    store = createDataSource({ name: 'credits', entities: creditsSubgraph.entities, migrations: creditsSubgraph.migrations, url: database.url });
    await openDataSource(store.dataSource);
  });

  afterAll(async () => {
    await store?.dataSource.destroy();
    await database?.drop();
  });

  /** The summary as stored, and as recomputed from every record: both as sorted plain rows. */
  async function storedAndRecomputed() {
    const ds = store.dataSource;
    const columns = ['cycle_start_year', 'cycle_years', 'region_code', 'teacher_id', 'school_category', ...Object.values(CATEGORY_COLUMN), ...YEAR_COLUMNS, 'pending_milli', 'earned_records'];
    const stored: Record<string, unknown>[] = await ds.query(`SELECT ${columns.join(', ')} FROM credit_summary ORDER BY teacher_id, cycle_years, cycle_start_year`);
    const records: (SummarySourceRecord & { teacher_id: string })[] = await ds.query(
      'SELECT id, teacher_id, region_code AS regionCode, school_category AS schoolCategory, category, status, earned_on AS earnedOn, credits_milli AS creditsMilli FROM credit_record',
    );
    const { rules } = await loadPolicySet(ds);
    const shapes = cycleShapes(rules);
    const earnedAt = earnedStatusesUnder(rules, todayInChina());
    const byTeacher = new Map<string, SummarySourceRecord[]>();
    for (const r of records) byTeacher.set(r.teacher_id, [...(byTeacher.get(r.teacher_id) ?? []), { ...r, creditsMilli: Number(r.creditsMilli) }]);
    const recomputed = [...byTeacher]
      .flatMap(([teacher, list]) =>
        summariseTeacher(list, shapes, earnedAt).map((row) => ({
          cycle_start_year: row.cycleStartYear,
          cycle_years: row.cycleYears,
          region_code: row.regionCode,
          teacher_id: teacher,
          school_category: row.schoolCategory,
          ...Object.fromEntries(CREDIT_CATEGORIES.map((c) => [CATEGORY_COLUMN[c], row.earnedMilli[c]])),
          ...Object.fromEntries(YEAR_COLUMNS.map((column, i) => [column, row.earnedByYearMilli[i] ?? 0])),
          pending_milli: row.pendingMilli,
          earned_records: row.earnedRecords,
        })),
      )
      .sort((a, b) => (a.teacher_id < b.teacher_id ? -1 : a.teacher_id > b.teacher_id ? 1 : a.cycle_years - b.cycle_years || a.cycle_start_year - b.cycle_start_year));
    return { stored: stored.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /_milli$|_year|_years$|_records$/.test(k) ? Number(v) : v]))), recomputed };
  }

  it('equals a recomputation from the records after random changes made many at a time', async () => {
    const ds = store.dataSource;
    const next = random(19);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const refusals: string[] = [];
    const tolerate = (error: unknown) => {
      // Refusals (a record already reviewed by a concurrent step, a role the policy refuses) change nothing.
      if (error instanceof DomainError) refusals.push(String(error.extensions.code));
      else throw error;
    };
    const sheet = sampleSheet(400, 0, TAG);
    const ids = async (status: string): Promise<{ id: string; region_code: string }[]> => ds.query('SELECT id, region_code FROM credit_record WHERE status = ?', [status]);
    let imports = 0;
    for (let round = 0; round < 25; round += 1) {
      const [registered, approved, verified] = await Promise.all([ids('REGISTERED'), ids('APPROVED'), ids('VERIFIED')]);
      const operations: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < 12; i += 1) {
        const kind = next();
        if (kind < 0.4) {
          const k = Math.floor(next() * 12);
          const regionCode = pick(COUNTIES);
          const year = 2019 + Math.floor(next() * 8);
          const placement = { teacherId: teacherId(k), schoolId: `${TAG}-school-${regionCode}`, regionCode };
          operations.push(() =>
            registerCredit(
              ds,
              SYSTEM,
              {
                ...placement,
                schoolCategory: pick(['PRIMARY_AND_SECONDARY', 'KINDERGARTEN', null] as const),
                source: 'SCHOOL_BASED',
                category: pick(CREDIT_CATEGORIES),
                offlineHours: 1_000 * (1 + Math.floor(next() * 40)),
                earnedOn: `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-15`,
              },
              () => registryPlacing(placement),
            ),
          );
        } else if (kind < 0.6 && registered.length > 0) {
          const record = pick(registered);
          const decision = next() < 0.8 ? 'APPROVE' : 'REJECT';
          operations.push(() => transitionRecord(ds, county(record.region_code), record.id, decision, decision === 'REJECT' ? 'not school-based' : null, NO_GRAPH));
        } else if (kind < 0.7 && approved.length > 0) {
          operations.push(() => transitionRecord(ds, PROVINCE, pick(approved).id, 'VERIFY', null, NO_GRAPH));
        } else if (kind < 0.78 && approved.length + verified.length > 0) {
          const record = pick([...approved, ...verified]);
          operations.push(() => transitionRecord(ds, verified.includes(record) ? PROVINCE : county(record.region_code), record.id, 'REVOKE', 'withdrawn', NO_GRAPH));
        } else if (kind < 0.9) {
          // The same enrollment completed twice at once: registered once.
          const enrollment = Math.floor(next() * 8);
          const input = {
            enrollmentId: `${TAG}-enrollment-${enrollment}`,
            teacherId: teacherId(enrollment),
            schoolId: `${TAG}-school-510105`,
            regionCode: '510105',
            schoolCategory: 'PRIMARY_AND_SECONDARY' as const,
            trainingProjectId: `${TAG}-project`,
            completedOn: '2026-06-30',
            onlineHours: 4_000,
            offlineHours: 20_000,
          };
          operations.push(() => registerCompletionCredits(ds, SYSTEM, input, () => null));
          operations.push(() => registerCompletionCredits(ds, SYSTEM, input, () => null));
        } else {
          // 40 rows of the sheet, for teachers the direct registrations also write to.
          const from = (imports++ % 10) * 40;
          const csv = sampleCsv({ ...sheet, rows: sheet.rows.slice(from, from + 40) });
          operations.push(() => importCreditFile(ds, SYSTEM, { fileName: `round-${round}.csv`, buffer: Buffer.from(csv) }, { allOrNothing: true, teachers: null }));
        }
      }
      await Promise.all(operations.map((operation) => operation().catch(tolerate)));
    }
    const counts: { status: string; n: number }[] = await ds.query('SELECT status, COUNT(*) AS n FROM credit_record GROUP BY status');
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    // Every kind of change happened, and teachers did move between counties.
    for (const status of ['REGISTERED', 'APPROVED', 'VERIFIED', 'REJECTED', 'REVOKED']) expect(byStatus[status]).toBeGreaterThan(0);
    const movers: { n: number }[] = await ds.query('SELECT COUNT(*) AS n FROM (SELECT teacher_id FROM credit_record GROUP BY teacher_id HAVING COUNT(DISTINCT region_code) > 1) m');
    expect(Number(movers[0].n)).toBeGreaterThan(3);

    const { stored, recomputed } = await storedAndRecomputed();
    expect(recomputed.length).toBeGreaterThan(100);
    expect(stored).toEqual(recomputed);
  });

  it('is repaired by the rebuild command after it was damaged', async () => {
    const ds = store.dataSource;
    await ds.query('DELETE FROM credit_summary WHERE teacher_id LIKE ?', [`${TAG}-teacher-1%`]);
    await ds.query('UPDATE credit_summary SET online_milli = online_milli + 1, region_code = ? WHERE teacher_id = ?', ['510199', teacherId(2)]);
    await ds.query(`INSERT INTO credit_summary (cycle_start_year, cycle_years, region_code, teacher_id, earned_records) VALUES (2021, 5, '510104', 'nobody', 1)`);
    const damaged = await storedAndRecomputed();
    expect(damaged.stored).not.toEqual(damaged.recomputed);

    const teachers = await rebuildCreditSummaries(ds);
    expect(teachers).toBeGreaterThan(100);
    const { stored, recomputed } = await storedAndRecomputed();
    expect(stored).toEqual(recomputed);
  });
});
