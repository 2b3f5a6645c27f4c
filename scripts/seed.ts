/**
 * Fills the four subgraphs' databases with the deterministic demo province.
 *
 *   npm run seed                 seed where empty (embedded SQLite, or DATABASE_URL / <NAME>_DATABASE_URL)
 *   npm run seed -- --teachers 5000
 *   npm run seed -- --legacy-credits    the legacy credits platform's own store instead (LEGACY_CREDITS_DATABASE_URL)
 *
 * This tool knows every subgraph's tables on purpose: it stands outside the graph,
 * like a province's data migration. The subgraphs themselves never share tables, and
 * never seed themselves: a runtime only serves.
 */
import { parseArgs } from 'node:util';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { certificationSubgraph } from '../subgraphs/certification';
import { issuerOf } from '../subgraphs/certification/commands';
import { Certificate } from '../subgraphs/certification/entities';
import { issuingBodyByName } from '../subgraphs/certification/rules/issuing-body';
import { creditsSubgraph } from '../subgraphs/credits';
import { CreditRecord } from '../subgraphs/credits/entities';
import { rebuildCreditSummaries } from '../subgraphs/credits/summaries';
import { createDataSource, databaseUrlFromEnv, openDataSource, type Store, inTransaction } from '../kit/data-source';
import type { SubgraphDefinition } from '../kit/subgraph';
import { teachersSubgraph } from '../subgraphs/teachers';
import { Region, School, Teacher, TeacherPlacement } from '../subgraphs/teachers/entities';
import { trainingSubgraph } from '../subgraphs/training';
import { Enrollment, Institution, TrainingClass, TrainingProject } from '../subgraphs/training/entities';
import { JxCreditLedger } from '../subgraphs/legacy-credits/entities';
import { CODE_BY_STATUS, decimalText } from '../subgraphs/legacy-credits/platform';
import { createLegacyStore } from '../subgraphs/legacy-credits/server';
import { generateDemoProvince, type DemoProvince, type DemoProvinceOptions } from './demo-province';
import { withShowcase } from './demo-showcase';
import { generateProvinceSlices } from './demo-slices';

/** Rows per INSERT statement: large enough to be fast, small enough for SQLite's variable limit. */
const CHUNK = 500;

/** Inserts rows in multi-row statements, mapping them chunk by chunk so large provinces are not copied whole. */
async function insertAll<S, T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  rows: readonly S[],
  toRow: (row: S) => T,
): Promise<void> {
  await inTransaction(dataSource, async (manager) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map(toRow);
      await manager.createQueryBuilder().insert().into(target).values(values).updateEntity(false).execute();
    }
  });
}

export type SubgraphName = 'teachers' | 'training' | 'credits' | 'certification';
export type SeedTargets = Record<SubgraphName, DataSource>;

/**
 * Writes each subgraph's slice of the province into that subgraph's database, with the
 * scope columns (school, region, institution) each slice keeps of its own, and summarises the
 * credits (`summarise: false` leaves that to a caller that writes the rows itself, bench/seed.ts).
 */
