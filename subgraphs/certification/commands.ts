import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { assertManages, canSee, outOfScope } from '../../kit/access';
import { writeLock, inTransaction } from '../../kit/data-source';
import { once, type IdempotentCall } from '../../kit/idempotency';
import { parseIsoDate, todayInChina, type IsoDate } from '../../kit/date';
import { DomainError, badInput, notFound } from '../../kit/errors';
import type { Identity } from '../../kit/identity';
import { isRegionCode } from '../../standards/region-code';
import { Certificate, CertificationIdempotencyKey, CompletionReview, LostCertificateExplanation, PreAssessment } from './entities';
import { completionCertificateOf } from './capability';
import { readEvidence } from './evidence';
import { allocateNumber } from './numbering';
import { proofKindsOf } from './proofs';
import type { AssessmentLevel, CertificateKind, DevelopmentAssessmentInput, ItCompletionReviewInput, PreAssessmentInput } from './__generated__/resolvers-types';
import { readCertificateNumber, type NumberKind } from './rules/certificate-number';
import { transitionCertificate } from './rules/certificate-workflow';
import { issuingBodyByName, type IssuingBody } from './rules/issuing-body';
import { addStamp, checkReissuer, explanationStampsOf, lostCertificatePolicyFor, nextStampLevel, type Stamp, type StampLevel } from './rules/lost-certificate';
import { checkIssuance, DEVELOPMENT_ASSESSMENT_RESULTS } from './rules/issuance';
import { evaluateItCapability } from './rules/it-capability';
import { PROGRAMMES, type ItProgramme } from './rules/programmes';
import { PLACEMENT_MISMATCH, UNKNOWN_TEACHER } from './rules/registry-facts';
import { requireFacts, type FactsAccess, type RegistryPlacement } from './graph-access';

/** Issuing bodies by province (the completion certificate is provincial). */
const ISSUERS: Record<string, string> = { '51': '四川省教育厅', '35': '福建省教育厅', '43': '湖南省教育厅', '33': '浙江省教育厅', '36': '江西省教育厅' };
export function issuerOf(provinceCode: string): string {
  return ISSUERS[provinceCode] ?? `省级教育行政部门 (${provinceCode})`;
}

const SCHOOL_CATEGORIES = ['KINDERGARTEN', 'PRIMARY_AND_SECONDARY', 'VOCATIONAL', 'SPECIAL_EDUCATION'];
function checkCategory(category: string): string {
  if (!SCHOOL_CATEGORIES.includes(category)) {
    throw badInput(`schoolCategory must be one of ${SCHOOL_CATEGORIES.join(', ')}.`, { field: 'schoolCategory', rule: 'SCHOOL_CATEGORY' });
  }
  return category;
}
function checkRegion(code: string): string {
  if (!isRegionCode(code)) throw badInput(`"${code}" is not a six-digit GB/T 2260 code.`, { field: 'regionCode', rule: 'REGION_CODE_FORMAT' });
  return code;
}

export interface Holder {
  teacherId: string;
  holderName: string;
  schoolId: string;
  regionCode: string;
  /** Null only for certificates stored before categories were kept. */
  schoolCategory: string | null;
}

/** Inserts a certificate with a freshly allocated number, in the caller's transaction. */
export async function insertCertificate(
  manager: EntityManager,
  holder: Holder,
  what: {
    kind: CertificateKind;
    numberKind: NumberKind;
    level: AssessmentLevel | null;
    replacesNumber?: string | null;
    issuer?: string;
    /** 发证机构; by default the body the printed issuer names (rules/issuing-body). */
    issuingBody?: IssuingBody | null;
  },
  on: IsoDate = todayInChina(),
): Promise<Certificate> {
  const provinceCode = holder.regionCode.slice(0, 2);
  const issuer = what.issuer ?? issuerOf(provinceCode);
  const issuingBody = what.issuingBody !== undefined ? what.issuingBody : issuingBodyByName(issuer, provinceCode, issuerOf(provinceCode));
  const number = await allocateNumber(manager, what.numberKind, provinceCode, Number(on.slice(0, 4)));
  const certificate = manager.create(Certificate, {
    number,
    kind: what.kind,
    teacherId: holder.teacherId,
    schoolId: holder.schoolId,
    regionCode: holder.regionCode,
    schoolCategory: holder.schoolCategory,
    holderName: holder.holderName.trim(),
    issuer,
    issuingBodyKind: issuingBody?.kind ?? null,
    issuingBodyId: issuingBody?.id ?? null,
    issuedOn: on,
    status: 'ISSUED',
    replacesNumber: what.replacesNumber ?? null,
    level: what.level,
    statusReason: null,
  });
  await manager.insert(Certificate, certificate);
  return certificate;
}

