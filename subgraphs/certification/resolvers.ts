import { Like } from 'typeorm';
import { assertManages, assertRole } from '../../kit/access';
import { DateScalar, parseIsoDate, todayInChina } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { badInput, notFound } from '../../kit/errors';
import { isRegionCode, regionPrefix } from '../../standards/region-code';
import type { Resolvers } from './__generated__/resolvers-types';
import { capabilityOf, teacherProvince } from './capability';
import * as commands from './commands';
import type { Context } from './context';
import type { FactsAccess } from './graph-access';
import { formatBasisPoints, rateBasisPoints } from './rules/coverage';
import { lostCertificatePolicyFor, nextStampLevel, type Stamp } from './rules/lost-certificate';
import { attachment3Workbook, coverageOf, coverageWorkbook, developmentAssessmentCounts, executedByRegion, measuredCount, planOf, planWorkbook, progressOf, type Plan } from './coverage';
import { LostCertificateExplanation, PassList, ProgrammeTarget } from './entities';
import { EVIDENCE_TTL_MS, signEvidence } from './evidence';
import type { CertificationLoaders } from './loaders';
import * as partner from './partner';
import * as proofs from './proofs';
import { renderArchivePdf } from './archive';
import { renderCertificatePdf } from './pdf';
import type { RegionRep } from './models';
import { readCertificateNumber, formatCertificateNumber } from './rules/certificate-number';
import { verificationOutcome } from './rules/certificate-workflow';
import { isRetirementExempt } from './rules/it-capability';
import { PROGRAMMES, programmeFor, unconfirmedFields, type ItProgramme } from './rules/programmes';
import { titleEvaluationEligibility } from './rules/title-eligibility';

const BUREAUS = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];
/** 参训档案: the teacher, their school and the offices above it (row scope as any read of the teacher). */
const ARCHIVE_READERS = ['TEACHER', 'SCHOOL_ADMIN', 'COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'] as const;

function programmeView(p: ItProgramme) {
  return {
    ...p,
    requiredProofs: [...p.requiredProofs],
    minTotalHours: p.minTotalHoursMilli,
    minOnlineHours: p.minOnlineHoursMilli,
    minPracticeHours: p.minPracticeHoursMilli,
    unconfirmedFields: unconfirmedFields(p),
  };
}

/** Explanations oldest first: by the day of their first (filing) stamp, then id. */
function sortByFiling(rows: LostCertificateExplanation[]): LostCertificateExplanation[] {
  const filedOn = (row: LostCertificateExplanation) => (JSON.parse(row.stamps) as Stamp[])[0]?.stampedOn ?? '';
  return rows.sort((a, b) => filedOn(a).localeCompare(filedOn(b)) || a.id.localeCompare(b.id));
}

/** Numbers as typed (full-width, lower case) are looked up in their canonical form. */
function canonicalNumber(text: string): string {
  const parsed = readCertificateNumber(text);
  return parsed ? formatCertificateNumber(parsed) : text.trim();
}

async function regionCoverage(region: RegionRep, loaders: CertificationLoaders) {
  return coverageOf(region.code, region.teacherCounts, await loaders.trainedByRegion.load(region.code));
}

async function planFor(region: RegionRep, year: number, { loaders, dataSource }: Context): Promise<Plan> {
  const children = region.children ?? [];
  const [coverage, childCoverage, executed] = await Promise.all([
    regionCoverage(region, loaders),
    Promise.all(children.map((c) => regionCoverage(c, loaders))),
    executedByRegion(dataSource, children.map((c) => c.code), year),
  ]);
  return planOf(region, year, coverage, childCoverage, executed);
}

