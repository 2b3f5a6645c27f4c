import PDFDocument from 'pdfkit';
import { formatMilli, parseMilli } from '../../kit/decimal';
import type { Certificate } from './entities';
import type { ArchiveCreditRecord, TeacherRep } from './models';
import { chineseDate, cjkFont } from './pdf';

const ENROLLMENT_STATUS: Record<string, string> = {
  SELECTED: '已选课', SCHOOL_APPROVED: '学校已审核', SCHOOL_REJECTED: '学校未通过', CONFIRMED: '已确认',
  DECLINED: '机构未接收', COMPLETED: '已结业', FAILED: '未结业', WITHDRAWN: '已退选',
};
const CERTIFICATE_KIND: Record<string, string> = {
  IT_CAPABILITY_COMPLETION: '信息技术应用能力提升工程结业证书', DEVELOPMENT_ASSESSMENT: '发展测评合格证书', PROJECT_COMPLETION: '培训项目结业证书',
};
const CERTIFICATE_STATUS: Record<string, string> = { ISSUED: '有效', REVOKED: '已撤销', REISSUED: '已补发' };

/** Five-year cycles as the national rule counts them (2021–2025, 2026–2030, …). */
const FIRST_CYCLE_YEAR = 2021;
const CYCLE_YEARS = 5;

export interface CycleTotals {
  from: number;
  to: number;
  /** Approved, reported up (上报) or verified. */
  countedMilli: number;
  /** Registered, not yet reviewed. */
  pendingMilli: number;
  /** Rejected or revoked. */
  notCountedMilli: number;
}

/** Credits per five-year cycle by status, oldest cycle first (a pure rule, unit-tested). */
export function creditsPerCycle(records: readonly ArchiveCreditRecord[]): CycleTotals[] {
  const cycles = new Map<number, CycleTotals>();
  for (const record of records) {
    const year = Number(record.earnedOn.slice(0, 4));
    const from = FIRST_CYCLE_YEAR + Math.floor((year - FIRST_CYCLE_YEAR) / CYCLE_YEARS) * CYCLE_YEARS;
    const totals = cycles.get(from) ?? { from, to: from + CYCLE_YEARS - 1, countedMilli: 0, pendingMilli: 0, notCountedMilli: 0 };
    const milli = parseMilli(String(record.credits));
    if (record.status === 'APPROVED' || record.status === 'REPORTED' || record.status === 'VERIFIED') totals.countedMilli += milli;
    else if (record.status === 'REGISTERED') totals.pendingMilli += milli;
    else totals.notCountedMilli += milli;
    cycles.set(from, totals);
  }
  return [...cycles.values()].sort((a, b) => a.from - b.from);
}

/**
 * 参训档案: the teacher's training archive as a PDF in Chinese, from what the other slices hold
 * (`@requires`) and this slice's certificates. Drawn in the font the certificates use.
 */
export function renderArchivePdf(teacher: TeacherRep, certificates: readonly Certificate[], printedOn: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `参训档案 ${teacher.name ?? ''}`, Producer: 'teacher-training-supergraph' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', cjkFont());
    doc.font('cjk');
    const heading = (text: string) => doc.moveDown(0.8).fontSize(14).text(text).moveDown(0.3).fontSize(10);

    doc.fontSize(22).text('教师参训档案', { align: 'center' });
    doc.fontSize(10).text(`打印日期：${chineseDate(printedOn)}`, { align: 'center' });

    heading('一、基本信息');
    doc.text(`姓名：${teacher.name ?? ''}`);
    doc.text(`身份证号：${teacher.idCardNumber ?? ''}`);
    doc.text(`任教学校：${teacher.school?.name ?? ''}（${teacher.school?.region?.name ?? ''}）`);
    doc.text(`参加工作日期：${teacher.hireDate ? chineseDate(teacher.hireDate) : ''}`);

    heading('二、任职经历');
    const placements = teacher.placements ?? [];
    if (placements.length === 0) doc.text('无');
    for (const p of placements) {
      doc.text(`${chineseDate(p.from)}—${p.to ? chineseDate(p.to) : '至今'}  ${p.school.name}（${p.school.region.name}）`);
    }

    heading('三、参训记录');
    const enrollments = [...(teacher.enrollments ?? [])].sort((a, b) => a.trainingClass.startsOn.localeCompare(b.trainingClass.startsOn));
    if (enrollments.length === 0) doc.text('无');
    for (const e of enrollments) {
      const c = e.trainingClass;
      doc.text(`${chineseDate(c.startsOn)}—${chineseDate(c.endsOn)}  ${c.project.title}（${c.name}），${c.project.totalCredits} 学分，${ENROLLMENT_STATUS[e.status] ?? e.status}${e.completedOn ? `，结业日期 ${chineseDate(e.completedOn)}` : ''}`);
    }

    heading('四、学分（按五年周期）');
    const cycles = creditsPerCycle(teacher.creditRecords ?? []);
    if (cycles.length === 0) doc.text('无');
    for (const c of cycles) {
      doc.text(`${c.from}—${c.to} 年：已认定 ${formatMilli(c.countedMilli)} 学分，待审核 ${formatMilli(c.pendingMilli)} 学分，未认定 ${formatMilli(c.notCountedMilli)} 学分`);
    }

    heading('五、证书');
    if (certificates.length === 0) doc.text('无');
    for (const c of certificates) {
      doc.text(`${CERTIFICATE_KIND[c.kind] ?? c.kind}  编号 ${c.number}，${chineseDate(c.issuedOn)} ${c.issuer} 颁发，${CERTIFICATE_STATUS[c.status] ?? c.status}`);
    }

    doc.moveDown(2).fontSize(9).text('本档案由教师培训平台根据教师库、培训、学分和证书记录生成；证书可凭编号与姓名查验（verifyCertificate）。');
    doc.end();
  });
}