async function activeOfKind(manager: EntityManager, teacherId: string, kind: CertificateKind): Promise<Certificate[]> {
  return manager.find(Certificate, { where: { teacherId, kind, status: 'ISSUED' } });
}


/** Where the registry places the teacher today (graph-access.ts); NOT_FOUND when it has no such teacher. */
async function registryPlacement(facts: FactsAccess, teacherId: string): Promise<RegistryPlacement> {
  const placed = await facts.placement(teacherId);
  if (!placed) throw new DomainError('NOT_FOUND', `The registry has no teacher ${teacherId}; nothing was stored.`, { field: 'teacherId', rule: UNKNOWN_TEACHER });
  return placed;
}

/** What the input states of the teacher's school, county and category must be the registry's. */
export function assertStatedPlacement(teacherId: string, placed: RegistryPlacement, stated: Partial<RegistryPlacement>): void {
  const differs = (Object.keys(stated) as (keyof RegistryPlacement)[]).find((field) => stated[field] !== placed[field]);
  if (differs) {
    throw new DomainError(
      PLACEMENT_MISMATCH,
      `The registry places teacher ${teacherId} at school ${placed.schoolId} (${placed.schoolCategory}) in ${placed.regionCode}; the input's ${differs} "${stated[differs]}" differs. Certification files a teacher where the registry does; nothing was stored.`,
      { field: differs, rule: PLACEMENT_MISMATCH },
    );
  }
}

/**
 * 诊断测评: a bureau records a pre-assessment for a teacher the registry places in its region; an
 * institution only for a teacher enrolled in one of its projects (training's record). The input's
 * county must be the registry's.
 */
export async function recordPreAssessment(
  dataSource: DataSource,
  identity: Identity,
  input: PreAssessmentInput,
  facts: () => FactsAccess | null,
): Promise<PreAssessment> {
  const regionCode = checkRegion(input.regionCode);
  const access = requireFacts(facts(), 'Pre-assessments');
  const [placed, trainers] = await Promise.all([
    registryPlacement(access, input.teacherId),
    identity.role === 'INSTITUTION' ? access.enrollingInstitutions(input.teacherId) : null,
  ]);
  if (trainers && !trainers.has(identity.institutionId!)) {
    throw outOfScope(`Teacher ${input.teacherId} is not enrolled in a project of this institution (training's record), so it may not record their pre-assessment.`);
  }
  if (!trainers) assertManages(identity, placed, 'record a pre-assessment');
  assertStatedPlacement(input.teacherId, placed, { regionCode });
  if (!PROGRAMMES.some((p) => p.id === input.programmeId)) throw notFound('IT programme', input.programmeId);
  const row: PreAssessment = {
    teacherId: input.teacherId,
    programmeId: input.programmeId,
    regionCode: placed.regionCode,
    assessedOn: parseIsoDate(input.assessedOn),
    recordedBy: identity.subject,
  };
  await dataSource.getRepository(PreAssessment).save(row);
  return row;
}

function programmeById(id: string): ItProgramme {
  const programme = PROGRAMMES.find((p) => p.id === id);
  if (!programme) throw notFound('IT programme', id);
  return programme;
}

/**
 * The city project office (工程办) reviews a completion from signed evidence; the rule is evaluated
 * again on the evidence's figures and the review is kept with them (a later review replaces it).
 * The office's scope is checked on the registry's placement of the teacher, and the input's school,
 * county and category must be the registry's.
 */