export async function seedDemoProvince(targets: SeedTargets, province: DemoProvince, options: { summarise?: boolean } = {}): Promise<void> {
  const regionOfSchool = new Map(province.schools.map((s) => [s.id, s.regionCode]));
  const categoryOfSchool = new Map(province.schools.map((s) => [s.id, s.category]));
  const placeOfTeacher = new Map(province.teachers.map((t) => [t.id, { schoolId: t.schoolId, regionCode: regionOfSchool.get(t.schoolId)! }]));
  const institutionOfProject = new Map(province.projects.map((p) => [p.id, p.institutionId]));
  const institutionOfClass = new Map(province.classes.map((c) => [c.id, institutionOfProject.get(c.projectId)!]));

  await insertAll(targets.teachers, Region, province.regions, (r) => r as Region);
  await insertAll(targets.teachers, School, province.schools, (s) => s as School);
  await insertAll(targets.teachers, Teacher, province.teachers, (t) => ({ ...t, regionCode: regionOfSchool.get(t.schoolId)!, schoolCategory: categoryOfSchool.get(t.schoolId)! }) as Teacher);
  // No demo teacher has moved: one open placement at the school since the hire date, as the migration backfills.
  await insertAll(targets.teachers, TeacherPlacement, province.teachers, (t) => ({ id: t.id, teacherId: t.id, schoolId: t.schoolId, regionCode: regionOfSchool.get(t.schoolId)!, from: t.hireDate, to: null }) as TeacherPlacement);
  await insertAll(targets.training, Institution, province.institutions, (i) => i as Institution);
  await insertAll(targets.training, TrainingProject, province.projects, (p) => p as TrainingProject);
  await insertAll(targets.training, TrainingClass, province.classes, TrainingClass.withSeatsTaken(province.enrollments));
  await insertAll(
    targets.training,
    Enrollment,
    province.enrollments,
    (e) =>
      ({
        ...e,
        regionCode: regionOfSchool.get(e.schoolId)!,
        institutionId: institutionOfClass.get(e.classId)!,
        // The completion feed orders by recording time; the demo records a completion on its day.
        completedAt: e.status === 'COMPLETED' && e.completedOn ? `${e.completedOn}T00:00:00.000Z` : null,
      }) as Enrollment,
  );
  await insertAll(
    targets.credits,
    CreditRecord,
    province.creditRecords,
    (r) =>
      ({ ...r, ...placeOfTeacher.get(r.teacherId)!, schoolCategory: categoryOfSchool.get(placeOfTeacher.get(r.teacherId)!.schoolId) ?? null, policyId: 'national-360-per-5-years' }) as CreditRecord,
  );
  // The holder's name as printed (checked on verification) and the school category at issue (coverage).
  const holderOf = new Map(province.teachers.map((t) => [t.id, { holderName: t.name, schoolCategory: categoryOfSchool.get(t.schoolId)! }]));
  await insertAll(targets.certification, Certificate, province.certificates, ({ issuingInstitutionId, ...c }) => {
    const place = placeOfTeacher.get(c.teacherId)!;
    const provinceCode = place.regionCode.slice(0, 2);
    // 发证机构: the institution of a project certificate, else what the printed name says (the province's 教育厅).
    const body = issuingInstitutionId ? { kind: 'INSTITUTION' as const, id: issuingInstitutionId } : issuingBodyByName(c.issuer, provinceCode, issuerOf(provinceCode));
    return { ...c, ...place, ...holderOf.get(c.teacherId)!, issuingBodyKind: body?.kind ?? null, issuingBodyId: body?.id ?? null } as Certificate;
  });
  // Records written in bulk, as a migration from another platform would: summarised once at the end.
  if (options.summarise ?? true) await rebuildCreditSummaries(targets.credits);
}

/**
 * The legacy credits platform's own copy of the province: its ledger, in its own codes, as if
 * migrated from its history (teachers it asks the registry for, through the graph).
 */
export async function seedLegacyCredits(dataSource: DataSource, province: DemoProvince): Promise<void> {
  const schools = new Map(province.schools.map((s) => [s.id, s]));
  const teachers = new Map(province.teachers.map((t) => [t.id, t]));
  const at = '2024-01-01T00:00:00.000Z';
  await insertAll(dataSource, JxCreditLedger, province.creditRecords, (r) => {
    const teacher = teachers.get(r.teacherId)!;
    const school = schools.get(teacher.schoolId)!;
    const zt = CODE_BY_STATUS[r.status];
    return {
      lsh: r.id, sfzh: teacher.idNumber, jsbh: teacher.id, xxbh: school.id, qxdm: school.regionCode, xxlb: school.category,
      xfly: r.source, xflb: r.category, xsxs: decimalText(r.onlineHoursMilli), xxxs: decimalText(r.offlineHoursMilli), xf: decimalText(r.creditsMilli),
      hdrq: r.earnedOn, zt, xmbh: r.trainingProjectId, bmbh: r.enrollmentId, jgbh: null, tspx: null, yy: null,
      shjl: JSON.stringify([{ czr: 'jx-migration', czjs: 'SYSTEM', sj: at, q: null, h: zt, yy: '历史数据迁移' }]), czsj: at,
    } as JxCreditLedger;
  });
}