const resolvers: Resolvers = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    certificate: (_, { number }, { loaders }) => loaders.certificateByNumber.load(canonicalNumber(number)),
    verifyCertificate: async (_, { number, name }, { loaders }) => {
      const key = canonicalNumber(number);
      const certificate = await loaders.certificateByNumber.load(key);
      const replacement = certificate?.status === 'REISSUED' ? await loaders.replacementOf.load(certificate.number) : null;
      const outcome = verificationOutcome(
        certificate ? { number: certificate.number, status: certificate.status, holderName: certificate.holderName ?? '' } : null,
        replacement,
        name,
      );
      const matched = outcome.result !== 'NOT_FOUND' && outcome.result !== 'NAME_MISMATCH';
      return {
        number: key,
        result: outcome.result,
        kind: matched ? certificate!.kind : null,
        issuer: matched ? certificate!.issuer : null,
        issuedOn: matched ? certificate!.issuedOn : null,
        replacedBy: outcome.replacedBy ?? null,
      };
    },
    itProgrammes: () => PROGRAMMES.map(programmeView),
    lostCertificateRule: (_, { provinceCode }) => {
      if (!/^[1-9]\d$/.test(provinceCode)) {
        throw badInput(`"${provinceCode}" is not a two-digit GB/T 2260 province code such as 51.`, { field: 'provinceCode', rule: 'PROVINCE_CODE_FORMAT' });
      }
      const policy = lostCertificatePolicyFor(provinceCode);
      return { ...policy, explanationStamps: [...policy.explanationStamps] };
    },
    partnerPassList: async (_, { id }, { dataSource, identity }) => {
      const list = await dataSource.getRepository(PassList).findOneBy({ id });
      if (!list) return null;
      partner.assertListReader(identity, list);
      return list;
    },
    partnerPassSummary: (_, { regionCode }, { dataSource, identity }) => partner.passSummary(dataSource, identity, regionCode),
    lostCertificateExplanations: async (_, { regionCode, awaiting }, { dataSource, identity }) => {
      assertRole(identity, ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'], 'gather lost-certificate explanations');
      if (!isRegionCode(regionCode)) throw badInput(`"${regionCode}" is not a six-digit GB/T 2260 code.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
      assertManages(identity, { regionCode }, 'gather lost-certificate explanations');
      const rows = await dataSource.getRepository(LostCertificateExplanation).find({ where: { regionCode: Like(`${regionPrefix(regionCode)}%`) } });
      const orderOf = (row: LostCertificateExplanation) => lostCertificatePolicyFor(row.regionCode.slice(0, 2)).explanationStamps;
      return sortByFiling(rows.filter((row) => !awaiting || nextStampLevel(JSON.parse(row.stamps) as Stamp[], orderOf(row)) === awaiting)).sort((a, b) =>
        a.regionCode.localeCompare(b.regionCode),
      );
    },
    partnerPassLists: async (_, __, { dataSource, identity }) => {
      assertRole(identity, ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'], 'read partner pass lists');
      const lists = await dataSource.getRepository(PassList).find({ order: { createdAt: 'ASC' } });
      return lists.filter((l) => identity.role === 'SYSTEM' || l.regionCode.startsWith(identity.regionCode!.slice(0, 2)));
    },
  },

  Mutation: {
    recordItCompletionProof: (_, { input }, { dataSource, identity }) => proofs.recordCompletionProof(dataSource, identity, input),
    revokeCertificate: (_, { number, reason }, { dataSource, identity }) => commands.revokeCertificate(dataSource, identity, number, reason),
    reissueCertificate: (_, { number, reason, idempotencyKey }, { dataSource, identity }) => commands.reissueCertificate(dataSource, identity, number, reason, idempotencyKey),
    explainLostCertificate: (_, { number, statement, idempotencyKey }, { dataSource, identity }) =>
      commands.explainLostCertificate(dataSource, identity, number, statement, idempotencyKey),
    stampLostCertificateExplanation: (_, { id }, { dataSource, identity }) => commands.stampLostCertificateExplanation(dataSource, identity, id),
    rejectPartnerPassEntry: (_, { entryId, reason }, { dataSource, identity }) => partner.rejectEntry(dataSource, identity, entryId, reason),
    aggregatePartnerPassList: (_, { listId }, { dataSource, identity }) => partner.aggregateList(dataSource, identity, listId),
    approvePartnerPassList: (_, { listId }, { dataSource, identity }) => partner.approveList(dataSource, identity, listId),
    setItProgramTarget: async (_, { input }, { dataSource, identity }) => {
      assertManages(identity, { regionCode: input.regionCode }, 'set a target');
      const amount = (text: string, field: string) => {
        const n = input.kind === 'RATE' ? Math.round(Number(text) * 100) : Number(text);
        if (!/^\d+(\.\d{1,2})?$/.test(text.trim()) || !Number.isSafeInteger(n) || (input.kind === 'COUNT' && !/^\d+$/.test(text.trim()))) {
          throw badInput(`${field} "${text}" is not a ${input.kind === 'RATE' ? 'percentage with at most two decimals' : 'whole number of teachers'}.`, { field, rule: 'TARGET_VALUE' });
        }
        if (input.kind === 'RATE' && n > 10_000) throw badInput(`${field} is above 100 %.`, { field, rule: 'RATE_RANGE' });
        return n;
      };
      const row: ProgrammeTarget = {
        regionCode: input.regionCode,
        year: input.year,
        kind: input.kind,
        value: amount(input.value, 'value'),
        aim: input.aim ? amount(input.aim, 'aim') : null,
        source: input.source,
        measure: input.measure ?? 'IT_COMPLETION_HOLDERS',
      };
      await dataSource.getRepository(ProgrammeTarget).save(row);
      return row;
    },
  },

  Certificate: {
    __resolveReference: (ref, { loaders }) => loaders.certificateByNumber.load(ref.number),
    // Oldest first by the county's filing stamp (ids are random).
    lostExplanations: async (certificate, _, { dataSource }) =>
      sortByFiling(await dataSource.getRepository(LostCertificateExplanation).find({ where: { certificateNumber: certificate.number } })),
    teacher: (certificate) => ({ id: certificate.teacherId }),
    issuingBody: (certificate) =>
      certificate.issuingBodyKind
        ? {
            kind: certificate.issuingBodyKind,
            regionCode: certificate.issuingBodyKind === 'BUREAU' ? certificate.issuingBodyId : null,
            institutionId: certificate.issuingBodyKind === 'INSTITUTION' ? certificate.issuingBodyId : null,
          }
        : null,
    replaces: (certificate, _, { loaders }) => (certificate.replacesNumber ? loaders.certificateByNumber.load(certificate.replacesNumber) : null),
    replacedBy: (certificate, _, { loaders }) => (certificate.status === 'REISSUED' ? loaders.replacementOf.load(certificate.number) : null),
    // Reached only through row scope (holder, school, bureaus above): the PDF adds no other check.
    printable: async (certificate) =>
      certificate.status === 'ISSUED' ? (await renderCertificatePdf(certificate, certificate.holderName ?? '')).toString('base64') : null,
  },

  Teacher: {
    certificates: ({ id }, { kind }, { loaders }) =>
      loaders.certificatesByTeacher.load({ teacherId: id, kind: kind ?? null }),
    // The other slices' parts came through the gateway with the caller's own identity and scope.
    trainingArchive: async (teacher, _, { loaders, identity }) => {
      assertRole(identity, ARCHIVE_READERS, 'print a teacher\'s training archive');
      if (!teacher.name) return null;
      const certificates = await loaders.certificatesByTeacher.load({ teacherId: teacher.id, kind: null });
      return (await renderArchivePdf(teacher, certificates, todayInChina())).toString('base64');
    },
    itCapability: async (teacher, { asOf }, { loaders, identity }) => {
      const provinceCode = teacherProvince(teacher);
      const result = await capabilityOf({
        provinceCode,
        asOf,
        retirementDate: teacher.retirementDate ?? null,
        hours: teacher.itTrainingHours ?? [],
        preAssessmentDone: (programme) => loaders.preAssessmentDone.load({ teacherId: teacher.id, programmeId: programme.id }),
        proofs: (programme) => loaders.proofsOf.load({ teacherId: teacher.id, programmeId: programme.id }),
        certificates: () => loaders.certificatesByTeacher.load({ teacherId: teacher.id, kind: 'IT_CAPABILITY_COMPLETION' }),
      });
      const e = result.evaluation;
      return {
        programme: result.programme ? programmeView(result.programme) : null,
        asOf: result.asOf,
        onlineHours: e?.onlineHoursMilli ?? 0,
        practiceHours: e?.practiceHoursMilli ?? 0,
        totalHours: e?.totalHoursMilli ?? 0,
        preAssessmentDone: result.preAssessmentDone,
        proofs: result.proofs,
        exempt: e?.exempt ?? false,
        complete: e?.complete ?? false,
        missing: e ? e.missing : [`no IT capability programme is configured for province ${provinceCode} on ${result.asOf}`],
        certificate: result.certificate,
        evidence:
          e && BUREAUS.includes(identity.role)
            ? signEvidence({
                teacherId: teacher.id,
                programmeId: e.programme.id,
                onlineHoursMilli: e.onlineHoursMilli,
                practiceHoursMilli: e.practiceHoursMilli,
                retirementDate: teacher.retirementDate ?? null,
                asOf: result.asOf,
                expires: Date.now() + EVIDENCE_TTL_MS,
              })
            : null,
      };
    },
    titleEvaluationEligibility: async (teacher, { date }, { loaders }) => {
      const evaluationDate = date ? parseIsoDate(date) : todayInChina();
      const provinceCode = teacherProvince(teacher);
      const certificates = await loaders.certificatesByTeacher.load({ teacherId: teacher.id, kind: 'IT_CAPABILITY_COMPLETION' });
      const programme = programmeFor(provinceCode, evaluationDate);
      const exempt = programme ? isRetirementExempt(programme, teacher.retirementDate ?? null, evaluationDate) : false;
      return {
        evaluationDate,
        ...titleEvaluationEligibility({
          provinceCode,
          evaluationDate,
          // Any version's completion certificate, held (ISSUED) and issued by the evaluation date.
          hasCompletionCertificate: certificates.some((c) => c.status === 'ISSUED' && c.issuedOn <= evaluationDate),
          exempt,
        }),
      };
    },
  },

  Region: {
    itProgramCoverage: (region, _, { loaders }) => regionCoverage(region, loaders),
    developmentAssessment: async (region, _, { dataSource }) => {
      const teachers = region.teacherCounts.kindergarten + region.teacherCounts.primaryAndSecondary + region.teacherCounts.vocational;
      const { holders, excellent } = await developmentAssessmentCounts(dataSource, region.code);
      const rate = (part: number) => {
        const basisPoints = rateBasisPoints(Math.min(part, teachers), teachers);
        return basisPoints === null ? null : formatBasisPoints(basisPoints);
      };
      return { regionCode: region.code, teachers, holders, excellent, passRate: rate(holders), excellentRate: rate(excellent) };
    },
    itProgramTargets: async (region, _, { loaders, dataSource }) => {
      const [coverage, targets] = await Promise.all([regionCoverage(region, loaders), loaders.targetsByRegion.load(region.code)]);
      // Each target on the measure its notice names (a few targets per region: one count each).
      return Promise.all(targets.map(async (t) => progressOf(t, coverage, await measuredCount(dataSource, region.code, t.measure, t.year, coverage))));
    },
    itProgramCoverageXlsx: async (region, _, { loaders }) => {
      const children = region.children ?? [];
      const [coverage, childCoverage] = await Promise.all([regionCoverage(region, loaders), Promise.all(children.map((c) => regionCoverage(c, loaders)))]);
      return coverageWorkbook(region, coverage, children.map((c, i) => ({ region: c, coverage: childCoverage[i] })));
    },
    itProgramPlan: (region, { year }, context) => planFor(region, year, context),
  },

  ItProgramPlan: {
    xlsx: (plan) => planWorkbook(plan),
    attachment3Xlsx: (plan) => attachment3Workbook(plan),
  },

  ItProgramTarget: {
    value: (t) => (t.kind === 'RATE' ? (t.value / 100).toFixed(2) : String(t.value)),
    aim: (t) => (t.aim === null ? null : t.kind === 'RATE' ? (t.aim / 100).toFixed(2) : String(t.aim)),
  },

  ItCompletionReview: {
    onlineHours: (r) => r.onlineHoursMilli,
    practiceHours: (r) => r.practiceHoursMilli,
  },

  LostCertificateExplanation: {
    certificate: async (row, _, { loaders }) => {
      const certificate = await loaders.certificateByNumber.load(row.certificateNumber);
      if (!certificate) throw notFound('Certificate', row.certificateNumber);
      return certificate;
    },
    stamps: (row) => JSON.parse(row.stamps) as Stamp[],
    nextStamp: (row) => nextStampLevel(JSON.parse(row.stamps) as Stamp[], lostCertificatePolicyFor(row.regionCode.slice(0, 2)).explanationStamps),
  },

  PartnerPassList: {
    feedbackSheet: (list, { regionCode }, { dataSource, identity }) => partner.feedbackSheet(dataSource, identity, list, regionCode),
    entries: (list, _, { dataSource, identity }) => partner.visibleEntries(dataSource, identity, list.id),
    audit: (list, _, { dataSource, identity }) => partner.visibleAudit(dataSource, identity, list.id),
  },

  PartnerPassEntry: {
    idNumber: (entry) => partner.maskIdNumber(entry.idNumber),
    certificate: (entry, _, { loaders }) => (entry.certificateNumber ? loaders.certificateByNumber.load(entry.certificateNumber) : null),
  },

  PassAuditEntry: {
    before: (a) => a.beforeStatus,
    after: (a) => a.afterStatus,
  },
};

export interface CertificationResolversConfig {
  /** The registry's and training's facts as the graph shows them; read per call so configuration can arrive late. */
  facts: () => FactsAccess | null;
}

/** The resolvers, with the graph access that the writes checked against other slices' facts use. */
export function createResolvers({ facts }: CertificationResolversConfig): Resolvers {
  return {
    ...resolvers,
    Mutation: {
      ...resolvers.Mutation,
      recordPreAssessment: (_, { input }, { dataSource, identity }) => commands.recordPreAssessment(dataSource, identity, input, facts),
      importPartnerPassList: (_, { input, idempotencyKey }, { dataSource, identity }) => partner.importPassList(dataSource, identity, input, facts, idempotencyKey),
      verifyPartnerPassEntry: (_, { input }, { dataSource, identity }) => partner.verifyEntry(dataSource, identity, input, facts),
      reviewItCompletion: (_, { input }, { dataSource, identity }) => commands.reviewItCompletion(dataSource, identity, input, facts),
      issueItCompletionCertificate: (_, { teacherId, idempotencyKey }, { dataSource, identity }) =>
        commands.issueItCompletionCertificate(dataSource, identity, teacherId, facts, idempotencyKey),
      issueDevelopmentAssessmentCertificate: (_, { input, idempotencyKey }, { dataSource, identity }) =>
        commands.issueDevelopmentAssessmentCertificate(dataSource, identity, input, facts, idempotencyKey),
    },
  };
}