export async function reviewItCompletion(
  dataSource: DataSource,
  identity: Identity,
  input: ItCompletionReviewInput,
  facts: () => FactsAccess | null,
): Promise<CompletionReview> {
  const regionCode = checkRegion(input.regionCode);
  const placed = await registryPlacement(requireFacts(facts(), 'Completion reviews'), input.teacherId);
  assertManages(identity, placed, 'review a completion');
  assertStatedPlacement(input.teacherId, placed, { schoolId: input.schoolId, regionCode, schoolCategory: checkCategory(input.schoolCategory) });
  const evidence = readEvidence(input.evidence);
  if (evidence.teacherId !== input.teacherId) {
    throw badInput('The evidence is about another teacher.', { field: 'evidence', rule: 'EVIDENCE_TEACHER' });
  }
  const programme = programmeById(evidence.programmeId);
  const preAssessmentDone = !!(await dataSource.getRepository(PreAssessment).findOneBy({ teacherId: input.teacherId, programmeId: programme.id }));
  const evaluation = evaluateItCapability({
    programme,
    onlineHoursMilli: evidence.onlineHoursMilli,
    practiceHoursMilli: evidence.practiceHoursMilli,
    preAssessmentDone,
    retirementDate: evidence.retirementDate,
    asOf: evidence.asOf,
    proofs: await proofKindsOf(dataSource.manager, input.teacherId, programme.id),
  });
  if (!evaluation.complete) {
    throw new DomainError('NOT_ELIGIBLE', `The completion cannot be reviewed: still missing ${evaluation.missing.join('; ')}.`, {
      kind: 'IT_CAPABILITY_COMPLETION',
      missing: evaluation.missing,
    });
  }
  const review: CompletionReview = {
    teacherId: input.teacherId,
    programmeId: programme.id,
    holderName: input.holderName.trim(),
    schoolId: placed.schoolId,
    regionCode: placed.regionCode,
    schoolCategory: placed.schoolCategory,
    onlineHoursMilli: evidence.onlineHoursMilli,
    practiceHoursMilli: evidence.practiceHoursMilli,
    preAssessmentDone,
    retirementDate: evidence.retirementDate,
    reviewedOn: todayInChina(),
    reviewedBy: identity.subject,
    reviewerRegion: identity.regionCode ?? placed.regionCode,
  };
  await dataSource.getRepository(CompletionReview).save(review);
  return review;
}

/**
 * Issues the IT completion certificate from the newest review: completion is re-checked on the
 * reviewed figures (and the pre-assessment as stored now) through `checkIssuance`, in one
 * transaction with the number allocation. The bureau's scope is checked first, on the registry's
 * placement of the teacher (whether a review exists is not told outside it), and the certificate
 * is filed there.
 */
export async function issueItCompletionCertificate(
  dataSource: DataSource,
  identity: Identity,
  teacherId: string,
  facts: () => FactsAccess | null,
  idempotencyKey?: string | null,
): Promise<Certificate> {
  const placed = await registryPlacement(requireFacts(facts(), 'Certificates'), teacherId);
  assertManages(identity, placed, 'issue a certificate');
  const call = { keys: CertificationIdempotencyKey, mutation: 'issueItCompletionCertificate', identity, key: idempotencyKey, payload: { teacherId } };
  return issuedOnce(dataSource, call, async (manager) => {
    const reviews = await manager.find(CompletionReview, { where: { teacherId }, order: { reviewedOn: 'DESC' } });
    const review = reviews[0];
    if (!review) {
      throw new DomainError(
        'CITY_OFFICE_REVIEW_REQUIRED',
        'No city project office (工程办) review of this teacher’s completion is recorded: the office reviews it with reviewItCompletion first.',
        { kind: 'IT_CAPABILITY_COMPLETION', missing: ['the city project office review (工程办审核)'] },
      );
    }
    const programme = programmeById(review.programmeId);
    const preAssessmentDone =
      review.preAssessmentDone || !!(await manager.findOneBy(PreAssessment, { teacherId, programmeId: programme.id }));
    const evaluation = evaluateItCapability({
      programme,
      onlineHoursMilli: review.onlineHoursMilli,
      practiceHoursMilli: review.practiceHoursMilli,
      preAssessmentDone,
      retirementDate: review.retirementDate,
      asOf: todayInChina(),
      proofs: await proofKindsOf(manager, teacherId, programme.id),
    });
    const active = await activeOfKind(manager, teacherId, 'IT_CAPABILITY_COMPLETION');
    const decision = checkIssuance({
      kind: 'IT_CAPABILITY_COMPLETION',
      programmeEvaluation: evaluation,
      cityOfficeReviewed: true,
      existingActiveCertificateOfKind: completionCertificateOf(programme, active) !== null,
    });
    return insertCertificate(manager, { ...review, ...placed }, decision);
  });
}

/**
 * Runs `issue` once per idempotency key (kit/idempotency.ts), retrying a deadlock victim as issuing
 * always did (numbering, see numbering.ts), and answers the certificate the first call issued.
 */
