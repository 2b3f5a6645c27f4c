import { selectPolicy, type CreditPolicyRules } from './policy';

/** The cycle requirement in force in a region, and where a more specific policy says otherwise. */
export interface RegionRequirements {
  /** The policy for the region itself (its cycle is the one compliance is judged in). */
  policy: CreditPolicyRules;
  /** Requirements of policies limited to parts of the region, most specific first. */
  overrides: { prefix: string; requiredMilli: number }[];
}

/** GB/T 2260 prefix of a region: 51 for 510000, 5101 for 510100, 510104 for itself. */
export function prefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * Requirements for `Region.creditCompliance`: the policy in force on `on` for the
 * region, plus, for every policy limited to a city or county inside it (Changsha in
 * Hunan), that part's own requirement, so the SQL can judge each teacher by the
 * policy of the region their records are filed under.
 */
export function regionRequirements(policies: readonly CreditPolicyRules[], regionCode: string, on: string): RegionRequirements {
  const provinceCode = regionCode.slice(0, 2);
  const policy = selectPolicy(policies, { provinceCode, regionCode, on });
  const own = prefixOf(regionCode);
  const prefixes = new Set(
    policies
      .filter((p) => p.regionPrefix && p.regionPrefix.length > own.length && p.regionPrefix.startsWith(own))
      .map((p) => p.regionPrefix!),
  );
  const overrides = [...prefixes]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map((prefix) => ({ prefix, requiredMilli: selectPolicy(policies, { provinceCode, regionCode: prefix.padEnd(6, '0'), on }).requiredPerCycleMilli }));
  return { policy, overrides };
}
