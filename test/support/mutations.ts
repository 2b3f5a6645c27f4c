import ExcelJS from 'exceljs';
import type { RowOwner } from '../../kit/access';
import type { Identity, Role } from '../../kit/identity';
import type { DemoEnrollment, DemoProvince, DemoSchool, DemoTeacher } from '../../scripts/demo-province';
import { checkCharacter } from '../../standards/id-number';
import { sampleCsv, sampleSheet } from '../../subgraphs/credits/import-sample';

/**
 * A valid call of every mutation of the composed graph (issue 14), for the write-policy matrix
 * (test/write-policy.test.ts): each names the row it acts on by its owner, so a caller of any
 * role can be placed inside or outside that row's scope (`identityFor`). Built over the demo
 * province a test graph is seeded with, plus the rows `prepareFixture` adds through the gateway.
 */
export interface Fixture {
  province: DemoProvince;
  /** A teacher with a COMPLETED enrollment: the home teacher of most calls. */
  teacher: DemoTeacher;
  school: DemoSchool;
  completed: DemoEnrollment;
  /** The project and institution of `completed`. */
  projectId: string;
  classId: string;
  institutionId: string;
  institutionRegion: string;
  selected: DemoEnrollment | undefined;
  approved: DemoEnrollment | undefined;
  confirmed: DemoEnrollment | undefined;
  /** A teacher who can move to another school of the same county (of the same type where there is one). */
  mover: { teacher: DemoTeacher; from: DemoSchool; to: DemoSchool };
  certificate: { number: string; teacher: DemoTeacher; school: DemoSchool };
  /** An ISSUED certificate a training institution issued (发证机构): who may reissue it is its issuer. */
  institutionCertificate: { number: string; teacher: DemoTeacher; school: DemoSchool; institutionId: string };
  /** Added by `prepareFixture`: a REGISTERED credit the institution registered for `teacher`. */
  creditRecordId: string;
  /** Added by `prepareFixture`: a partner pass list with one entry, for `teacher`. */
  passList: { listId: string; entryId: string };
  /** A pass-list workbook naming `teacher`. */
  passListXlsx: string;
}

export interface MutationCall {
  /** The row the mutation acts on, by its owner: the caller's scope is placed inside or outside it. */
  owner: RowOwner;
  variables: Record<string, unknown>;
}

export interface CatalogueEntry {
  document: string;
  call: (f: Fixture, role: Role) => MutationCall;
  /** The caller is the scope (a teacher selecting a class for themself): no call lies outside it. */
  selfOnly?: boolean;
  /** For mutations that answer refused rows in data rather than with an error (imports): was the call refused? */
  refusedInData?: (data: any) => boolean;
}

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