function issuedOnce(dataSource: DataSource, call: IdempotentCall, issue: (manager: EntityManager) => Promise<Certificate>): Promise<Certificate> {
  return once(
    dataSource,
    call,
    async (manager) => (await issue(manager)).number,
    (number) => dataSource.getRepository(Certificate).findOneByOrFail({ number }),
    { retryDeadlocks: true },
  );
}

/** 发展测评合格证书: for a teacher the registry places in the bureau's region, filed where the registry places them. */
export async function issueDevelopmentAssessmentCertificate(
  dataSource: DataSource,
  identity: Identity,
  input: DevelopmentAssessmentInput,
  facts: () => FactsAccess | null,
  idempotencyKey?: string | null,
): Promise<Certificate> {
  const regionCode = checkRegion(input.regionCode);
  const placed = await registryPlacement(requireFacts(facts(), 'Certificates'), input.teacherId);
  assertManages(identity, placed, 'issue a certificate');
  assertStatedPlacement(input.teacherId, placed, { schoolId: input.schoolId, regionCode, schoolCategory: checkCategory(input.schoolCategory) });
  const result = DEVELOPMENT_ASSESSMENT_RESULTS.find((r) => r === input.result);
  if (!result) {
    throw badInput('result is PASS, EXCELLENT or FAIL.', { field: 'result', rule: 'ASSESSMENT_RESULT' });
  }
  const call = { keys: CertificationIdempotencyKey, mutation: 'issueDevelopmentAssessmentCertificate', identity, key: idempotencyKey, payload: input };
  return issuedOnce(dataSource, call, async (manager) => {
    const decision = checkIssuance({
      kind: 'DEVELOPMENT_ASSESSMENT',
      assessmentResult: result,
      existingActiveCertificateOfKind: (await activeOfKind(manager, input.teacherId, 'DEVELOPMENT_ASSESSMENT')).length > 0,
    });
    return insertCertificate(manager, { ...input, ...placed }, decision);
  });
}

async function lockedCertificate(manager: EntityManager, dataSource: DataSource, number: string): Promise<Certificate> {
  const parsed = readCertificateNumber(number);
  const key = parsed ? `${parsed.kind}-${parsed.provinceCode}-${parsed.year}-${String(parsed.sequence).padStart(6, '0')}` : number.trim();
  const certificate = await manager.findOne(Certificate, { where: { number: key }, lock: writeLock(dataSource) });
  if (!certificate) throw notFound('Certificate', number);
  return certificate;
}

export async function revokeCertificate(dataSource: DataSource, identity: Identity, number: string, reason: string): Promise<Certificate> {
  return inTransaction(dataSource, async (manager) => {
    const certificate = await lockedCertificate(manager, dataSource, number);
    assertManages(identity, certificate, 'revoke a certificate');
    const { to, reason: kept } = transitionCertificate(certificate.status, 'REVOKE', { reason });
    await manager.update(Certificate, { number: certificate.number }, { status: to, statusReason: kept });
    return { ...certificate, status: to, statusReason: kept };
  });
}

const NUMBER_KIND_OF: Record<CertificateKind, NumberKind> = { IT_CAPABILITY_COMPLETION: 'IT2', DEVELOPMENT_ASSESSMENT: 'DA', PROJECT_COMPLETION: 'PC' };

/** The body that issued a stored certificate, as recorded on it (null when not on record). */
function issuingBodyOfRow(certificate: Certificate): IssuingBody | null {
  return certificate.issuingBodyKind ? { kind: certificate.issuingBodyKind, id: certificate.issuingBodyId } : null;
}

/** The province whose lost-certificate policy applies: the holder's (the certificate's region). */
function lostPolicyOf(certificate: Certificate) {
  return lostCertificatePolicyFor(certificate.regionCode.slice(0, 2));
}

/**
 * 补发: the old certificate becomes REISSUED and a new number of the same series kind points to it,
 * printed with the same issuer and issuing body. Who may: the holder's province's policy
 * (rules/lost-certificate `checkReissuer`; Sichuan: the issuing body only). An institution reaches
 * only the certificates it issued; a bureau only those in its region.
 */
