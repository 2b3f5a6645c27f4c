import { isValidIsoDate, type IsoDate } from '../../../kit/date';
import { badInput } from '../../../kit/errors';

/**
 * Preconditions that IT application capability puts on professional-title evaluation (职称评审),
 * as data per province and effective date.
 */
export interface TitlePrecondition {
  provinceCode: string;
  /** First evaluation date the precondition applies to. */
  effectiveFrom: IsoDate;
  description: string;
  source: string;
  /**
   * Whether a teacher exempt from the programme (near retirement) meets the precondition
   * without a certificate, and on what authority.
   */
  retirementExemptionCounts: boolean;
  retirementExemptionSource: string;
}

export const TITLE_PRECONDITIONS: readonly TitlePrecondition[] = [
  {
    provinceCode: '51',
    effectiveFrom: '2019-01-01',
    description: 'the IT application capability completion certificate (信息技术应用能力提升工程 结业证书)',
    source: 'Sichuan policy notice: from 2019-01-01 the completion certificate is a precondition for professional-title evaluation.',
    // The programme does not ask anything of exempt teachers; demanding its certificate would
    // bar them from title evaluation for their last five years, which no notice says.
    retirementExemptionCounts: true,
    retirementExemptionSource: 'Unconfirmed: the Sichuan notice as summarised does not address exempt teachers; this product lets the exemption stand in for the certificate.',
  },
];

export const IT_CERTIFICATE_RULE = 'IT_CAPABILITY_CERTIFICATE';

export interface TitleRuleCheck {
  rule: typeof IT_CERTIFICATE_RULE;
  met: boolean;
  /** Why it is met or not, for a person. */
  description: string;
  source: string;
}

export interface TitleEligibility {
  eligible: boolean;
  missing: string[];
  rules: TitleRuleCheck[];
}

export interface TitleEligibilityInput {
  /** Two-digit GB/T 2260 province code. */
  provinceCode: string;
  evaluationDate: IsoDate;
  /** An ISSUED IT capability completion certificate, of any programme version. */
  hasCompletionCertificate: boolean;
  /** Within the programme's retirement exemption on the evaluation date. */
  exempt: boolean;
}

/** The IT-capability side of title evaluation; other title criteria belong elsewhere. */
export function titleEvaluationEligibility(input: TitleEligibilityInput): TitleEligibility {
  const { provinceCode, evaluationDate, hasCompletionCertificate, exempt } = input;
  if (!/^[1-9]\d$/.test(provinceCode)) {
    throw badInput(`"${provinceCode}" is not a two-digit GB/T 2260 province code such as 51.`, {
      field: 'provinceCode',
      rule: 'PROVINCE_CODE_FORMAT',
    });
  }
  if (!isValidIsoDate(evaluationDate)) {
    throw badInput(`"${evaluationDate}" is not a calendar date written as YYYY-MM-DD.`, {
      field: 'evaluationDate',
      rule: 'DATE_FORMAT',
    });
  }

  // Newest first: a later notice replaces an earlier one from its effective date.
  const inProvince = TITLE_PRECONDITIONS.filter((p) => p.provinceCode === provinceCode).sort((a, b) =>
    b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  const precondition = inProvince.find((p) => p.effectiveFrom <= evaluationDate);
  if (precondition === undefined) {
    const later = inProvince.at(-1);
    const check: TitleRuleCheck = later
      ? {
          rule: IT_CERTIFICATE_RULE,
          met: true,
          description: `No IT capability precondition on ${evaluationDate}: province ${provinceCode} requires ${later.description} only from ${later.effectiveFrom}.`,
          source: later.source,
        }
      : {
          rule: IT_CERTIFICATE_RULE,
          met: true,
          description: `No IT capability precondition for title evaluation is known for province ${provinceCode}.`,
          source: 'No policy notice or public source known to this product.',
        };
    return { eligible: true, missing: [], rules: [check] };
  }

  if (hasCompletionCertificate) {
    return {
      eligible: true,
      missing: [],
      rules: [{ rule: IT_CERTIFICATE_RULE, met: true, description: `Holds ${precondition.description}.`, source: precondition.source }],
    };
  }
  if (exempt && precondition.retirementExemptionCounts) {
    return {
      eligible: true,
      missing: [],
      rules: [
        {
          rule: IT_CERTIFICATE_RULE,
          met: true,
          description: `Exempt from the IT capability programme (near retirement), so ${precondition.description} is not required.`,
          source: `${precondition.source} ${precondition.retirementExemptionSource}`,
        },
      ],
    };
  }
  return {
    eligible: false,
    missing: [precondition.description],
    rules: [
      {
        rule: IT_CERTIFICATE_RULE,
        met: false,
        description: `From ${precondition.effectiveFrom}, title evaluation in province ${provinceCode} requires ${precondition.description}; none is held.`,
        source: precondition.source,
      },
    ],
  };
}
