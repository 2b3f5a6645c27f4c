import { assertManages, assertRole } from '../../kit/access';
import { DateScalar, parseIsoDate, todayInChina } from '../../kit/date';
import { DecimalScalar } from '../../kit/decimal';
import { badInput } from '../../kit/errors';
import type { Resolvers, SubgraphContext } from '../../kit/subgraph';
import { capabilityOf, serviceProvince, type HoursRow } from './capability';
import * as commands from './commands';
import { coverageOf, coverageWorkbook, executedByRegion, planOf, planWorkbook, progressOf, type Plan, type RegionRep } from './coverage';
import { type Certificate, type CompletionReview, type PassAudit, type PassEntry, PassList, ProgrammeTarget } from './entities';
import { EVIDENCE_TTL_MS, signEvidence } from './evidence';
import type { CertificationLoaders } from './loaders';
import * as partner from './partner';
import { renderCertificatePdf } from './pdf';
import { readCertificateNumber, formatCertificateNumber } from './rules/certificate-number';
import { verificationOutcome, type CertificateStatus } from './rules/certificate-workflow';
import { isRetirementExempt } from './rules/it-capability';
import { PROGRAMMES, programmeFor, unconfirmedFields, type ItProgramme } from './rules/programmes';
import { titleEvaluationEligibility } from './rules/title-eligibility';

type Context = SubgraphContext<CertificationLoaders>;

interface TeacherRep {
  id: string;
  retirementDate?: string | null;
  itTrainingHours?: HoursRow[];
}

const BUREAUS = ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'];

