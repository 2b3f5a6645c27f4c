import { errorOf } from '../../../kit/testing';
import { SHIPPED_TRAINING_POLICIES } from './policies';
import { checkReservedGroup, reservedPlacesViolation, reservedSeats, seatLimit } from './reserved-places';
import { revisePolicy } from './policy-revision';

// Zhejiang 2020 notice (project declaration and course selection; domain.md): "Rural and private-kindergarten
// teachers get reserved places." The notice names the groups and gives no share.
describe('reserved places (名额预留, Zhejiang 2020 notice)', () => {
  const zhejiang = SHIPPED_TRAINING_POLICIES.find((p) => p.provinceCode === '33')!;
  const withShare = (sharePercent: number) => ({ ...zhejiang, reservedPlaces: { groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent } });
  const klass = (seatsTaken: number, capacity = 30) => ({ name: '第一期', capacity, seatsTaken });

  it('ships the groups with no share: the notice gives no number, so nothing is held back', () => {
    expect(zhejiang.reservedPlaces).toEqual({ groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent: null });
    expect(zhejiang.sources.find((s) => s.field === 'reservedPlaces')!.source).toContain('no share');
    expect(reservedSeats(zhejiang.reservedPlaces, 30)).toBe(0);
    expect(reservedPlacesViolation(zhejiang, klass(29), null)).toBeNull();
    // Sichuan's notice names no reserved places at all.
    expect(SHIPPED_TRAINING_POLICIES.find((p) => p.provinceCode === '51')!.reservedPlaces).toBeNull();
  });

  it('holds a configured share of every class, rounded up, for the groups only', () => {
    const policy = withShare(10);
    expect(reservedSeats(policy.reservedPlaces, 30)).toBe(3);
    expect(reservedSeats(policy.reservedPlaces, 25)).toBe(3);
    expect(seatLimit(policy.reservedPlaces, 30, null)).toBe(27);
    expect(seatLimit(policy.reservedPlaces, 30, 'RURAL')).toBe(30);
    expect(reservedPlacesViolation(policy, klass(26), null)).toBeNull();
    const held = errorOf(() => {
      throw reservedPlacesViolation(policy, klass(27), null)!;
    });
    expect(held.extensions).toMatchObject({ code: 'RESERVED_PLACES', reservedSeats: 3, citation: 'Zhejiang 2020 notice' });
    expect(held.message).toContain('assignTeacher with reservedGroup');
    expect(reservedPlacesViolation(policy, klass(29), 'PRIVATE_KINDERGARTEN')).toBeNull();
    // A full class is CLASS_FULL's to report, for everyone.
    expect(reservedPlacesViolation(policy, klass(30), null)).toBeNull();
  });

  it('accepts only the groups the policy names', () => {
    expect(checkReservedGroup(zhejiang, 'RURAL')).toBe('RURAL');
    expect(checkReservedGroup(zhejiang, undefined)).toBeNull();
    expect(errorOf(() => checkReservedGroup(zhejiang, 'URBAN')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'RESERVED_GROUP_UNKNOWN' });
    const sichuan = SHIPPED_TRAINING_POLICIES.find((p) => p.provinceCode === '51')!;
    expect(errorOf(() => checkReservedGroup(sichuan, 'RURAL')).message).toContain('reserves no places');
  });

  it('lets a province bureau set a share by revision, a whole percent from 1 to 99', () => {
    const revision = (sharePercent: number | null) => ({
      provinceCode: '33',
      name: 'Zhejiang 2020 + share',
      citation: 'Zhejiang 2020 notice; share set by the province bureau',
      effectiveFrom: '2020-01-02',
      changes: { reservedPlaces: { groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent } },
      sources: [{ field: 'reservedPlaces.sharePercent', source: 'Province bureau decision (not in the notice).', confirmed: false }],
    });
    expect(revisePolicy(zhejiang, revision(10), 'zj-2', '2020-01-02').reservedPlaces).toEqual({ groups: ['RURAL', 'PRIVATE_KINDERGARTEN'], sharePercent: 10 });
    expect(revisePolicy(zhejiang, { ...revision(null), changes: {} }, 'zj-2', '2020-01-02').reservedPlaces).toEqual(zhejiang.reservedPlaces);
    expect(errorOf(() => revisePolicy(zhejiang, revision(100), 'zj-2', '2020-01-02')).extensions.rule).toBe('POLICY_SHARE');
    expect(
      errorOf(() => revisePolicy(zhejiang, { ...revision(10), changes: { reservedPlaces: { groups: ['URBAN'], sharePercent: 10 } } }, 'zj-2', '2020-01-02')).extensions.rule,
    ).toBe('RESERVED_GROUP_UNKNOWN');
  });
});
