import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { regionRanges, regionPrefix } from '../../standards/region-code';
import { formatBasisPoints, rateBasisPoints, splitAcrossCounties, splitPlan, targetProgress, type CoverageTarget } from './rules/coverage';
import type { TargetMeasure, TeacherCounts } from './__generated__/resolvers-types';
import type { ProgrammeTarget } from './entities';
import type { RegionRep } from './models';

export const CATEGORIES = ['KINDERGARTEN', 'PRIMARY_AND_SECONDARY', 'VOCATIONAL'] as const;
export type Category = (typeof CATEGORIES)[number];
export type TrainedCounts = Record<Category, number>;

const IT = 'IT_CAPABILITY_COMPLETION';

/**
 * Teachers holding an ISSUED IT completion certificate in each region (and below), by the school
 * category stored on the certificate: one grouped query per batch of regions, rows per county
 * and category, never per teacher. A teacher whose certificates sit in two counties (transfer)
 * counts in both.
 */
export async function trainedByRegion(dataSource: DataSource, codes: readonly string[]): Promise<TrainedCounts[]> {
  const prefixes = codes.map(regionPrefix);
  const params: Record<string, string> = { kind: IT };
  const where = regionRanges(prefixes)
    .map((p, i) => ((params[`p${i}`] = `${p}%`), `c.region_code LIKE :p${i}`))
    .join(' OR ');
  const rows = await dataSource
    .createQueryBuilder()
    .select('c.region_code', 'region')
    .addSelect('c.school_category', 'category')
    .addSelect('COUNT(DISTINCT c.teacher_id)', 'n')
    .from('certificate', 'c')
    .where(`c.kind = :kind AND c.status = 'ISSUED' AND (${where})`, params)
    .groupBy('c.region_code')
    .addGroupBy('c.school_category')
    .getRawMany<{ region: string; category: string; n: string | number }>();
  return prefixes.map((prefix) => {
    const counts: TrainedCounts = { KINDERGARTEN: 0, PRIMARY_AND_SECONDARY: 0, VOCATIONAL: 0 };
    for (const row of rows) {
      const category = CATEGORIES.find((c) => c === row.category);
      if (row.region.startsWith(prefix) && category) counts[category] += Number(row.n);
    }
    return counts;
  });
}

/** IT completion certificates first issued in `year` (reissues not counted again) per region. */
export async function executedByRegion(dataSource: DataSource, codes: readonly string[], year: number): Promise<number[]> {
  if (codes.length === 0) return [];
  const prefixes = codes.map(regionPrefix);
  const rows = await dataSource
    .createQueryBuilder()
    .select('c.region_code', 'region')
    .addSelect('COUNT(*)', 'n')
    .from('certificate', 'c')
    .where("c.kind = :kind AND c.status IN ('ISSUED', 'REISSUED') AND c.replaces_number IS NULL AND c.issued_on BETWEEN :from AND :to", {
      kind: IT,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    })
    .groupBy('c.region_code')
    .getRawMany<{ region: string; n: string | number }>();
  return prefixes.map((prefix) => rows.filter((r) => r.region.startsWith(prefix)).reduce((sum, r) => sum + Number(r.n), 0));
}

/**
 * Teachers under `code` counted on a target's measure for `year`: IT completion holders (the
 * coverage column), holders of an ISSUED development-assessment certificate issued by the end of
 * the year (Changsha notice), or teachers first certified in the year (Ningde notice).
 */
