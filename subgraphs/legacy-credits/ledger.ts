/**
 * Reading and writing the ledger: rows of `jx_credit_ledger` become the contract's
 * credit records here, and nowhere else.
 */
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { assertManages, forbidden, outOfScope, type RowOwner } from '../../kit/access';
import { inTransaction, isUniqueViolation, writeLock } from '../../kit/data-source';
import { once } from '../../kit/idempotency';
import { todayInChina } from '../../kit/date';
import { DomainError, badInput, notFound } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { groupLoader, rowLoader } from '../../kit/loaders';
import { isRegionCode } from '../../standards/region-code';
import type { CompletionCreditsInput, CreditCategory, CreditRecordStatus, CreditReviewDecision, CreditSource, RegisterCreditInput, SchoolCategory } from './__generated__/resolvers-types';
import { JxCreditLedger, JxIdempotencyKey } from './entities';
import { requireGraphAccess, type LegacyGraphAccess } from './graph-access';
import { assertCompletedEnrollment, assertSameCompletion } from './rules/completion';
import { assertSeparateDuties, isCountyTeacherSchoolOf } from './rules/duties';
import { assertPlacement, noPlacementOnDate, type Placement } from './rules/placement';
import { EARNED_CODES, PLATFORM_POLICY, STATUS_BY_CODE, codeOf, decimalText, milliOf, nonNegative } from './platform';

/** One entry of 审核记录 (shjl), as the platform stores it. */
export interface AuditStep {
  /** 操作人 */
  czr: string;
  /** 操作人角色 */
  czjs: string;
  /** 时间 (UTC ISO) */
  sj: string;
  /** 原状态码 (null: 登记) */
  q: string | null;
  /** 新状态码 */
  h: string;
  /** 原因 */
  yy: string | null;
}

/** A ledger row as the contract's CreditRecord. */
export interface CreditEntry {
  id: string;
  idNumber: string;
  teacherId: string;
  schoolId: string;
  regionCode: string;
  institutionId: string | null;
  schoolCategory: SchoolCategory | null;
  source: CreditSource;
  category: CreditCategory;
  onlineHoursMilli: number;
  offlineHoursMilli: number;
  creditsMilli: number;
  earnedOn: string;
  status: CreditRecordStatus;
  trainingProjectId: string | null;
  reason: string | null;
  steps: AuditStep[];
}

export function entryOf(row: JxCreditLedger): CreditEntry {
  return {
    id: row.lsh,
    idNumber: row.sfzh,
    teacherId: row.jsbh,
    schoolId: row.xxbh,
    regionCode: row.qxdm,
    institutionId: row.jgbh,
    schoolCategory: row.xxlb,
    source: row.xfly,
    category: row.xflb,
    onlineHoursMilli: milliOf(row.xsxs),
    offlineHoursMilli: milliOf(row.xxxs),
    creditsMilli: milliOf(row.xf),
    earnedOn: String(row.hdrq).slice(0, 10),
    status: STATUS_BY_CODE[row.zt] ?? 'REGISTERED',
    trainingProjectId: row.xmbh,
    reason: row.yy,
    steps: JSON.parse(row.shjl || '[]') as AuditStep[],
  };
}

export function entryOwner(entry: CreditEntry): RowOwner {
  return { teacherId: entry.teacherId, schoolId: entry.schoolId, regionCode: entry.regionCode, institutionId: entry.institutionId };
}

export function isEarned(entry: CreditEntry): boolean {
  const code = codeOf(entry.status);
  return code !== null && EARNED_CODES.includes(code);
}

/** Per-request loaders: one statement per batch. */
export function createLedgerLoaders(dataSource: DataSource) {
  const ledger = () => dataSource.getRepository(JxCreditLedger);
  return {
    entryById: rowLoader<string, CreditEntry>(
      async (ids) => (await ledger().createQueryBuilder('l').where('l.lsh IN (:...ids)', { ids: [...ids] }).getMany()).map(entryOf),
      (entry) => entry.id,
    ),
    entriesByIdNumber: groupLoader<string, CreditEntry>(
      async (sfzh) =>
        (await ledger().createQueryBuilder('l').where('l.sfzh IN (:...sfzh)', { sfzh: [...sfzh] }).orderBy('l.hdrq', 'DESC').addOrderBy('l.lsh', 'DESC').getMany()).map(entryOf),
      (entry) => entry.idNumber,
    ),
    awardedByProject: new DataLoader<string, number>(async (projects) => {
      const rows: { xmbh: string; xf: unknown }[] = await ledger()
        .createQueryBuilder('l')
        .select(['l.xmbh AS xmbh', 'l.xf AS xf'])
        .where('l.xmbh IN (:...projects)', { projects: [...projects] })
        .andWhere('l.zt IN (:...earned)', { earned: EARNED_CODES })
        .getRawMany();
      const sums = new Map<string, number>();
      for (const row of rows) sums.set(row.xmbh, (sums.get(row.xmbh) ?? 0) + milliOf(row.xf));
      return projects.map((p) => sums.get(p) ?? 0);
    }),
  };
}
export type LedgerLoaders = ReturnType<typeof createLedgerLoaders>;