let serial = 0;
/** A fresh, valid 身份证号 for a teacher born in 1990 in 510104. */
export function freshIdNumber(): string {
  serial += 1;
  const first17 = `51010419900101${String(100 + (serial % 900)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function buildFixture(province: DemoProvince): Omit<Fixture, 'creditRecordId' | 'passList' | 'passListXlsx'> {
  const schools = byId(province.schools);
  const teachers = byId(province.teachers);
  const classes = byId(province.classes);
  const projects = byId(province.projects);
  const institutions = byId(province.institutions);
  const completed = province.enrollments.find((e) => e.status === 'COMPLETED')!;
  const teacher = teachers.get(completed.teacherId)!;
  const school = schools.get(teacher.schoolId)!;
  const project = projects.get(classes.get(completed.classId)!.projectId)!;
  const institution = institutions.get(project.institutionId)!;
  let mover: Fixture['mover'] | undefined;
  for (const t of province.teachers) {
    const from = schools.get(t.schoolId)!;
    const others = province.schools.filter((s) => s.id !== from.id && s.regionCode === from.regionCode);
    const to = others.find((s) => s.type === from.type) ?? others[0];
    if (to && t.id !== teacher.id) {
      mover = { teacher: t, from, to };
      break;
    }
  }
  const held = province.certificates.find((c) => c.status === 'ISSUED')!;
  const holder = teachers.get(held.teacherId)!;
  const byInstitution = province.certificates.find((c) => c.status === 'ISSUED' && c.issuingInstitutionId)!;
  const institutionHolder = teachers.get(byInstitution.teacherId)!;
  return {
    province,
    teacher,
    school,
    completed,
    projectId: project.id,
    classId: completed.classId,
    institutionId: institution.id,
    institutionRegion: institution.regionCode,
    selected: province.enrollments.find((e) => e.status === 'SELECTED'),
    approved: province.enrollments.find((e) => e.status === 'SCHOOL_APPROVED'),
    confirmed: province.enrollments.find((e) => e.status === 'CONFIRMED'),
    mover: mover!,
    certificate: { number: held.number, teacher: holder, school: schools.get(holder.schoolId)! },
    institutionCertificate: {
      number: byInstitution.number,
      teacher: institutionHolder,
      school: schools.get(institutionHolder.schoolId)!,
      institutionId: byInstitution.issuingInstitutionId!,
    },
  };
}

/** A partner pass list workbook (合格名单) naming `teachers`. */
export async function passListXlsx(teachers: readonly { name: string; idNumber: string; regionCode: string }[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('合格名单');
  sheet.addRow(['序号', '姓名', '身份证号', '县区代码', '证书编号']);
  teachers.forEach((t, i) => sheet.addRow([i + 1, t.name, t.idNumber, t.regionCode, `CM-2024-${i + 1}`]));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

const teacherOwner = (t: DemoTeacher, s: DemoSchool): RowOwner => ({ teacherId: t.id, schoolId: s.id, regionCode: s.regionCode });

function enrollmentCall(f: Fixture, e: DemoEnrollment | undefined, variables: (id: string) => Record<string, unknown>): MutationCall {
  const enrollment = e ?? f.completed;
  const school = f.province.schools.find((s) => s.id === enrollment.schoolId)!;
  const classes = byId(f.province.classes);
  const project = f.province.projects.find((p) => p.id === classes.get(enrollment.classId)!.projectId)!;
  return {
    owner: { teacherId: enrollment.teacherId, schoolId: school.id, regionCode: school.regionCode, institutionId: project.institutionId },
    variables: variables(enrollment.id),
  };
}

const projectCall = (f: Fixture, variables: Record<string, unknown>): MutationCall => ({
  owner: { institutionId: f.institutionId, regionCode: f.institutionRegion },
  variables: { id: f.projectId, ...variables },
});

const home = (f: Fixture): RowOwner => teacherOwner(f.teacher, f.school);
const cityOf = (code: string) => `${code.slice(0, 4)}00`;

export const MUTATIONS: Record<string, CatalogueEntry> = {
  // certification
  recordPreAssessment: {
    document: 'mutation($input: PreAssessmentInput!) { recordPreAssessment(input: $input) { __typename } }',
    call: (f) => ({
      // An institution records it for teachers enrolled in its projects: the fixture's teacher completed one.
      owner: { ...home(f), institutionId: f.institutionId },
      variables: { input: { teacherId: f.teacher.id, regionCode: f.school.regionCode, assessedOn: '2025-03-01', programmeId: 'IT2-51' } },
    }),
  },
  recordItCompletionProof: {
    document: 'mutation($input: ItCompletionProofInput!) { recordItCompletionProof(input: $input) { __typename } }',
    // Sichuan 2.0 asks for no proofs: allowed callers get PROOF_NOT_REQUIRED, a refusal of the domain.
    call: (f) => ({
      owner: home(f),
      variables: { input: { teacherId: f.teacher.id, regionCode: f.school.regionCode, programmeId: 'IT2-51', kind: 'ONLINE_STUDY_PASS', provenOn: '2025-03-01', reference: '网络研修合格证明 2025-001' } },
    }),
  },
  reviewItCompletion: {
    document: 'mutation($input: ItCompletionReviewInput!) { reviewItCompletion(input: $input) { __typename } }',
    call: (f) => ({
      owner: home(f),
      variables: {
        input: {
          teacherId: f.teacher.id,
          evidence: 'not-signed-evidence',
          holderName: f.teacher.name,
          schoolId: f.school.id,
          regionCode: f.school.regionCode,
          schoolCategory: f.school.category,
        },
      },
    }),
  },
  issueItCompletionCertificate: {
    document: 'mutation($teacherId: ID!) { issueItCompletionCertificate(teacherId: $teacherId) { __typename } }',
    call: (f) => ({ owner: home(f), variables: { teacherId: f.teacher.id } }),
  },
  issueDevelopmentAssessmentCertificate: {
    document: 'mutation($input: DevelopmentAssessmentInput!) { issueDevelopmentAssessmentCertificate(input: $input) { __typename } }',
    call: (f) => ({
      owner: home(f),
      variables: {
        input: { teacherId: f.teacher.id, holderName: f.teacher.name, schoolId: f.school.id, regionCode: f.school.regionCode, schoolCategory: f.school.category, result: 'PASS' },
      },
    }),
  },
  revokeCertificate: {
    document: 'mutation($number: ID!, $reason: String!) { revokeCertificate(number: $number, reason: $reason) { __typename } }',
    call: (f) => ({ owner: teacherOwner(f.certificate.teacher, f.certificate.school), variables: { number: f.certificate.number, reason: '信息有误' } }),
  },
  reissueCertificate: {
    document: 'mutation($number: ID!, $reason: String) { reissueCertificate(number: $number, reason: $reason) { __typename } }',
    // An institution's certificate: its issuer (the institution inside) reissues it; bureaus over the holder are refused by the Sichuan rule, not by scope.
    call: (f) => {
      const c = f.institutionCertificate;
      return { owner: { ...teacherOwner(c.teacher, c.school), institutionId: c.institutionId }, variables: { number: c.number, reason: '遗失' } };
    },
  },
  explainLostCertificate: {
    document: 'mutation($number: ID!) { explainLostCertificate(number: $number, statement: "证书遗失，特此说明") { __typename } }',
    call: (f) => ({ owner: teacherOwner(f.certificate.teacher, f.certificate.school), variables: { number: f.certificate.number } }),
  },
  stampLostCertificateExplanation: {
    // No explanation has this id: the write to an unknown key is NOT_FOUND for every role the policy lets through.
    document: 'mutation($id: ID!) { stampLostCertificateExplanation(id: $id) { __typename } }',
    call: (f) => ({ owner: teacherOwner(f.certificate.teacher, f.certificate.school), variables: { id: 'no-such-explanation' } }),
  },
  importPartnerPassList: {
    document: 'mutation($input: ImportPassListInput!) { importPartnerPassList(input: $input) { __typename } }',
    call: (f) => ({
      owner: { regionCode: `${f.school.regionCode.slice(0, 2)}0000` },
      variables: { input: { programme: '中国移动', regionCode: `${f.school.regionCode.slice(0, 2)}0000`, xlsxBase64: f.passListXlsx } },
    }),
  },
  verifyPartnerPassEntry: {
    document: 'mutation($input: VerifyPassEntryInput!) { verifyPartnerPassEntry(input: $input) { __typename } }',
    call: (f) => ({
      owner: { regionCode: f.school.regionCode },
      variables: {
        input: {
          entryId: f.passList.entryId,
          idNumberSeen: f.teacher.idNumber,
          certificateNumberSeen: 'CM-2024-1',
          teacherId: f.teacher.id,
          schoolId: f.school.id,
          schoolCategory: f.school.category,
        },
      },
    }),
  },
  rejectPartnerPassEntry: {
    document: 'mutation($entryId: ID!, $reason: String!) { rejectPartnerPassEntry(entryId: $entryId, reason: $reason) { __typename } }',
    call: (f) => ({ owner: { regionCode: f.school.regionCode }, variables: { entryId: f.passList.entryId, reason: '证件不符' } }),
  },
  aggregatePartnerPassList: {
    document: 'mutation($listId: ID!) { aggregatePartnerPassList(listId: $listId) { entries { status } } }',
    call: (f) => ({ owner: { regionCode: f.school.regionCode }, variables: { listId: f.passList.listId } }),
    // A city aggregates the entries of its own region and leaves the others: outside it, nothing changes.
    refusedInData: (data) => data.aggregatePartnerPassList.entries.every((e: { status: string }) => e.status !== 'CITY_AGGREGATED'),
  },
  approvePartnerPassList: {
    document: 'mutation($listId: ID!) { approvePartnerPassList(listId: $listId) { __typename } }',
    call: (f) => ({ owner: { regionCode: `${f.school.regionCode.slice(0, 2)}0000` }, variables: { listId: f.passList.listId } }),
  },
  setItProgramTarget: {
    document: 'mutation($input: ItProgramTargetInput!) { setItProgramTarget(input: $input) { __typename } }',
    call: (f) => ({
      owner: { regionCode: cityOf(f.school.regionCode) },
      variables: { input: { regionCode: cityOf(f.school.regionCode), year: 2026, kind: 'COUNT', value: '10', source: '测试目标' } },
    }),
  },

  // credits
  registerCredit: {
    document: 'mutation($input: RegisterCreditInput!) { registerCredit(input: $input) { __typename } }',
    call: (f, role) => ({
      owner: { ...home(f), institutionId: f.institutionId },
      variables: {
        input: {
          teacherId: f.teacher.id,
          schoolId: f.school.id,
          regionCode: f.school.regionCode,
          earnedOn: '2025-05-01',
          offlineHours: '2',
          ...(role === 'INSTITUTION'
            ? { source: 'TRAINING_COMPLETION', category: 'CONCENTRATED', trainingProjectId: f.projectId }
            : { source: 'SCHOOL_BASED', category: 'SCHOOL_BASED' }),
        },
      },
    }),
  },
  reviewCreditRecord: {
    document: 'mutation($id: ID!) { reviewCreditRecord(id: $id, decision: APPROVE) { __typename } }',
    call: (f) => ({ owner: { ...home(f), institutionId: f.institutionId }, variables: { id: f.creditRecordId } }),
  },
  reportCreditRecords: {
    // The demo province (Sichuan) has no 上报 step: inside its scope a school admin is answered NO_REPORT_STEP, the domain's refusal.
    document: 'mutation($ids: [ID!]!) { reportCreditRecords(ids: $ids) { __typename } }',
    call: (f) => ({ owner: { ...home(f), institutionId: f.institutionId }, variables: { ids: [f.creditRecordId] } }),
  },
  verifyCreditRecord: {
    document: 'mutation($id: ID!) { verifyCreditRecord(id: $id) { __typename } }',
    call: (f) => ({ owner: { ...home(f), institutionId: f.institutionId }, variables: { id: f.creditRecordId } }),
  },
  revokeCreditRecord: {
    document: 'mutation($id: ID!) { revokeCreditRecord(id: $id, reason: "重复登记") { __typename } }',
    call: (f) => ({ owner: { ...home(f), institutionId: f.institutionId }, variables: { id: f.creditRecordId } }),
  },
  registerCompletionCredits: {
    document: 'mutation($input: CompletionCreditsInput!) { registerCompletionCredits(input: $input) { __typename } }',
    call: (f) => ({
      owner: { ...home(f), institutionId: f.institutionId },
      variables: {
        input: {
          enrollmentId: f.completed.id,
          teacherId: f.teacher.id,
          schoolId: f.school.id,
          regionCode: f.school.regionCode,
          trainingProjectId: f.projectId,
          completedOn: f.completed.completedOn ?? '2024-06-30',
          onlineHours: '0',
          offlineHours: '8',
        },
      },
    }),
  },
  importCreditRecords: {
    document: 'mutation($input: ImportCreditRecordsInput!) { importCreditRecords(input: $input) { rejected } }',
    call: (f) => {
      const sheet = sampleSheet(1, 0, 'matrix', [
        { id: f.teacher.id, idNumber: f.teacher.idNumber, schoolId: f.school.id, regionCode: f.school.regionCode, schoolCategory: f.school.category },
      ]);
      // Earned on the teacher's hire date, where the registry certainly places them.
      sheet.rows[0][sheet.rows[0].length - 1] = f.teacher.hireDate;
      return { owner: home(f), variables: { input: { fileName: 'matrix.csv', contentBase64: Buffer.from(sampleCsv(sheet)).toString('base64') } } };
    },
    refusedInData: (data) => data.importCreditRecords.rejected > 0,
  },

  // teachers
  registerTeacher: {
    document: 'mutation($input: RegisterTeacherInput!) { registerTeacher(input: $input) { __typename } }',
    call: (f) => ({
      owner: { schoolId: f.school.id, regionCode: f.school.regionCode },
      variables: { input: { idNumber: freshIdNumber(), name: '测试教师', schoolId: f.school.id, stage: f.teacher.stage, subject: '语文', hireDate: '2015-09-01' } },
    }),
  },
  updateTeacher: {
    document: 'mutation($id: ID!) { updateTeacher(id: $id, input: { subject: "数学" }) { __typename } }',
    call: (f) => ({ owner: home(f), variables: { id: f.teacher.id } }),
  },
  transferTeacher: {
    document: 'mutation($id: ID!, $schoolId: ID!) { transferTeacher(id: $id, schoolId: $schoolId) { __typename } }',
    call: (f) => ({ owner: teacherOwner(f.mover.teacher, f.mover.from), variables: { id: f.mover.teacher.id, schoolId: f.mover.to.id } }),
  },

  correctPlacement: {
    // The teacher's own school over their first days: the history is unchanged (neighbours at one school merge).
    document: 'mutation($teacherId: ID!, $input: PlacementCorrectionInput!) { correctPlacement(teacherId: $teacherId, input: $input) { __typename } }',
    call: (f) => {
      const next = new Date(Date.parse(`${f.teacher.hireDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      return {
        owner: home(f),
        variables: { teacherId: f.teacher.id, input: { schoolId: f.school.id, from: f.teacher.hireDate, to: next, reason: '人事档案核对' } },
      };
    },
  },

  // teachers: statistics intake (the workbook is not read before the scope check)
  submitStatisticsTable: {
    document: 'mutation($input: SubmitStatisticsTableInput!) { submitStatisticsTable(input: $input) { __typename } }',
    call: (f) => ({
      owner: { regionCode: f.school.regionCode },
      variables: { input: { regionCode: f.school.regionCode, year: 2017, xlsxBase64: 'UEsDBA==' } },
    }),
  },

  // training
  declareProject: {
    document: 'mutation($input: DeclareProjectInput!) { declareProject(input: $input) { __typename } }',
    call: (f) => ({
      owner: { institutionId: f.institutionId, regionCode: f.institutionRegion },
      variables: {
        input: {
          institutionId: f.institutionId,
          title: '矩阵测试项目',
          term: '2027-1',
          level: 'COUNTY',
          mode: 'OFFLINE',
          totalCredits: '2',
          onlineCredits: '0',
          leader: { name: '张老师', title: 'SENIOR', staffId: 'matrix-leader' },
          classes: [{ name: '一班', startsOn: '2027-03-01', endsOn: '2027-03-05', capacity: 40 }],
          fees: [{ item: 'TRAINING', amount: '0' }],
          audience: { stages: [f.teacher.stage] },
        },
      },
    }),
  },
  submitProject: { document: 'mutation($id: ID!) { submitProject(id: $id) { __typename } }', call: (f) => projectCall(f, {}) },
  reviewProject: { document: 'mutation($id: ID!) { reviewProject(id: $id, decision: APPROVE) { __typename } }', call: (f) => projectCall(f, {}) },
  publishProject: { document: 'mutation($id: ID!) { publishProject(id: $id) { __typename } }', call: (f) => projectCall(f, {}) },
  requestProjectChange: {
    document: 'mutation($id: ID!) { requestProjectChange(id: $id, description: "改期") { __typename } }',
    call: (f) => projectCall(f, {}),
  },
  approveProjectChange: { document: 'mutation($id: ID!) { approveProjectChange(id: $id) { __typename } }', call: (f) => projectCall(f, {}) },
  closeProject: { document: 'mutation($id: ID!) { closeProject(id: $id) { __typename } }', call: (f) => projectCall(f, {}) },
  publishClassSchedule: {
    document: 'mutation($classId: ID!) { publishClassSchedule(classId: $classId, schedule: "周一 9:00 开班") { __typename } }',
    call: (f) => ({ owner: { institutionId: f.institutionId, regionCode: f.institutionRegion }, variables: { classId: f.classId } }),
  },
  selectClass: {
    document: 'mutation($classId: ID!) { selectClass(classId: $classId) { __typename } }',
    call: (f) => ({ owner: home(f), variables: { classId: f.classId } }),
    selfOnly: true,
  },
  assignTeacher: {
    document: 'mutation($classId: ID!, $teachers: [AssignTeacherInput!]!) { assignTeacher(classId: $classId, teachers: $teachers) { __typename } }',
    call: (f) => ({
      owner: home(f),
      variables: { classId: f.classId, teachers: [{ teacherId: f.teacher.id, schoolId: f.school.id, regionCode: f.school.regionCode }] },
    }),
  },
  reviewEnrollment: {
    document: 'mutation($id: ID!) { reviewEnrollment(id: $id, approve: true) { __typename } }',
    call: (f) => enrollmentCall(f, f.selected, (id) => ({ id })),
  },
  recheckEnrollment: {
    document: 'mutation($id: ID!) { recheckEnrollment(id: $id, confirm: true) { __typename } }',
    call: (f) => enrollmentCall(f, f.approved, (id) => ({ id })),
  },
  recordCompletion: {
    document: 'mutation($id: ID!) { recordCompletion(id: $id, input: { hoursAttended: "8", result: COMPLETED }) { __typename } }',
    call: (f) => enrollmentCall(f, f.confirmed, (id) => ({ id })),
  },
  withdrawEnrollment: {
    document: 'mutation($id: ID!) { withdrawEnrollment(id: $id, reason: "工作冲突") { __typename } }',
    call: (f) => enrollmentCall(f, f.selected, (id) => ({ id })),
  },
  recordSpotCheck: {
    document: 'mutation($input: SpotCheckInput!) { recordSpotCheck(input: $input) { __typename } }',
    call: (f) => ({
      owner: { regionCode: f.institutionRegion },
      variables: { input: { institutionId: f.institutionId, result: 'PASSED', findings: '课程安排与申报一致' } },
    }),
  },
  reviseTrainingPolicy: {
    document: 'mutation($input: ReviseTrainingPolicyInput!) { reviseTrainingPolicy(input: $input) { __typename } }',
    // In force only from 2099: the matrix's other calls keep the shipped policy.
    call: (f) => {
      const provinceCode = f.school.regionCode.slice(0, 2);
      return {
        owner: { regionCode: `${provinceCode}0000` },
        variables: {
          input: {
            provinceCode,
            name: '矩阵测试修订',
            citation: 'Matrix test revision (not a real notice)',
            effectiveFrom: '2099-01-01',
            scheduleLeadDays: 5,
            sources: [{ field: 'scheduleLeadDays', source: 'Test data.', confirmed: false }],
          },
        },
      };
    },
  },
};

