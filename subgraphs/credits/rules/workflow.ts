import { badInput, DomainError, ErrorCode } from '../../../kit/errors';
import type { CreditRecordStatus, CreditReviewDecision } from '../__generated__/resolvers-types';
import { dutiesOf, type ActorRole, type CreditPolicyRules } from './policy';
import { NO_REPORT_STEP, reportRolesOf } from './duties';

export type { CreditRecordStatus };

/** Steps of the workflow 登记 → 审核 (the contract's review decisions) → 上报 where the province reports up → 验证, plus revocation. */
export type CreditRecordAction = 'REGISTER' | CreditReviewDecision | 'REPORT' | 'VERIFY' | 'REVOKE';

export const INVALID_TRANSITION = 'INVALID_TRANSITION';

/** Which policy role lists may take a step: the workflow roles, or the duties' reporting roles (上报). */
type RoleList = keyof CreditPolicyRules['roles'] | 'report';

interface Transition {
  to: CreditRecordStatus;
  /** Roles allowed: the union of these policy role lists. */
  roles: readonly RoleList[];
  reasonRequired: boolean;
}

/**
 * The state machine. `null` is "no record yet": registering creates one.
 *
 * Revocation undoes a credit with a reason (e.g. a duplicate or a fraudulent claim):
 * - a REGISTERED record is withdrawn by those who may register (they made the entry;
 *   reviewers reject instead);
 * - an APPROVED or REPORTED record by reviewers or verifiers;
 * - a VERIFIED record only by verifiers, so a lower level cannot undo a higher level's check.
 * REPORT (上报) exists only where the policy's duties name roles that report up; there a record a
 * reporting role approved is verified only once REPORTED (rules/duties.ts).
 * REJECTED and REVOKED are final: a corrected credit is registered again.
 */
const TRANSITIONS: Record<CreditRecordStatus | 'NONE', Partial<Record<CreditRecordAction, Transition>>> = {
  NONE: { REGISTER: { to: 'REGISTERED', roles: ['register'], reasonRequired: false } },
  REGISTERED: {
    APPROVE: { to: 'APPROVED', roles: ['review'], reasonRequired: false },
    REJECT: { to: 'REJECTED', roles: ['review'], reasonRequired: true },
    REVOKE: { to: 'REVOKED', roles: ['register'], reasonRequired: true },
  },
  APPROVED: {
    REPORT: { to: 'REPORTED', roles: ['report'], reasonRequired: false },
    VERIFY: { to: 'VERIFIED', roles: ['verify'], reasonRequired: false },
    REVOKE: { to: 'REVOKED', roles: ['review', 'verify'], reasonRequired: true },
  },
  REPORTED: {
    VERIFY: { to: 'VERIFIED', roles: ['verify'], reasonRequired: false },
    REVOKE: { to: 'REVOKED', roles: ['review', 'verify'], reasonRequired: true },
  },
  VERIFIED: { REVOKE: { to: 'REVOKED', roles: ['verify'], reasonRequired: true } },
  REJECTED: {},
  REVOKED: {},
};

/** Actions possible from a state (`null`: no record yet), whoever the actor is. */
export function allowedActions(from: CreditRecordStatus | null): CreditRecordAction[] {
  return Object.keys(TRANSITIONS[from ?? 'NONE']) as CreditRecordAction[];
}

/** Roles the policy lets take `action` from `from`; empty when the transition does not exist. */
export function rolesAllowed(from: CreditRecordStatus | null, action: CreditRecordAction, policy: CreditPolicyRules): ActorRole[] {
  const transition = TRANSITIONS[from ?? 'NONE'][action];
  if (!transition) return [];
  return [...new Set(transition.roles.flatMap((list) => (list === 'report' ? reportRolesOf(dutiesOf(policy)) : policy.roles[list])))];
}

export interface TransitionActor {
  actorRole: ActorRole;
  reason?: string | null;
}

/**
 * The state a credit record moves to. Checked in this order, so the message names
 * the first thing to fix: the policy has the step at all (`NO_REPORT_STEP` for 上报 where the
 * province has none), the step exists from this state (`INVALID_TRANSITION`,
 * listing the allowed actions), the role may take it under the policy (`FORBIDDEN`),
 * a reason is given where one is required (`BAD_USER_INPUT`, rule `REASON_REQUIRED`).
 */
export function transitionCreditRecord(
  from: CreditRecordStatus | null,
  action: CreditRecordAction,
  { actorRole, reason }: TransitionActor,
  policy: CreditPolicyRules,
): CreditRecordStatus {
  if (action === 'REPORT' && reportRolesOf(dutiesOf(policy)).length === 0) {
    throw new DomainError(
      NO_REPORT_STEP,
      `Policy "${policy.name}" has no 上报 (report-up) step: approved credit records go straight to verification (verifyCreditRecord).`,
      { rule: NO_REPORT_STEP, policyId: policy.id },
    );
  }
  const transition = TRANSITIONS[from ?? 'NONE'][action];
  const state = from ?? 'not yet registered';
  if (!transition) {
    const allowed = allowedActions(from);
    const next = allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : `${state} is final`;
    throw new DomainError(INVALID_TRANSITION, `A credit record that is ${state} cannot take the step ${action} (${next}).`, {
      from,
      action,
      allowedActions: allowed,
    });
  }
  const roles = rolesAllowed(from, action, policy);
  if (!roles.includes(actorRole)) {
    throw new DomainError(
      ErrorCode.Forbidden,
      `Role ${actorRole} may not ${action.toLowerCase()} a credit record that is ${state} under policy "${policy.name}"; ` +
        `allowed roles: ${roles.length > 0 ? roles.join(', ') : 'none'}.`,
      { role: actorRole, action, allowedRoles: roles, policyId: policy.id },
    );
  }
  if (transition.reasonRequired && !reason?.trim()) {
    throw badInput(`To ${action.toLowerCase()} a credit record, give a reason the teacher can read.`, { field: 'reason', rule: 'REASON_REQUIRED' });
  }
  return transition.to;
}

/** Who the audit trail names: a policy role, or SERVICE for the credits service's automatic registrations (the completion sync). */
export type AuditRole = ActorRole | 'SERVICE';

/** One line of a credit record's audit trail: who changed it, when, from what to what, and why. */
export interface AuditEntry {
  actorId: string;
  actorRole: AuditRole;
  /** ISO 8601 timestamp, passed in so the rule stays free of the clock. */
  at: string;
  /** Null for the registration that created the record. */
  from: CreditRecordStatus | null;
  to: CreditRecordStatus;
  reason: string | null;
}

export type AuditEntryInput = Omit<AuditEntry, 'reason'> & { reason?: string | null };

/** The audit entry for a transition; a blank reason is stored as null. */
export function auditEntry({ actorId, actorRole, at, from, to, reason }: AuditEntryInput): AuditEntry {
  return { actorId, actorRole, at, from, to, reason: reason?.trim() || null };
}
