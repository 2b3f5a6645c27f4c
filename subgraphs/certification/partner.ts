import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { assertManages, assertRole, forbidden, manages } from '../../kit/access';
import { writeLock, inTransaction, inTransactionRetryingDeadlocks } from '../../kit/data-source';
import { todayInChina, type IsoDate } from '../../kit/date';
import { DomainError, badInput, notFound } from '../../kit/errors';
import { uploadedContent } from '../../kit/inputs';
import type { Identity } from '../../kit/identity';
import { hasValidCheckCharacter } from '../../standards/id-number';
import { isRegionCode, provinceCodeOf, regionLevel, regionPrefix } from '../../standards/region-code';
import type { ImportPassListInput, PassEntryStatus, VerifyPassEntryInput } from './__generated__/resolvers-types';
import { CertificationIdempotencyKey, PassAudit, PassEntry, PassList } from './entities';
import { once } from '../../kit/idempotency';
import { assertStatedPlacement, insertCertificate, issuerOf } from './commands';
import { requireFacts, type FactsAccess } from './graph-access';
import { completionNumberKind } from './rules/certificate-number';
import { FEEDBACK_COLUMNS, feedbackRows, SUMMARY_COLUMNS, summaryRows } from './rules/partner-tables';
import { programmeFor, type ItProgramme } from './rules/programmes';
import { PASS_LIST_COLUMNS, PASS_LIST_REGISTRY_MISMATCH, passListRefusals, PLACEMENT_MISMATCH, UNKNOWN_TEACHER } from './rules/registry-facts';

/**
 * Partner programmes (Sichuan): the province imports a pass list → each county verifies its
 * teachers (ID card and partner certificate seen) → the city aggregates → the province approves and
 * a completion certificate is issued, which the teacher prints. Rows keep the order given; rows
 * imported later are appended after them. Every step checks the caller's role and region and
 * leaves an audit row (who, role, region, when, status before and after). Whose 身份证号 a row
 * holds and where that teacher teaches are the registry's facts, asked through the graph at import
 * and again at the county's verification (rules/registry-facts.ts).
 */

/** Pass-list rows show the 身份证号 masked to every reader, the national way (the resolvers mask through here). */
export { maskIdNumber } from '../../standards/id-number';

function normaliseId(text: string): string {
  return text.normalize('NFKC').trim().toUpperCase();
}

export interface ParsedRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  name: string;
  idNumber: string;
  regionCode: string;
  partnerCertificateNumber: string;
}


function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return String(value);
}

/** Reads the first sheet: a header row naming the columns, then one teacher per row, in order. */
export async function readPassListXlsx(base64: string): Promise<ParsedRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw badInput('The pass list is not a readable .xlsx file.', { field: 'content', rule: 'XLSX_FORMAT' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('The pass list workbook has no sheet.', { field: 'content', rule: 'XLSX_FORMAT' });
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const index = Object.fromEntries(
    Object.entries(PASS_LIST_COLUMNS).map(([key, title]) => {
      const at = header.indexOf(title);
      if (at < 0) throw badInput(`The pass list has no column "${title}" in its first row.`, { field: 'content', rule: 'PASS_LIST_COLUMNS' });
      return [key, at];
    }),
  ) as Record<keyof typeof PASS_LIST_COLUMNS, number>;
  const rows: ParsedRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = row.values as ExcelJS.CellValue[];
    const parsed: ParsedRow = {
      row: rowNumber,
      name: cellText(values[index.name]).trim(),
      idNumber: normaliseId(cellText(values[index.idNumber])),
      regionCode: cellText(values[index.regionCode]).trim(),
      partnerCertificateNumber: cellText(values[index.partnerCertificateNumber]).trim(),
    };
    if (!parsed.name && !parsed.idNumber) return;
    if (!parsed.name) throw badInput(`Row ${rowNumber}: the name is empty.`, { field: 'content', rule: 'PASS_LIST_ROW' });
    if (!hasValidCheckCharacter(parsed.idNumber)) {
      throw badInput(`Row ${rowNumber}: the 身份证号 is not a valid 18-character number.`, { field: 'content', rule: 'ID_NUMBER_CHECKSUM' });
    }
    if (!isRegionCode(parsed.regionCode)) {
      throw badInput(`Row ${rowNumber}: "${parsed.regionCode}" is not a six-digit county code.`, { field: 'content', rule: 'REGION_CODE_FORMAT' });
    }
    if (!parsed.partnerCertificateNumber) {
      throw badInput(`Row ${rowNumber}: the certificate number is empty.`, { field: 'content', rule: 'PASS_LIST_ROW' });
    }
    rows.push(parsed);
  });
  return rows;
}