export async function measuredCount(dataSource: DataSource, code: string, measure: TargetMeasure, year: number, coverage: { all: { trained: number } }): Promise<number> {
  if (measure === 'IT_COMPLETION_HOLDERS') return coverage.all.trained;
  if (measure === 'IT_TRAINED_IN_YEAR') return (await executedByRegion(dataSource, [code], year))[0];
  const [range] = regionRanges([regionPrefix(code)]);
  const row = await dataSource
    .createQueryBuilder()
    .select('COUNT(DISTINCT c.teacher_id)', 'n')
    .from('certificate', 'c')
    .where("c.kind = 'DEVELOPMENT_ASSESSMENT' AND c.status = 'ISSUED' AND c.issued_on <= :end AND c.region_code LIKE :range", { end: `${year}-12-31`, range: `${range}%` })
    .getRawOne<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

/** 发展测评: holders of an ISSUED development-assessment certificate under `code`, and those at EXCELLENT. */
export async function developmentAssessmentCounts(dataSource: DataSource, code: string): Promise<{ holders: number; excellent: number }> {
  const [range] = regionRanges([regionPrefix(code)]);
  const row = await dataSource
    .createQueryBuilder()
    .select('COUNT(DISTINCT c.teacher_id)', 'holders')
    .addSelect("COUNT(DISTINCT CASE WHEN c.level = 'EXCELLENT' THEN c.teacher_id END)", 'excellent')
    .from('certificate', 'c')
    .where("c.kind = 'DEVELOPMENT_ASSESSMENT' AND c.status = 'ISSUED' AND c.region_code LIKE :range", { range: `${range}%` })
    .getRawOne<{ holders: string | number; excellent: string | number }>();
  return { holders: Number(row?.holders ?? 0), excellent: Number(row?.excellent ?? 0) };
}

export interface CoverageCell {
  total: number;
  trained: number;
  untrained: number;
  rate: string | null;
}

function cell(total: number, trained: number): CoverageCell {
  const rate = rateBasisPoints(Math.min(trained, total), total);
  return { total, trained, untrained: Math.max(0, total - trained), rate: rate === null ? null : formatBasisPoints(rate) };
}

export interface Coverage {
  regionCode: string;
  kindergarten: CoverageCell;
  primaryAndSecondary: CoverageCell;
  vocational: CoverageCell;
  all: CoverageCell;
}

/** The Sichuan table's row: totals exclude special education, as the table does. */
export function coverageOf(code: string, counts: TeacherCounts, trained: TrainedCounts): Coverage {
  const total = counts.kindergarten + counts.primaryAndSecondary + counts.vocational;
  const trainedAll = trained.KINDERGARTEN + trained.PRIMARY_AND_SECONDARY + trained.VOCATIONAL;
  return {
    regionCode: code,
    kindergarten: cell(counts.kindergarten, trained.KINDERGARTEN),
    primaryAndSecondary: cell(counts.primaryAndSecondary, trained.PRIMARY_AND_SECONDARY),
    vocational: cell(counts.vocational, trained.VOCATIONAL),
    all: cell(total, trainedAll),
  };
}

export function targetOf(row: ProgrammeTarget): CoverageTarget {
  return row.kind === 'RATE' ? { kind: 'RATE', basisPoints: row.value } : { kind: 'COUNT', teachers: row.value };
}

/** Progress of a target on its own measure (`trained`, from `measuredCount`) over the region's teachers. */
export function progressOf(row: ProgrammeTarget, coverage: Coverage, trained: number = coverage.all.trained) {
  const progress = targetProgress({ target: targetOf(row), trained, total: coverage.all.total });
  return {
    target: row,
    met: progress.met,
    requiredTeachers: progress.requiredTeachers,
    trained: progress.trained,
    shortfall: progress.shortfallTeachers,
    rate: progress.rateBasisPoints === null ? null : formatBasisPoints(progress.rateBasisPoints),
  };
}

export interface PlanRow {
  regionCode: string;
  name: string;
  /** The row's coverage (幼儿园 / 中小学 / 中职 totals, trained), for 附件3. */
  coverage: Coverage;
  untrained: number;
  planned: number;
  executed: number;
  rate: string | null;
}

export interface Plan {
  regionCode: string;
  name: string;
  year: number;
  totalDemand: number;
  provincial: number;
  cityAndCounty: number;
  rows: PlanRow[];
}

/** Demand = untrained teachers of the region; 20/80 split; the 80 over children by their untrained teachers. */
export function planOf(region: RegionRep, year: number, coverage: Coverage, childCoverage: Coverage[], executed: number[]): Plan {
  const totalDemand = coverage.all.untrained;
  const { provincial, cityAndCounty } = splitPlan(totalDemand);
  const children = region.children ?? [];
  const shares = children.length
    ? splitAcrossCounties(
        cityAndCounty,
        children.map((c, i) => ({ code: c.code, weight: childCoverage[i].all.untrained })),
      )
    : [];
  const rows = children.map((child, i) => {
    const planned = shares[i].demand;
    const rate = rateBasisPoints(Math.min(executed[i], planned), planned);
    return {
      regionCode: child.code,
      name: child.name ?? child.code,
      coverage: childCoverage[i],
      untrained: childCoverage[i].all.untrained,
      planned,
      executed: executed[i],
      rate: rate === null ? null : formatBasisPoints(rate),
    };
  });
  return { regionCode: region.code, name: region.name ?? region.code, year, totalDemand, provincial, cityAndCounty, rows };
}

async function toBase64(workbook: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

export const COVERAGE_HEADER = ['地区代码', '市(州)/县(区)', '幼儿园', '中小学', '中职', '合计', '已培训', '未培训(下年任务)', '培训率(%)'];

/** The city table as officials file it: title, header, the region's total row, then each child region. */
export async function coverageWorkbook(region: RegionRep, coverage: Coverage, children: { region: RegionRep; coverage: Coverage }[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('培训情况统计');
  sheet.addRow([`${region.name ?? region.code} 信息技术应用能力提升工程 教师培训情况统计表`]);
  sheet.mergeCells(1, 1, 1, COVERAGE_HEADER.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow(COVERAGE_HEADER).font = { bold: true };
  const line = (code: string, name: string, c: Coverage) => [
    code,
    name,
    c.kindergarten.total,
    c.primaryAndSecondary.total,
    c.vocational.total,
    c.all.total,
    c.all.trained,
    c.all.untrained,
    c.all.rate === null ? null : Number(c.all.rate),
  ];
  sheet.addRow(line(region.code, `${region.name ?? region.code} 合计`, coverage)).font = { bold: true };
  for (const child of children) sheet.addRow(line(child.region.code, child.region.name ?? child.region.code, child.coverage));
  sheet.columns.forEach((column, i) => (column.width = i === 1 ? 24 : 12));
  return { filename: `it-coverage-${region.code}.xlsx`, content: await toBase64(workbook) };
}

export const PLAN_HEADER = ['地区代码', '县(区)', '未培训', '计划(市县 80%)', '完成', '完成率(%)'];

export async function planWorkbook(plan: Plan) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('计划与执行');
  sheet.addRow([`${plan.name} ${plan.year} 年 信息技术应用能力提升工程 培训计划与执行情况`]);
  sheet.mergeCells(1, 1, 1, PLAN_HEADER.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow(['培训需求', plan.totalDemand, '省级 20%', plan.provincial, '市县 80%', plan.cityAndCounty]);
  sheet.addRow(PLAN_HEADER).font = { bold: true };
  for (const row of plan.rows) {
    sheet.addRow([row.regionCode, row.name, row.untrained, row.planned, row.executed, row.rate === null ? null : Number(row.rate)]);
  }
  sheet.columns.forEach((column, i) => (column.width = i === 1 ? 24 : 14));
  return { filename: `it-plan-${plan.regionCode}-${plan.year}.xlsx`, content: await toBase64(workbook) };
}

/**
 * 附件3 (Sichuan notice): per county, teachers by 幼儿园 / 中小学 / 职业中学, their total, trained,
 * untrained (the gap), 省级及以上项目需求数 (the row's 20 %) and 市县级培训计划数 (its 80 %), and 备注
 * (left for the office to write).
 */
export const ATTACHMENT_3_HEADER = ['地区代码', '县(市、区)', '幼儿园', '中小学', '职业中学', '合计', '已培训', '未培训(缺口)', '省级及以上项目需求数', '市县级培训计划数', '备注'];

export async function attachment3Workbook(plan: Plan) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('附件3');
  sheet.addRow([`${plan.name} ${plan.year} 年 中小学教师信息技术应用能力提升工程 培训需求与计划`]);
  sheet.mergeCells(1, 1, 1, ATTACHMENT_3_HEADER.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow(ATTACHMENT_3_HEADER).font = { bold: true };
  for (const row of plan.rows) {
    const c = row.coverage;
    const { provincial, cityAndCounty } = splitPlan(c.all.untrained);
    sheet.addRow([row.regionCode, row.name, c.kindergarten.total, c.primaryAndSecondary.total, c.vocational.total, c.all.total, c.all.trained, c.all.untrained, provincial, cityAndCounty, null]);
  }
  sheet.columns.forEach((column, i) => (column.width = i === 1 ? 24 : 14));
  return { filename: `attachment3-${plan.regionCode}-${plan.year}.xlsx`, content: await toBase64(workbook) };
}
