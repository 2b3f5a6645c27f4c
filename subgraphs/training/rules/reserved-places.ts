import { DomainError, badInput } from '../../../kit/errors';
import type { ReservedPlacesRule, TrainingPolicy } from './policy';

/**
 * 名额预留 (Zhejiang 2020 notice, as domain.md gives it: "Rural and private-kindergarten teachers
 * get reserved places"). The notice names the groups and gives no share, so the shipped policy
 * says `sharePercent: null` and nothing is held back; a province bureau that sets a share
 * (`reviseTrainingPolicy`) gets it honoured: the last seats of every class, that share of its
 * capacity rounded up (a promised share is kept whole), are held for teachers of the groups.
 * Anyone may take a seat while more than that many are free; then only a teacher placed as a
 * member of a group (选派 by their school or bureau, who vouch for it: training does not read the
 * registry) takes one. A teacher's own selection is not known to be a group member's.
 */

/** The groups a policy may reserve places for. */
export const RESERVED_GROUPS: Readonly<Record<string, string>> = {
  RURAL: '乡村教师 (rural teachers)',
  PRIVATE_KINDERGARTEN: '民办幼儿园教师 (private-kindergarten teachers)',
};

/** Seats of a class of `capacity` held for the groups: 0 when no share is configured. */
export function reservedSeats(rule: ReservedPlacesRule | null, capacity: number): number {
  if (!rule || rule.sharePercent === null) return 0;
  return Math.min(capacity, Math.ceil((capacity * rule.sharePercent) / 100));
}

/** How many seats of the class a placement may fill up to: all of them for a group member, the unreserved ones for others. */
export function seatLimit(rule: ReservedPlacesRule | null, capacity: number, group: string | null): number {
  return group !== null && rule?.groups.includes(group) ? capacity : capacity - reservedSeats(rule, capacity);
}

/** Throws BAD_USER_INPUT unless `group` is one the policy reserves places for (or null). */
export function checkReservedGroup(policy: TrainingPolicy, group: string | null | undefined): string | null {
  if (group === null || group === undefined) return null;
  const groups = policy.reservedPlaces?.groups ?? [];
  if (!groups.includes(group)) {
    throw badInput(
      groups.length
        ? `${group} is not a group with reserved places; the ${policy.citation} names ${groups.map((g) => `${g} (${RESERVED_GROUPS[g] ?? g})`).join(', ')}.`
        : `The ${policy.citation} reserves no places for any group: leave reservedGroup out.`,
      { field: 'teachers.reservedGroup', rule: 'RESERVED_GROUP_UNKNOWN' },
    );
  }
  return group;
}

/** RESERVED_PLACES when a placement outside the groups would take a held seat; null when it may take one. */
export function reservedPlacesViolation(
  policy: TrainingPolicy,
  trainingClass: { name: string; capacity: number; seatsTaken: number },
  group: string | null,
): DomainError | null {
  const { name, capacity, seatsTaken } = trainingClass;
  const limit = seatLimit(policy.reservedPlaces, capacity, group);
  // A full class is CLASS_FULL for everyone, reported by the capacity rule.
  if (seatsTaken < limit || seatsTaken >= capacity) return null;
  const held = reservedSeats(policy.reservedPlaces, capacity);
  const groups = policy.reservedPlaces!.groups.map((g) => RESERVED_GROUPS[g] ?? g).join(' and ');
  return new DomainError(
    'RESERVED_PLACES',
    `The free seats of class ${name} (${capacity - seatsTaken} of ${capacity}) are the ${held} held for ${groups} (${policy.reservedPlaces!.sharePercent} %, ${policy.citation}); a member of those groups is placed in one by their school or bureau (assignTeacher with reservedGroup).`,
    { rule: 'RESERVED_PLACES', reservedSeats: held, seatsTaken, capacity, policyId: policy.id, citation: policy.citation },
  );
}