/**
 * A caller of `role` inside the scope of the row `owner` names, or outside it (another teacher,
 * a school and county of another city, another province, another institution). Null: anonymous.
 */
export function identityFor(role: Role, owner: RowOwner, inside: boolean, province: DemoProvince): Identity | null {
  const ownerRegion = owner.regionCode ?? province.schools.find((s) => s.id === owner.schoolId)?.regionCode ?? province.schools[0].regionCode;
  const prefix = ownerRegion.replace(/(00)+$/, '');
  const schoolOf = new Map(province.schools.map((s) => [s.id, s]));
  // A teacher (and so a school) inside the row's region, or in another city; schools named by the row first.
  const teacher = inside
    ? province.teachers.find((t) => t.id === owner.teacherId) ??
      province.teachers.find((t) => t.schoolId === owner.schoolId) ??
      province.teachers.find((t) => schoolOf.get(t.schoolId)!.regionCode.startsWith(prefix)) ??
      province.teachers[0]
    : province.teachers.find((t) => t.id !== owner.teacherId && schoolOf.get(t.schoolId)!.regionCode.slice(0, 4) !== ownerRegion.slice(0, 4))!;
  const school = schoolOf.get(teacher.schoolId)!;
  const region = inside ? ownerRegion : school.regionCode;
  const subject = `${role.toLowerCase()}-${inside ? 'inside' : 'outside'}`;
  switch (role) {
    case 'ANONYMOUS':
      return null;
    case 'ANALYST':
    case 'SYSTEM':
      return { role, subject };
    case 'SERVICE':
      // A slice's service token: it reads what the owners grant it, and writes only where a write rule names it (test/write-policy.test.ts names the service per rule).
      return { role, subject, service: 'credits' };
    case 'TEACHER':
      return { role, subject, teacherId: teacher.id, schoolId: school.id, regionCode: school.regionCode };
    case 'SCHOOL_ADMIN':
      return { role, subject, schoolId: school.id, regionCode: school.regionCode };
    case 'COUNTY_BUREAU':
      // A row of a city or the province has no county inside it: the county of a school there.
      return { role, subject, regionCode: inside && /00$/.test(region) && school.regionCode.startsWith(prefix) ? school.regionCode : region };
    case 'CITY_BUREAU':
      return { role, subject, regionCode: `${region.slice(0, 4)}00` };
    case 'PROVINCE_BUREAU':
      return { role, subject, regionCode: inside ? `${region.slice(0, 2)}0000` : '360000' };
    case 'INSTITUTION': {
      const institutionId = inside ? owner.institutionId ?? province.institutions[0].id : province.institutions.find((i) => i.id !== owner.institutionId)!.id;
      return { role, subject, institutionId };
    }
  }
}