function now(): string {
  return new Date().toISOString();
}

/** Strictly increasing per entry, so the history sorts as it happened. */
function stepTime(previous: AuditStep | undefined): string {
  let at = now();
  if (previous && at <= previous.sj) at = new Date(Date.parse(previous.sj) + 1).toISOString();
  return at;
}

/**
 * The registry's 身份证号 of a teacher and where it placed them on `on` (任职经历): the credit is filed
 * there and under that number, never the caller's word. A day before the first placement is refused
 * (NO_PLACEMENT_ON_DATE) only after `mayAct` has judged the caller on today's placement, so that the
 * refusal tells nothing of a teacher outside their scope.
 */
async function registryFacts(
  access: LegacyGraphAccess,
  teacherId: string,
  on: string,
  field: string,
  mayAct: (placement: Placement) => Promise<void> | void,
): Promise<{ idNumber: string; placed: Placement }> {
  const facts = await access.teacherOn(teacherId, on, todayInChina());
  if (!facts) throw notFound('Teacher', teacherId);
  if (!facts.on) {
    if (facts.today) await mayAct(facts.today);
    throw noPlacementOnDate(teacherId, on, field);
  }
  await mayAct(facts.on);
  return { idNumber: facts.idNumber, placed: facts.on };
}

/** An institution registers only for a teacher with a COMPLETED enrollment in its own project, the one named (training's record). */
async function assertOwnCompletedProject(access: LegacyGraphAccess, identity: Identity, teacherId: string, projectId: string | null | undefined): Promise<void> {
  if (!projectId) {
    throw badInput('An institution registers credits for its own training: name the trainingProjectId.', { field: 'trainingProjectId', rule: 'PROJECT_REQUIRED' });
  }
  const completed = await access.completedProjects(teacherId);
  if (!completed.some((c) => c.projectId === projectId && c.institutionId === identity.institutionId)) {
    throw outOfScope(`Teacher ${teacherId} has no completed enrollment in project ${projectId} of this institution, so it may not register their credits.`);
  }
}