function audit(manager: EntityManager, identity: Identity, listId: string, action: string, entry: PassEntry | null, before: string | null, after: string | null) {
  return manager.insert(PassAudit, {
    listId,
    entryId: entry?.id ?? null,
    action,
    actorRole: identity.role,
    actor: identity.subject,
    actorRegion: identity.regionCode ?? null,
    at: new Date().toISOString(),
    beforeStatus: before,
    afterStatus: after,
  });
}

/**
 * 导入: every row's 身份证号 must be a teacher the registry has in the importer's region, placed
 * today in the row's 县区代码; otherwise the whole list is refused (PASS_LIST_REGISTRY_MISMATCH),
 * every refused row listed in `extensions.rows` (row, column, rule, reason), nothing stored.
 */
export async function importPassList(
  dataSource: DataSource,
  identity: Identity,
  input: ImportPassListInput,
  facts: () => FactsAccess | null,
  idempotencyKey?: string | null,
): Promise<PassList> {
  if (!isRegionCode(input.regionCode) || regionLevel(input.regionCode) !== 'PROVINCE') {
    throw badInput('A pass list belongs to a province: give its code, e.g. 510000.', { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  }
  assertManages(identity, { regionCode: input.regionCode }, 'import a pass list');
  const rows = await readPassListXlsx(uploadedContent(input));
  const outside = rows.find((r) => !r.regionCode.startsWith(regionPrefix(input.regionCode)));
  if (outside) throw badInput(`County ${outside.regionCode} is not in province ${input.regionCode}.`, { field: 'content', rule: 'REGION_OUTSIDE_LIST' });
  const call = { keys: CertificationIdempotencyKey, mutation: 'importPartnerPassList', identity, key: idempotencyKey, payload: input };
  // Asked only when this is no retry: a retry answers what the first call stored, whatever the registry says now.
  const checks = async () => {
    const registered = await requireFacts(facts(), 'Pass lists').teachersByIdNumber(rows.map((r) => r.idNumber));
    const refusals = passListRefusals(rows, registered, (placement) => manages(identity, placement));
    if (refusals.length > 0) {
      throw new DomainError(
        PASS_LIST_REGISTRY_MISMATCH,
        `${refusals.length} of the ${rows.length} rows are not the registry's teachers where the list places them (first: row ${refusals[0].row}, ${refusals[0].reason}); nothing was stored. Correct the rows listed in extensions.rows and import the list again.`,
        { field: 'content', rule: PASS_LIST_REGISTRY_MISMATCH, rows: refusals },
      );
    }
  };
  return once(dataSource, call, async (manager) => {
    let list: PassList;
    let position = 0;
    if (input.listId) {
      const found = await manager.findOne(PassList, { where: { id: input.listId }, lock: writeLock(dataSource) });
      if (!found) throw notFound('Pass list', input.listId);
      if (found.regionCode !== input.regionCode) throw badInput('The list belongs to another province.', { field: 'regionCode', rule: 'REGION_OUTSIDE_LIST' });
      if (input.year != null && found.year !== null && found.year !== input.year) {
        throw badInput(`The list's 年度 is ${found.year}, not ${input.year}: passes of another year go in a list of their own.`, { field: 'year', rule: 'PASS_YEAR_MISMATCH' });
      }
      // A list imported before 年度 was asked gets it on its next append.
      if (input.year != null && found.year === null) await manager.update(PassList, { id: found.id }, { year: input.year });
      list = { ...found, year: found.year ?? input.year ?? null };
      const last = await manager
        .createQueryBuilder(PassEntry, 'e')
        .select('MAX(e.position)', 'max')
        .where('e.list_id = :id', { id: list.id })
        .getRawOne<{ max: number | string | null }>();
      position = Number(last?.max ?? 0);
    } else {
      list = { id: randomUUID(), programme: input.programme.trim(), regionCode: input.regionCode, createdAt: new Date().toISOString(), year: input.year ?? null };
      await manager.insert(PassList, list);
    }
    const entries = rows.map(
      ({ name, idNumber, regionCode, partnerCertificateNumber }): PassEntry => ({
        id: randomUUID(),
        listId: list.id,
        position: ++position,
        status: 'LISTED',
        teacherId: null,
        schoolId: null,
        schoolCategory: null,
        certificateNumber: null,
        name,
        idNumber,
        regionCode,
        partnerCertificateNumber,
      }),
    );
    if (entries.length) await manager.insert(PassEntry, entries);
    await audit(manager, identity, list.id, input.listId ? 'APPEND' : 'IMPORT', null, null, `${entries.length} rows`);
    return list.id;
  }, (id) => dataSource.getRepository(PassList).findOneByOrFail({ id }), { checks });
}

async function lockedEntry(manager: EntityManager, dataSource: DataSource, id: string): Promise<PassEntry> {
  const entry = await manager.findOne(PassEntry, { where: { id }, lock: writeLock(dataSource) });
  if (!entry) throw notFound('Pass list entry', id);
  return entry;
}

function expectStatus(entry: PassEntry, status: PassEntryStatus, action: string): void {
  if (entry.status !== status) {
    throw new DomainError('INVALID_TRANSITION', `Entry ${entry.position} is ${entry.status}; only a ${status} entry can be ${action}.`, {
      from: entry.status,
    });
  }
}

/**
 * 县级核验: the county saw the ID card and the partner certificate. The teacher, school and
 * category it names must be the registry's today for the entry's 身份证号 (asked through the graph,
 * not taken from the import), and the registry must still place the teacher in the entry's county;
 * the entry is filed with the registry's.
 */
export async function verifyEntry(
  dataSource: DataSource,
  identity: Identity,
  input: VerifyPassEntryInput,
  facts: () => FactsAccess | null,
): Promise<PassEntry> {
  const access = requireFacts(facts(), 'Pass-list verifications');
  const seen = await dataSource.getRepository(PassEntry).findOneBy({ id: input.entryId });
  if (!seen) throw notFound('Pass list entry', input.entryId);
  assertManages(identity, { regionCode: seen.regionCode }, 'verify a pass list entry');
  expectStatus(seen, 'LISTED', 'verified');
  // The number and certificate of a row never change: checked before the registry is asked.
  if (normaliseId(input.idNumberSeen) !== seen.idNumber) {
    throw badInput('The ID number on the card does not match the pass list.', { field: 'idNumberSeen', rule: 'ID_NUMBER_MISMATCH' });
  }
  if (input.certificateNumberSeen.normalize('NFKC').trim().toUpperCase() !== seen.partnerCertificateNumber.toUpperCase()) {
    throw badInput('The certificate number seen does not match the pass list.', { field: 'certificateNumberSeen', rule: 'CERTIFICATE_MISMATCH' });
  }
  const placed = (await access.teachersByIdNumber([seen.idNumber])).get(seen.idNumber);
  if (!placed) {
    throw new DomainError('NOT_FOUND', `The registry has no teacher with the 身份证号 of entry ${seen.position}; nothing was stored. Reject the entry, or have the registry record the teacher first.`, {
      rule: UNKNOWN_TEACHER,
    });
  }
  if (placed.regionCode !== seen.regionCode) {
    // Where else the registry places them is not this county's to learn.
    throw new DomainError(
      PLACEMENT_MISMATCH,
      `The registry no longer places the teacher of entry ${seen.position} in county ${seen.regionCode}; nothing was stored. Reject the entry, or have the registry's placement corrected first.`,
      { field: 'entryId', rule: PLACEMENT_MISMATCH },
    );
  }
  // The registry decides who and where; fields an older client still sends must agree with it.
  if (input.teacherId != null && input.teacherId !== placed.teacherId) {
    throw new DomainError(PLACEMENT_MISMATCH, `The registry's teacher with the 身份证号 of entry ${seen.position} is ${placed.teacherId}, not ${input.teacherId}; nothing was stored.`, {
      field: 'teacherId',
      rule: PLACEMENT_MISMATCH,
    });
  }
  assertStatedPlacement(placed.teacherId, placed, {
    ...(input.schoolId != null ? { schoolId: input.schoolId } : {}),
    ...(input.schoolCategory != null ? { schoolCategory: input.schoolCategory } : {}),
  });
  return inTransaction(dataSource, async (manager) => {
    const entry = await lockedEntry(manager, dataSource, input.entryId);
    // Verified or rejected by someone else while the registry was asked.
    expectStatus(entry, 'LISTED', 'verified');
    const after: PassEntry = { ...entry, status: 'COUNTY_VERIFIED', teacherId: placed.teacherId, schoolId: placed.schoolId, schoolCategory: placed.schoolCategory };
    await manager.update(PassEntry, { id: entry.id }, { status: after.status, teacherId: after.teacherId, schoolId: after.schoolId, schoolCategory: after.schoolCategory });
    await audit(manager, identity, entry.listId, 'COUNTY_VERIFY', entry, entry.status, after.status);
    return after;
  });
}

export async function rejectEntry(dataSource: DataSource, identity: Identity, entryId: string, reason: string): Promise<PassEntry> {
  if (!reason.trim()) throw badInput('Say why the entry is rejected.', { field: 'reason', rule: 'REASON_REQUIRED' });
  return inTransaction(dataSource, async (manager) => {
    const entry = await lockedEntry(manager, dataSource, entryId);
    assertManages(identity, { regionCode: entry.regionCode }, 'reject a pass list entry');
    expectStatus(entry, 'LISTED', 'rejected');
    await manager.update(PassEntry, { id: entry.id }, { status: 'COUNTY_REJECTED' });
    await audit(manager, identity, entry.listId, `COUNTY_REJECT: ${reason.trim().slice(0, 20)}`, entry, entry.status, 'COUNTY_REJECTED');
    return { ...entry, status: 'COUNTY_REJECTED' };
  });
}

export async function aggregateList(dataSource: DataSource, identity: Identity, listId: string): Promise<PassList> {
  return inTransaction(dataSource, async (manager) => {
    const list = await manager.findOneBy(PassList, { id: listId });
    if (!list) throw notFound('Pass list', listId);
    const entries = await manager.find(PassEntry, { where: { listId, status: 'COUNTY_VERIFIED' }, order: { position: 'ASC' }, lock: writeLock(dataSource) });
    const mine = entries.filter((e) => manages(identity, { regionCode: e.regionCode }));
    if (mine.length) await manager.update(PassEntry, { id: In(mine.map((e) => e.id)) }, { status: 'CITY_AGGREGATED' });
    for (const entry of mine) await audit(manager, identity, listId, 'CITY_AGGREGATE', entry, entry.status, 'CITY_AGGREGATED');
    return list;
  });
}

/** Approves every aggregated row and issues each teacher the completion certificate of the programme running today. */
/**
 * The completion certificate a list's passes yield: the programme running in the list's province
 * at the end of the passes' year (年度), with that programme's issuer. Sichuan notice 省执行办 2017
 * 第01号: passes from 2014 on yield the 1.0 certificate 由教育部统一颁发, so a 2016 pass is a 1.0
 * certificate of 2016 issued by 教育部, not a 2.0 one issued by the province on the approval day.
 * The notice gives the year, not the day: dated the year's last day (or the approval day, if
 * earlier). A programme the province itself issues is dated the approval day.
 */
export function passCertificateOf(list: PassList, approvedOn: IsoDate): { programme: ItProgramme; issuedOn: IsoDate } {
  if (list.year === null) {
    throw new DomainError(
      'PASS_YEAR_MISSING',
      `Pass list ${list.id} has no 年度: append to it with importPartnerPassList(input: { listId, year }) so its passes yield the certificate of their own programme and year.`,
      { rule: 'PASS_YEAR_MISSING' },
    );
  }
  const yearEnd = `${list.year}-12-31`;
  const passedOn = yearEnd < approvedOn ? yearEnd : approvedOn;
  const province = provinceCodeOf(list.regionCode);
  const programme = programmeFor(province, passedOn);
  if (!programme) {
    throw new DomainError('NO_PROGRAMME', `No IT capability programme is configured for province ${province} in ${list.year}, the year of pass list ${list.id}.`, {
      rule: 'NO_PROGRAMME',
    });
  }
  return { programme, issuedOn: programme.issuer === issuerOf(province) ? approvedOn : passedOn };
}

export async function approveList(dataSource: DataSource, identity: Identity, listId: string): Promise<PassList> {
  return inTransactionRetryingDeadlocks(dataSource, async (manager) => {
    const list = await manager.findOneBy(PassList, { id: listId });
    if (!list) throw notFound('Pass list', listId);
    assertManages(identity, { regionCode: list.regionCode }, 'approve a pass list');
    const { programme, issuedOn } = passCertificateOf(list, todayInChina());
    const entries = await manager.find(PassEntry, { where: { listId, status: 'CITY_AGGREGATED' }, order: { position: 'ASC' }, lock: writeLock(dataSource) });
    for (const entry of entries) {
      const certificate = await insertCertificate(
        manager,
        { teacherId: entry.teacherId!, holderName: entry.name, schoolId: entry.schoolId!, regionCode: entry.regionCode, schoolCategory: entry.schoolCategory },
        { kind: 'IT_CAPABILITY_COMPLETION', numberKind: completionNumberKind(programme.version), level: null, issuer: programme.issuer },
        issuedOn,
      );
      await manager.update(PassEntry, { id: entry.id }, { status: 'PROVINCE_APPROVED', certificateNumber: certificate.number });
      await audit(manager, identity, listId, 'PROVINCE_APPROVE', entry, entry.status, 'PROVINCE_APPROVED');
    }
    return list;
  });
}

const LIST_READERS = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'] as const;

/** A list is readable by bureaus of the province; each sees only the rows in its region. */
export function assertListReader(identity: Identity, list: PassList): void {
  assertRole(identity, LIST_READERS, 'read partner pass lists');
  if (!list.regionCode.startsWith(identity.role === 'SYSTEM' ? '' : provinceCodeOf(identity.regionCode!))) {
    throw forbidden('The pass list belongs to another province.');
  }
}

export async function visibleEntries(dataSource: DataSource, identity: Identity, listId: string): Promise<PassEntry[]> {
  const entries = await dataSource.getRepository(PassEntry).find({ where: { listId }, order: { position: 'ASC' } });
  return entries.filter((e) => manages(identity, { regionCode: e.regionCode }));
}

export async function visibleAudit(dataSource: DataSource, identity: Identity, listId: string): Promise<PassAudit[]> {
  const [rows, entries] = await Promise.all([
    dataSource.getRepository(PassAudit).find({ where: { listId }, order: { id: 'ASC' } }),
    visibleEntries(dataSource, identity, listId),
  ]);
  const visible = new Set(entries.map((e) => e.id));
  return rows.filter((r) => r.entryId === null || visible.has(r.entryId));
}

async function workbookOf(sheetName: string, header: readonly string[], rows: readonly (string | number | null)[][], filename: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 16));
  return { filename, content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

const SHEET_READERS = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'] as const;

/** The county's feedback sheet of a list (the county's bureau, those above it, SYSTEM). */
export async function feedbackSheet(dataSource: DataSource, identity: Identity, list: PassList, countyCode: string) {
  assertRole(identity, SHEET_READERS, 'read feedback sheets');
  if (!isRegionCode(countyCode) || regionLevel(countyCode) !== 'COUNTY') {
    throw badInput(`${countyCode} is not a county's six-digit code.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  }
  if (!manages(identity, { regionCode: countyCode })) throw forbidden('A bureau reads the feedback sheets of its own counties.');
  const entries = await dataSource.getRepository(PassEntry).find({ where: { listId: list.id, regionCode: countyCode }, order: { position: 'ASC' } });
  return workbookOf('反馈表', FEEDBACK_COLUMNS, feedbackRows(list, entries, countyCode), `feedback-${list.id}-${countyCode}.xlsx`);
}

/** 附表: passes sent down and verified, per project, year and county under `regionCode`. */
export async function passSummary(dataSource: DataSource, identity: Identity, regionCode: string) {
  assertRole(identity, SHEET_READERS, 'read the partner summary');
  if (!isRegionCode(regionCode)) throw badInput(`${regionCode} is not a six-digit region code.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  if (!manages(identity, { regionCode })) throw forbidden('A bureau reads the summary of its own region.');
  const [lists, entries] = await Promise.all([
    dataSource.getRepository(PassList).find(),
    dataSource.getRepository(PassEntry).createQueryBuilder('e').where('e.region_code LIKE :prefix', { prefix: `${regionPrefix(regionCode)}%` }).getMany(),
  ]);
  const rows = summaryRows(lists, entries);
  const xlsx = await workbookOf('附表', SUMMARY_COLUMNS, rows.map((r) => [r.programme, r.year, r.regionCode, r.allocated, r.verified]), `partner-summary-${regionCode}.xlsx`);
  return { regionCode, rows, xlsx };
}
