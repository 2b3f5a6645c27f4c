/**
 * The platform's own copy of the demo province: the roster (身份证号 ↔ registry id) and
 * the ledger, from the same deterministic generator the reference slices are seeded from.
 */
import type { DataSource } from 'typeorm';
import type { DemoProvince } from '../../scripts/demo-province';
import { inTransaction } from '../../kit/data-source';
import { JxCreditLedger, JxTeacher } from './entities';
import { CODE_BY_STATUS, decimalText } from './platform';

const CHUNK = 400;

export async function seedLegacyCredits(dataSource: DataSource, province: DemoProvince): Promise<void> {
  const schools = new Map(province.schools.map((s) => [s.id, s]));
  const teachers = new Map(province.teachers.map((t) => [t.id, t]));
  const roster = province.teachers.map((t) => ({ sfzh: t.idNumber, jsbh: t.id, xm: t.name }));
  const at = '2024-01-01T00:00:00.000Z';
  const ledger = province.creditRecords.map((r) => {
    const teacher = teachers.get(r.teacherId)!;
    const school = schools.get(teacher.schoolId)!;
    const zt = CODE_BY_STATUS[r.status];
    return {
      lsh: r.id, sfzh: teacher.idNumber, jsbh: teacher.id, xxbh: school.id, qxdm: school.regionCode, xxlb: school.category,
      xfly: r.source, xflb: r.category, xsxs: decimalText(r.onlineHoursMilli), xxxs: decimalText(r.offlineHoursMilli), xf: decimalText(r.creditsMilli),
      hdrq: r.earnedOn, zt, xmbh: r.trainingProjectId, bmbh: r.enrollmentId, jgbh: null, tspx: null, yy: null,
      shjl: JSON.stringify([{ czr: 'jx-migration', czjs: 'SYSTEM', sj: at, q: null, h: zt, yy: '历史数据迁移' }]), czsj: at,
    };
  });
  await inTransaction(dataSource, async (manager) => {
    for (let i = 0; i < roster.length; i += CHUNK) await manager.createQueryBuilder().insert().into(JxTeacher).values(roster.slice(i, i + CHUNK)).execute();
    for (let i = 0; i < ledger.length; i += CHUNK) await manager.createQueryBuilder().insert().into(JxCreditLedger).values(ledger.slice(i, i + CHUNK)).execute();
  });
}

export async function isLegacySeeded(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(JxTeacher).count()) > 0;
}