function checkRegion(code: string): void {
  if (!isRegionCode(code)) throw badInput(`regionCode "${code}" must be a six-digit GB/T 2260 county code.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
}

/** Who the 审核记录 names (操作人): separation of duties compares it with the caller. */
function actorOf(identity: Identity): string {
  return identity.subject ?? 'anonymous';
}

/**
 * 登记: filed under the registry's 身份证号, at the school and county where the registry placed the
 * teacher on the day earned; the caller's scope is judged on that placement, and an input naming
 * another school or county is refused (PLACEMENT_MISMATCH). The county teacher school (县教师进修学校)
 * of that county registers any credit of the teacher; another institution only its own completed
 * training of the teacher (training's record).
 */
export async function registerEntry(
  dataSource: DataSource,
  identity: Identity,
  input: RegisterCreditInput,
  graph: () => LegacyGraphAccess | null,
  idempotencyKey?: string | null,
): Promise<CreditEntry> {
  if (identity.role === 'SCHOOL_ADMIN' && input.source !== 'SCHOOL_BASED') {
    throw forbidden('A school registers only its school-run (SCHOOL_BASED) credits.');
  }
  checkRegion(input.regionCode);
  const online = nonNegative(input.onlineHours, 'onlineHours');
  const offline = nonNegative(input.offlineHours, 'offlineHours');
  const credits = input.credits ?? online + offline;
  if (credits < 0) throw badInput('credits must not be negative.', { field: 'credits', rule: 'CREDITS_NEGATIVE' });
  const access = requireGraphAccess(graph(), 'Credits');
  const institution = identity.role === 'INSTITUTION' ? access.institution(identity.institutionId!) : null;
  institution?.catch(() => undefined);
  const { idNumber, placed } = await registryFacts(access, input.teacherId, input.earnedOn, 'earnedOn', async (placement) => {
    if (identity.role !== 'INSTITUTION') return assertManages(identity, { teacherId: input.teacherId, ...placement }, 'register credits');
    if (isCountyTeacherSchoolOf(await institution, placement.regionCode)) return;
    if (input.source !== 'TRAINING_COMPLETION') throw forbidden('An institution registers only TRAINING_COMPLETION credits, unless it is the county teacher school of the teacher’s county.');
    await assertOwnCompletedProject(access, identity, input.teacherId, input.trainingProjectId);
  });
  assertPlacement(placed, input, input.earnedOn);
  return once(
    dataSource,
    { keys: JxIdempotencyKey, mutation: 'registerCredit', identity, key: idempotencyKey, payload: input },
    async (manager) => {
      const entry = await insertEntry(manager, identity, {
        sfzh: idNumber,
        jsbh: input.teacherId,
        xxbh: placed.schoolId,
        qxdm: placed.regionCode,
        xxlb: input.schoolCategory ?? null,
        xfly: input.source,
        xflb: input.category,
        xsxs: decimalText(online),
        xxxs: decimalText(offline),
        xf: decimalText(credits),
        hdrq: input.earnedOn,
        xmbh: input.trainingProjectId ?? null,
        bmbh: null,
        jgbh: identity.role === 'INSTITUTION' ? identity.institutionId! : null,
        tspx: input.specialTraining ?? null,
      });
      return entry.id;
    },
    async (id) => entryOf(await dataSource.getRepository(JxCreditLedger).findOneByOrFail({ lsh: id })),
  );
}

async function insertEntry(
  manager: EntityManager,
  identity: Identity,
  fields: Omit<JxCreditLedger, 'lsh' | 'zt' | 'yy' | 'shjl' | 'czsj'>,
): Promise<CreditEntry> {
  const at = now();
  const step: AuditStep = { czr: actorOf(identity), czjs: identity.role, sj: at, q: null, h: '0', yy: null };
  const row = manager.getRepository(JxCreditLedger).create({ ...fields, lsh: randomUUID(), zt: '0', yy: null, shjl: JSON.stringify([step]), czsj: at });
  await manager.getRepository(JxCreditLedger).insert(row);
  return entryOf(row);
}

/** 审核 (the contract's review decisions) / 验证 / 撤销 */
export type Action = CreditReviewDecision | 'VERIFY' | 'REVOKE';

const STEPS: Record<Action, { from: string[]; to: string; reason: boolean }> = {
  APPROVE: { from: ['0'], to: '1', reason: false },
  REJECT: { from: ['0'], to: '2', reason: true },
  VERIFY: { from: ['1'], to: '3', reason: false },
  REVOKE: { from: ['0', '1', '3'], to: '9', reason: true },
};

/**
 * 审核 / 验证 / 撤销. An institution acts only as the county teacher school of the entry's county
 * (where the entry was filed: the registry's placement on the day earned), and then answers for an
 * entry no institution registered (its 机构编号, so it sees it). Whoever registered an entry may not
 * review it, whoever approved it may not verify it.
 */
export async function changeEntry(
  dataSource: DataSource,
  identity: Identity,
  id: string,
  action: Action,
  reason: string | null | undefined,
  graph: () => LegacyGraphAccess | null,
): Promise<CreditEntry> {
  const step = STEPS[action];
  if (step.reason && !reason?.trim()) throw badInput(`A reason is required to ${action.toLowerCase()} a record.`, { field: 'reason', rule: 'REASON_REQUIRED' });
  // Training's record of the calling institution, asked before the transaction (no network call while the row is locked).
  const institution = identity.role === 'INSTITUTION' ? await requireGraphAccess(graph(), 'An institution’s steps').institution(identity.institutionId!) : null;
  return inTransaction(dataSource, async (manager) => {
    const repository = manager.getRepository(JxCreditLedger);
    const row = await repository.findOne({ where: { lsh: id }, lock: writeLock(dataSource) });
    if (!row) throw notFound('CreditRecord', id);
    const entry = entryOf(row);
    const countySchool = isCountyTeacherSchoolOf(institution, entry.regionCode);
    if (!countySchool) assertManages(identity, entryOwner(entry), `${action.toLowerCase()} this record`);
    if (!step.from.includes(row.zt)) {
      throw new DomainError('INVALID_TRANSITION', `A ${entry.status} record cannot be ${action === 'VERIFY' ? 'verified' : action.toLowerCase() + 'd'}.`, { from: entry.status, action });
    }
    assertSeparateDuties(action, actorOf(identity), entry.steps);
    const at = stepTime(entry.steps.at(-1));
    const steps = [...entry.steps, { czr: actorOf(identity), czjs: identity.role, sj: at, q: row.zt, h: step.to, yy: step.reason ? reason!.trim() : null }];
    const changed = { zt: step.to, yy: step.reason ? reason!.trim() : row.yy, shjl: JSON.stringify(steps), czsj: at, jgbh: countySchool && !row.jgbh ? identity.institutionId! : row.jgbh };
    await repository.update({ lsh: id }, changed);
    return entryOf({ ...row, ...changed });
  });
}

/**
 * 结业学分: one entry per enrollment (unique 报名编号), however often it is sent; sent again for another
 * teacher it is refused (ENROLLMENT_ALREADY_CREDITED). An institution's and the credits service's
 * (the completion sync's) claim is checked through the graph: training's record of the enrollment
 * and the registry's placement on the day completed. SYSTEM is believed on the claim; the 身份证号
 * it is filed under is the registry's for every caller.
 */
export async function registerCompletion(dataSource: DataSource, identity: Identity, input: CompletionCreditsInput, graph: () => LegacyGraphAccess | null): Promise<CreditEntry> {
  checkRegion(input.regionCode);
  const online = nonNegative(input.onlineHours, 'onlineHours');
  const offline = nonNegative(input.offlineHours, 'offlineHours');
  const access = requireGraphAccess(graph(), 'Completions');
  const checked = identity.role === 'INSTITUTION' || identity.role === 'SERVICE';
  // Both asked at once; training's answer is judged first, so the refusal names the enrollment's fault before the placement's.
  const registry = checked
    ? registryFacts(access, input.teacherId, input.completedOn, 'completedOn', () => undefined)
    : access.teacherOn(input.teacherId, input.completedOn, todayInChina()).then((facts) => {
        if (!facts) throw notFound('Teacher', input.teacherId);
        return { idNumber: facts.idNumber, placed: null };
      });
  registry.catch(() => undefined);
  if (checked) {
    const institutionId = identity.role === 'INSTITUTION' ? identity.institutionId! : null;
    assertCompletedEnrollment(await access.enrollment(input.enrollmentId), { ...input, institutionId });
  }
  const { idNumber, placed } = await registry;
  if (placed) assertPlacement(placed, input, input.completedOn);
  const existing = async () => {
    const row = await dataSource.getRepository(JxCreditLedger).findOne({ where: { bmbh: input.enrollmentId } });
    return row ? sameCompletion(entryOf(row)) : null;
  };
  const sameCompletion = (entry: CreditEntry) => {
    assertSameCompletion(entry.teacherId, input);
    return entry;
  };
  const found = await existing();
  if (found) return found;
  try {
    return await inTransaction(dataSource, async (manager) => {
      const again = await manager.getRepository(JxCreditLedger).findOne({ where: { bmbh: input.enrollmentId } });
      if (again) return sameCompletion(entryOf(again));
      return insertEntry(manager, identity, {
        sfzh: idNumber,
        jsbh: input.teacherId,
        xxbh: input.schoolId,
        qxdm: input.regionCode,
        xxlb: input.schoolCategory ?? null,
        xfly: 'TRAINING_COMPLETION',
        xflb: 'CONCENTRATED',
        xsxs: decimalText(online),
        xxxs: decimalText(offline),
        xf: decimalText(input.credits ?? online + offline),
        hdrq: input.completedOn,
        xmbh: input.trainingProjectId,
        bmbh: input.enrollmentId,
        jgbh: identity.role === 'INSTITUTION' ? identity.institutionId! : null,
        tspx: null,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await existing();
    if (!winner) throw error;
    return winner;
  }
}

/** The contract's answer where the policy has no 上报 step (the reference slice's rules/duties.ts uses the same code). */
export const NO_REPORT_STEP = 'NO_REPORT_STEP';

/**
 * 上报: the platform has no such step: its bureaus verify approved entries directly (its 状态码 have
 * no 已上报). So a caller who may act on every entry named is answered NO_REPORT_STEP, as the
 * reference slice answers in a province whose policy has no 上报; unknown entries are NOT_FOUND and
 * entries outside the caller's scope FORBIDDEN first, as for every other step.
 */
export async function reportEntries(dataSource: DataSource, identity: Identity, ids: readonly string[]): Promise<never> {
  const wanted = [...new Set(ids)];
  const rows = wanted.length ? await dataSource.getRepository(JxCreditLedger).findBy({ lsh: In(wanted) }) : [];
  const missing = wanted.find((id) => !rows.some((row) => row.lsh === id));
  if (missing) throw notFound('CreditRecord', missing);
  for (const row of rows) assertManages(identity, entryOwner(entryOf(row)), 'report this record');
  throw new DomainError(
    NO_REPORT_STEP,
    `${PLATFORM_POLICY.name} has no 上报 (report-up) step: approved credit records go straight to verification (verifyCreditRecord).`,
    { rule: NO_REPORT_STEP, policyId: PLATFORM_POLICY.id },
  );
}
