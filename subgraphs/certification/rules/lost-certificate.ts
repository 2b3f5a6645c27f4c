import { DomainError } from '../../../kit/errors';

/**
 * 证书遗失 (Sichuan notice 省执行办 2017 第01号, as domain.md gives it): "Lost certificate: the
 * issuing institution reissues it, or the teacher gets an explanation stamped level by level,
 * gathered per city and sent to the province office." The explanation (情况说明) is stamped by
 * the county, then the city, then the province — each level once, in that order.
 */
export type StampLevel = 'COUNTY' | 'CITY' | 'PROVINCE';

export const STAMP_ORDER: readonly StampLevel[] = ['COUNTY', 'CITY', 'PROVINCE'];

export interface Stamp {
  level: StampLevel;
  stampedBy: string;
  stampedOn: string;
}

/** The level whose stamp comes next, or null when the explanation is complete (province stamped). */
export function nextStampLevel(stamps: readonly Stamp[]): StampLevel | null {
  return STAMP_ORDER[stamps.length] ?? null;
}

/** Throws STAMP_OUT_OF_ORDER unless `level` is the next stamp; returns the stamps with it added. */
export function addStamp(stamps: readonly Stamp[], stamp: Stamp): Stamp[] {
  const next = nextStampLevel(stamps);
  if (next !== stamp.level) {
    throw new DomainError(
      'STAMP_OUT_OF_ORDER',
      next === null
        ? 'The explanation already carries the province stamp: it is complete.'
        : `The explanation is stamped level by level (county → city → province); the next stamp is the ${next.toLowerCase()}'s, not the ${stamp.level.toLowerCase()}'s.`,
      { rule: 'STAMP_OUT_OF_ORDER', next, level: stamp.level },
    );
  }
  return [...stamps, stamp];
}
