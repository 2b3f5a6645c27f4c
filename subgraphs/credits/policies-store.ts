import type { DataSource, EntityManager } from 'typeorm';
import { CreditPolicy } from './entities';
import { policyRulesOf } from './rules/policy-record';
import type { CreditPolicyRules } from './rules/policy';

/** Every stored policy, as entity rows (for the API) and as rules (for the pure functions). */
export interface PolicySet {
  rows: Map<string, CreditPolicy>;
  rules: CreditPolicyRules[];
}

/** The stored row of a rule from the set: every rule was read from one. */
export function storedPolicy({ rows }: PolicySet, rules: CreditPolicyRules): CreditPolicy {
  const row = rows.get(rules.id);
  if (!row) throw new Error(`Credit policy ${rules.id} is not in the policy set it was selected from.`);
  return row;
}

/** The policy table is small (a few rows per province): one statement reads it whole. */
export async function loadPolicySet(db: DataSource | EntityManager): Promise<PolicySet> {
  const rows = await db.getRepository(CreditPolicy).find({ order: { effectiveFrom: 'ASC', id: 'ASC' } });
  return { rows: new Map(rows.map((r) => [r.id, r])), rules: rows.map(policyRulesOf) };
}