export async function reissueCertificate(
  dataSource: DataSource,
  identity: Identity,
  number: string,
  reason: string | null | undefined,
  idempotencyKey?: string | null,
): Promise<Certificate> {
  const call = { keys: CertificationIdempotencyKey, mutation: 'reissueCertificate', identity, key: idempotencyKey, payload: { number, reason } };
  return issuedOnce(dataSource, call, async (manager) => {
    const old = await lockedCertificate(manager, dataSource, number);
    const body = issuingBodyOfRow(old);
    if (identity.role === 'INSTITUTION') {
      if (!canSee(identity, { institutionId: body?.kind === 'INSTITUTION' ? body.id : null })) throw outOfScope('An institution may reissue only the certificates it issued.');
    } else {
      assertManages(identity, old, 'reissue a certificate');
    }
    checkReissuer(lostPolicyOf(old), body, identity);
    const { to, reason: kept } = transitionCertificate(old.status, 'REISSUE', { reason });
    await manager.update(Certificate, { number: old.number }, { status: to, statusReason: kept });
    if (!old.holderName) throw new DomainError('CONFLICT', 'The certificate has no holder name on file, so no replacement can be printed; record it first.');
    const numberKind = readCertificateNumber(old.number)?.kind ?? NUMBER_KIND_OF[old.kind];
    return insertCertificate(
      manager,
      {
        teacherId: old.teacherId,
        holderName: old.holderName,
        schoolId: old.schoolId,
        regionCode: old.regionCode,
        schoolCategory: old.schoolCategory,
      },
      { kind: old.kind, numberKind, level: old.level, replacesNumber: old.number, issuer: old.issuer, issuingBody: body },
    );
  });
}

/** The stamp level a caller acts at: its own bureau level, or for SYSTEM the next one due. */
function stampLevelOf(identity: Identity, next: StampLevel): StampLevel {
  switch (identity.role) {
    case 'COUNTY_BUREAU':
      return 'COUNTY';
    case 'CITY_BUREAU':
      return 'CITY';
    case 'PROVINCE_BUREAU':
      return 'PROVINCE';
    default:
      return next;
  }
}

/**
 * 情况说明: the holder's county bureau files a lost certificate's explanation and stamps it, where
 * the holder's province's policy gives the route (Sichuan notice; elsewhere
 * LOST_CERTIFICATE_RULE_NOT_CONFIGURED).
 */
export async function explainLostCertificate(
  dataSource: DataSource,
  identity: Identity,
  number: string,
  statement: string,
  idempotencyKey?: string | null,
): Promise<LostCertificateExplanation> {
  const text = statement.trim();
  if (text === '') throw badInput('Give the teacher\'s explanation.', { field: 'statement', rule: 'REQUIRED' });
  const call = { keys: CertificationIdempotencyKey, mutation: 'explainLostCertificate', identity, key: idempotencyKey, payload: { number, statement } };
  return once(dataSource, call, async (manager) => {
    const certificate = await lockedCertificate(manager, dataSource, number);
    assertManages(identity, certificate, 'file a lost-certificate explanation');
    const order = explanationStampsOf(lostPolicyOf(certificate));
    const stamps = addStamp([], { level: stampLevelOf(identity, order[0]), stampedBy: `${identity.role}:${identity.subject}`, stampedOn: todayInChina() }, order);
    const row: LostCertificateExplanation = { id: randomUUID(), certificateNumber: certificate.number, regionCode: certificate.regionCode, statement: text, stamps: JSON.stringify(stamps) };
    await manager.insert(LostCertificateExplanation, row);
    return row.id;
  }, (id) => dataSource.getRepository(LostCertificateExplanation).findOneByOrFail({ id }));
}

/** The next level's stamp: the city's after the county's, then the province's. */
export async function stampLostCertificateExplanation(dataSource: DataSource, identity: Identity, id: string): Promise<LostCertificateExplanation> {
  return inTransaction(dataSource, async (manager) => {
    const row = await manager.findOne(LostCertificateExplanation, { where: { id }, lock: writeLock(dataSource) });
    if (!row) throw notFound('Lost-certificate explanation', id);
    assertManages(identity, { regionCode: row.regionCode }, 'stamp a lost-certificate explanation');
    const order = explanationStampsOf(lostCertificatePolicyFor(row.regionCode.slice(0, 2)));
    const current = JSON.parse(row.stamps) as Stamp[];
    const level = stampLevelOf(identity, nextStampLevel(current, order) ?? order[order.length - 1]);
    const stamps = addStamp(current, { level, stampedBy: `${identity.role}:${identity.subject}`, stampedOn: todayInChina() }, order);
    row.stamps = JSON.stringify(stamps);
    await manager.update(LostCertificateExplanation, { id }, { stamps: row.stamps });
    return row;
  });
}
