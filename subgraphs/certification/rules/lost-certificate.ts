import { DomainError } from '../../../kit/errors';
import type { Identity } from '../../../kit/identity';
import type { IssuingBody } from './issuing-body';

/**
 * 证书遗失 (Sichuan notice 省执行办 2017 第01号, as domain.md gives it): "Lost certificate: the
 * issuing institution reissues it, or the teacher gets an explanation stamped level by level,
 * gathered per city and sent to the province office." Two routes, both per province as policy
 * data below: 补发 by the body that issued the certificate (发证机构), or the explanation
 * (情况说明) stamped by the county, then the city, then the province — each level once, in order.
 */
export type StampLevel = 'COUNTY' | 'CITY' | 'PROVINCE';

export const STAMP_ORDER: readonly StampLevel[] = ['COUNTY', 'CITY', 'PROVINCE'];

export interface Stamp {
  level: StampLevel;
  stampedBy: string;
  stampedOn: string;
}

/** How a province replaces a lost certificate, with the notice that says so. */
export interface LostCertificatePolicy {
  /** GB/T 2260 province code, two digits. */
  provinceCode: string;
  /** Whether a notice gives the province a lost-certificate rule at all; false: every route below is off. */
  configured: boolean;
  /** 补发: the body that issued the certificate (and only it) reissues it. */
  reissueByIssuingBody: boolean;
  /** 情况说明: the levels that stamp the explanation, in order; empty when no notice gives the route. */
  explanationStamps: readonly StampLevel[];
  /** The notice the policy follows (or that says nothing), named in refusals. */
  citation: string;
  /** What the notice says, or why nothing is configured. */
  source: string;
}

const SICHUAN_NOTICE = 'Sichuan notice 省执行办 2017 第01号';

/** Provinces whose notices this product follows; each says what its notice says about lost certificates. */
export const LOST_CERTIFICATE_POLICIES: readonly LostCertificatePolicy[] = [
  {
    provinceCode: '51',
    configured: true,
    citation: SICHUAN_NOTICE,
    reissueByIssuingBody: true,
    explanationStamps: STAMP_ORDER,
    source: `${SICHUAN_NOTICE}: a lost certificate is reissued by the issuing institution, or the teacher's explanation is stamped level by level (county → city → province), gathered per city and sent to the province office.`,
  },
  ...(
    [
      ['33', 'Zhejiang 2020 notice', 'project declaration and course selection'],
      ['35', 'Ningde notice', 'the 80-hour IT programme plan, 2016'],
      ['36', 'Jiangxi notice', "a county's credit system"],
      ['43', 'Changsha notice', '发展测评 and credit registration'],
    ] as const
  ).map(([provinceCode, citation, about]) => ({
    provinceCode,
    configured: false,
    citation,
    reissueByIssuingBody: false,
    explanationStamps: [],
    source: `Not configured: the ${citation} (${about}) says nothing about lost certificates.`,
  })),
];

/** The province's lost-certificate policy; a province no notice here covers gets an explicit "not configured" one, never another's. */
export function lostCertificatePolicyFor(provinceCode: string): LostCertificatePolicy {
  return (
    LOST_CERTIFICATE_POLICIES.find((p) => p.provinceCode === provinceCode) ?? {
      provinceCode,
      configured: false,
      citation: 'none',
      reissueByIssuingBody: false,
      explanationStamps: [],
      source: `Not configured: none of the notices this product follows is about province ${provinceCode}.`,
    }
  );
}

function notConfigured(policy: LostCertificatePolicy, route: string): DomainError {
  return new DomainError(
    'LOST_CERTIFICATE_RULE_NOT_CONFIGURED',
    `Province ${policy.provinceCode} has no rule for ${route}: ${policy.source} Nothing was changed.`,
    { rule: 'LOST_CERTIFICATE_RULE_NOT_CONFIGURED', provinceCode: policy.provinceCode },
  );
}