/** Seeds the legacy platform's store (opened and migrated here) when its ledger is empty; returns whether it did. */
async function seedLegacyIfEmpty(options: DemoProvinceOptions): Promise<boolean> {
  const { dataSource } = createLegacyStore();
  await openDataSource(dataSource);
  try {
    if ((await dataSource.getRepository(JxCreditLedger).count()) > 0) return false;
    await seedLegacyCredits(dataSource, withShowcase(generateDemoProvince(options)));
    return true;
  } finally {
    await dataSource.destroy();
  }
}

/** True when the registry already holds teachers (then seeding is skipped). */
export async function isSeeded(teachers: DataSource): Promise<boolean> {
  return (await teachers.getRepository(Teacher).count()) > 0;
}

/** The four slices this tool fills (and `npm run migrate` brings up to date). */
export const SEEDED_SUBGRAPHS: SubgraphDefinition<unknown>[] = [teachersSubgraph, trainingSubgraph, creditsSubgraph, certificationSubgraph] as SubgraphDefinition<unknown>[];

/** Opens (and migrates) every subgraph's database, or those named; URLs from the environment unless given. */
export async function openStores(
  urls: Partial<Record<SubgraphName, string>> = {},
  names: readonly SubgraphName[] = SEEDED_SUBGRAPHS.map((definition) => definition.name as SubgraphName),
): Promise<Record<SubgraphName, Store>> {
  const entries = await Promise.all(
    SEEDED_SUBGRAPHS.filter((definition) => names.includes(definition.name as SubgraphName)).map(async (definition) => {
      const store = createDataSource({
        name: definition.name,
        entities: definition.entities,
        migrations: definition.migrations,
        url: urls[definition.name as SubgraphName] ?? databaseUrlFromEnv(definition.name),
      });
      await openDataSource(store.dataSource, definition.afterMigrations);
      return [definition.name, store] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, Store>;
}

export function dataSourcesOf(stores: Record<SubgraphName, Store>): SeedTargets {
  return {
    teachers: stores.teachers.dataSource,
    training: stores.training.dataSource,
    credits: stores.credits.dataSource,
    certification: stores.certification.dataSource,
  };
}

/** Seeds when the registry is empty, with the showcase README uses (demo-showcase.ts) and the other provinces' slices (demo-slices.ts); returns whether it did. */
export async function seedIfEmpty(targets: SeedTargets, options: DemoProvinceOptions = {}): Promise<boolean> {
  if (await isSeeded(targets.teachers)) return false;
  await seedDemoProvince(targets, withShowcase(generateDemoProvince(options)));
  // Zhejiang, Jiangxi, Fujian (Ningde) and Hunan (Changsha) beside Sichuan: each province's rules, end to end.
  await seedDemoProvince(targets, generateProvinceSlices());
  return true;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { teachers: { type: 'string' }, 'legacy-credits': { type: 'boolean', default: false } } });
  const options: DemoProvinceOptions = values.teachers ? { teachers: Number(values.teachers) } : {};
  if (values['legacy-credits']) {
    console.log((await seedLegacyIfEmpty(options)) ? 'Seeded the legacy credit ledger with the demo province.' : 'The legacy credit ledger already holds entries: nothing seeded.');
    return;
  }
  const targets = dataSourcesOf(await openStores());
  const started = Date.now();
  const seeded = await seedIfEmpty(targets, options);
  console.log(seeded ? `Seeded the demo province in ${Date.now() - started} ms.` : 'The registry already holds teachers: nothing seeded.');
  await Promise.all(Object.values(targets).map((ds) => ds.destroy()));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