function programmeView(p: ItProgramme) {
  return {
    ...p,
    minTotalHours: p.minTotalHoursMilli,
    minOnlineHours: p.minOnlineHoursMilli,
    minPracticeHours: p.minPracticeHoursMilli,
    unconfirmedFields: unconfirmedFields(p),
  };
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

export const resolvers: Resolvers<CertificationLoaders> = {
  Date: DateScalar,
  Decimal: DecimalScalar,

  Query: {
    certificate: (_: unknown, { number }: { number: string }, { loaders }: Context) => loaders.certificateByNumber.load(canonicalNumber(number)),
    verifyCertificate: async (_: unknown, { number, name }: { number: string; name: string }, { loaders }: Context) => {
      const key = canonicalNumber(number);
      const certificate = await loaders.certificateByNumber.load(key);
      const replacement = certificate?.status === 'REISSUED' ? await loaders.replacementOf.load(certificate.number) : null;
      const outcome = verificationOutcome(
        certificate ? { number: certificate.number, status: certificate.status as CertificateStatus, holderName: certificate.holderName ?? '' } : null,
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
    partnerPassList: async (_: unknown, { id }: { id: string }, { dataSource, identity }: Context) => {
      const list = await dataSource.getRepository(PassList).findOneBy({ id });
      if (!list) return null;
      partner.assertListReader(identity, list);
      return list;
    },
    partnerPassLists: async (_: unknown, __: unknown, { dataSource, identity }: Context) => {
      assertRole(identity, ['COUNTY_BUREAU', 'CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'], 'read partner pass lists');
      const lists = await dataSource.getRepository(PassList).find({ order: { createdAt: 'ASC' } });
      return lists.filter((l) => identity.role === 'SYSTEM' || l.regionCode.startsWith(identity.regionCode!.slice(0, 2)));
    },
  },

  Mutation: {
    recordPreAssessment: (_: unknown, { input }: { input: Parameters<typeof commands.recordPreAssessment>[2] }, { dataSource, identity }: Context) =>
      commands.recordPreAssessment(dataSource, identity, input),
    reviewItCompletion: (_: unknown, { input }: { input: Parameters<typeof commands.reviewItCompletion>[2] }, { dataSource, identity }: Context) =>
      commands.reviewItCompletion(dataSource, identity, input),
    issueItCompletionCertificate: (_: unknown, { teacherId }: { teacherId: string }, { dataSource, identity }: Context) =>
      commands.issueItCompletionCertificate(dataSource, identity, teacherId),
    issueDevelopmentAssessmentCertificate: (
      _: unknown,
      { input }: { input: Parameters<typeof commands.issueDevelopmentAssessmentCertificate>[2] },
      { dataSource, identity }: Context,
    ) => commands.issueDevelopmentAssessmentCertificate(dataSource, identity, input),
    revokeCertificate: (_: unknown, { number, reason }: { number: string; reason: string }, { dataSource, identity }: Context) =>
      commands.revokeCertificate(dataSource, identity, number, reason),
    reissueCertificate: (_: unknown, { number, reason }: { number: string; reason?: string | null }, { dataSource, identity }: Context) =>
      commands.reissueCertificate(dataSource, identity, number, reason),
    importPartnerPassList: (_: unknown, { input }: { input: Parameters<typeof partner.importPassList>[2] }, { dataSource, identity }: Context) =>
      partner.importPassList(dataSource, identity, input),
    verifyPartnerPassEntry: (_: unknown, { input }: { input: Parameters<typeof partner.verifyEntry>[2] }, { dataSource, identity }: Context) =>
      partner.verifyEntry(dataSource, identity, input),
    rejectPartnerPassEntry: (_: unknown, { entryId, reason }: { entryId: string; reason: string }, { dataSource, identity }: Context) =>
      partner.rejectEntry(dataSource, identity, entryId, reason),
    aggregatePartnerPassList: (_: unknown, { listId }: { listId: string }, { dataSource, identity }: Context) =>
      partner.aggregateList(dataSource, identity, listId),
    approvePartnerPassList: (_: unknown, { listId }: { listId: string }, { dataSource, identity }: Context) =>
      partner.approveList(dataSource, identity, listId),
    setItProgramTarget: async (
      _: unknown,
      { input }: { input: { regionCode: string; year: number; kind: 'RATE' | 'COUNT'; value: string; aim?: string | null; source: string } },
      { dataSource, identity }: Context,
    ) => {
      assertRole(identity, ['CITY_BUREAU', 'PROVINCE_BUREAU', 'SYSTEM'], 'set coverage targets');
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
      };
      await dataSource.getRepository(ProgrammeTarget).save(row);
      return row;
    },
  },

  Certificate: {
    __resolveReference: (ref: { number: string }, { loaders }: Context) => loaders.certificateByNumber.load(ref.number),
    teacher: (certificate: Certificate) => ({ __typename: 'Teacher', id: certificate.teacherId }),
    replaces: (certificate: Certificate, _: unknown, { loaders }: Context) =>
      certificate.replacesNumber ? loaders.certificateByNumber.load(certificate.replacesNumber) : null,
    replacedBy: (certificate: Certificate, _: unknown, { loaders }: Context) =>
      certificate.status === 'REISSUED' ? loaders.replacementOf.load(certificate.number) : null,
    // Reached only through row scope (holder, school, bureaus above): the PDF adds no other check.
    printable: async (certificate: Certificate) =>
      certificate.status === 'ISSUED' ? (await renderCertificatePdf(certificate, certificate.holderName ?? '')).toString('base64') : null,
  },

  Teacher: {
    certificates: ({ id }: { id: string }, { kind }: { kind?: string | null }, { loaders }: Context) =>
      loaders.certificatesByTeacher.load({ teacherId: id, kind: kind ?? null }),
    itCapability: async (teacher: TeacherRep, { asOf }: { asOf?: string | null }, { loaders, identity }: Context) => {
      const result = await capabilityOf({
        provinceCode: serviceProvince(),
        asOf,
        retirementDate: teacher.retirementDate ?? null,
        hours: teacher.itTrainingHours ?? [],
        preAssessmentDone: (programme) => loaders.preAssessmentDone.load({ teacherId: teacher.id, programmeId: programme.id }),
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
        exempt: e?.exempt ?? false,
        complete: e?.complete ?? false,
        missing: e ? e.missing : [`no IT capability programme runs in province ${serviceProvince()} on ${result.asOf}`],
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
    titleEvaluationEligibility: async (teacher: TeacherRep, { date }: { date?: string | null }, { loaders }: Context) => {
      const evaluationDate = date ? parseIsoDate(date) : todayInChina();
      const provinceCode = serviceProvince();
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
    itProgramCoverage: (region: RegionRep, _: unknown, { loaders }: Context) => regionCoverage(region, loaders),
    itProgramTargets: async (region: RegionRep, _: unknown, { loaders }: Context) => {
      const [coverage, targets] = await Promise.all([regionCoverage(region, loaders), loaders.targetsByRegion.load(region.code)]);
      return targets.map((t) => progressOf(t, coverage));
    },
    itProgramCoverageXlsx: async (region: RegionRep, _: unknown, { loaders }: Context) => {
      const children = region.children ?? [];
      const [coverage, childCoverage] = await Promise.all([regionCoverage(region, loaders), Promise.all(children.map((c) => regionCoverage(c, loaders)))]);
      return coverageWorkbook(region, coverage, children.map((c, i) => ({ region: c, coverage: childCoverage[i] })));
    },
    itProgramPlan: (region: RegionRep, { year }: { year: number }, context: Context) => planFor(region, year, context),
  },

  ItProgramPlan: {
    xlsx: (plan: Plan) => planWorkbook(plan),
  },

  ItProgramTarget: {
    value: (t: ProgrammeTarget) => (t.kind === 'RATE' ? (t.value / 100).toFixed(2) : String(t.value)),
    aim: (t: ProgrammeTarget) => (t.aim === null ? null : t.kind === 'RATE' ? (t.aim / 100).toFixed(2) : String(t.aim)),
  },

  ItCompletionReview: {
    onlineHours: (r: CompletionReview) => r.onlineHoursMilli,
    practiceHours: (r: CompletionReview) => r.practiceHoursMilli,
  },

  PartnerPassList: {
    entries: (list: PassList, _: unknown, { dataSource, identity }: Context) => partner.visibleEntries(dataSource, identity, list.id),
    audit: (list: PassList, _: unknown, { dataSource, identity }: Context) => partner.visibleAudit(dataSource, identity, list.id),
  },

  PartnerPassEntry: {
    idNumber: (entry: PassEntry) => partner.maskIdNumber(entry.idNumber),
    certificate: (entry: PassEntry, _: unknown, { loaders }: Context) => (entry.certificateNumber ? loaders.certificateByNumber.load(entry.certificateNumber) : null),
  },

  PassAuditEntry: {
    before: (a: PassAudit) => a.beforeStatus,
    after: (a: PassAudit) => a.afterStatus,
  },
};