/** The bureau level a role acts at, or null for roles that are not bureaus. */
function bureauRegion(identity: Pick<Identity, 'role' | 'regionCode'>): string | null {
  return identity.role === 'COUNTY_BUREAU' || identity.role === 'CITY_BUREAU' || identity.role === 'PROVINCE_BUREAU' ? identity.regionCode ?? null : null;
}

/**
 * 补发 under the province's policy: only the certificate's issuing body reissues it (SYSTEM acts
 * for it). Throws LOST_CERTIFICATE_RULE_NOT_CONFIGURED in a province whose notice gives no rule,
 * FORBIDDEN (rule REISSUED_BY_ISSUING_BODY) to anyone else, naming the explanation route when the
 * issuing body cannot reissue here (教育部, or a body not on record).
 */
export function checkReissuer(policy: LostCertificatePolicy, body: IssuingBody | null, caller: Pick<Identity, 'role' | 'regionCode' | 'institutionId'>): void {
  if (!policy.configured || !policy.reissueByIssuingBody) throw notConfigured(policy, 'reissuing a lost certificate (补发)');
  const otherRoute = policy.explanationStamps.length
    ? ` The other route is the teacher's explanation (情况说明), stamped ${policy.explanationStamps.map((l) => l.toLowerCase()).join(' → ')} (explainLostCertificate).`
    : '';
  const refuse = (why: string) =>
    new DomainError('FORBIDDEN', `${why}${otherRoute}`, { rule: 'REISSUED_BY_ISSUING_BODY', issuingBody: body?.kind ?? null });
  if (body === null) throw refuse('The certificate records no issuing body (发证机构): it was stored before issuing bodies were kept, and only the issuing body reissues.');
  if (body.kind === 'MINISTRY') throw refuse('The certificate was issued by 教育部 (由教育部统一颁发), which does not reissue through this platform.');
  if (caller.role === 'SYSTEM') return;
  const isIssuer = body.kind === 'BUREAU' ? bureauRegion(caller) === body.id : caller.role === 'INSTITUTION' && caller.institutionId === body.id;
  if (!isIssuer) {
    throw refuse(
      body.kind === 'BUREAU'
        ? `Only the issuing bureau (${body.id}) reissues this certificate (${policy.citation}).`
        : `Only the issuing institution reissues this certificate (${policy.citation}).`,
    );
  }
}

/** The stamps the province's explanation route asks for, in order; throws LOST_CERTIFICATE_RULE_NOT_CONFIGURED when none. */
export function explanationStampsOf(policy: LostCertificatePolicy): readonly StampLevel[] {
  if (!policy.configured || policy.explanationStamps.length === 0) throw notConfigured(policy, 'explaining a lost certificate (情况说明)');
  return policy.explanationStamps;
}

/** The level whose stamp comes next, or null when the explanation is complete (the last level stamped). */
export function nextStampLevel(stamps: readonly Stamp[], order: readonly StampLevel[] = STAMP_ORDER): StampLevel | null {
  return order[stamps.length] ?? null;
}

/** Throws STAMP_OUT_OF_ORDER unless `level` is the next stamp; returns the stamps with it added. */
export function addStamp(stamps: readonly Stamp[], stamp: Stamp, order: readonly StampLevel[] = STAMP_ORDER): Stamp[] {
  const next = nextStampLevel(stamps, order);
  if (next !== stamp.level) {
    throw new DomainError(
      'STAMP_OUT_OF_ORDER',
      next === null
        ? `The explanation already carries the ${order[order.length - 1].toLowerCase()} stamp: it is complete.`
        : `The explanation is stamped level by level (${order.map((l) => l.toLowerCase()).join(' → ')}); the next stamp is the ${next.toLowerCase()}'s, not the ${stamp.level.toLowerCase()}'s.`,
      { rule: 'STAMP_OUT_OF_ORDER', next, level: stamp.level },
    );
  }
  return [...stamps, stamp];
}
