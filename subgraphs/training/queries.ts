import type { DataSource } from 'typeorm';
import { assertRole, outOfScope, scopeCondition } from '../../kit/access';
import { badInput } from '../../kit/errors';
import { isRegionCode, isWithinRegion, regionPrefix } from '../../standards/region-code';
import type { EnrollmentStatus, QueryDispatchOutcomesArgs } from './__generated__/resolvers-types';
import { dispatchOutcome } from './rules/dispatch';
import type { Identity } from '../../kit/identity';
import { decodeCursor, encodeCursor, pageSize, paginate, type Connection, type PageArgs } from '../../kit/pagination';
import { COMPLETION_READERS, DISPATCH_READERS, ENROLLMENT_SCOPE, QUEUE_OWNERS } from './access';
import { Enrollment } from './entities';
import { AWAITING_SCHOOL_REVIEW } from './rules/enrollment';

/**
 * 结业记录: completed enrollments in the order they were recorded (recording time, then id),
 * after a cursor. The fact the credits subgraph registers credits from; callers keep the last
 * `endCursor` and ask again for what is new. Recording times come from the subgraph's clock
 * at commit time, so a consumer that wants to be safe against a transaction committing late
 * re-reads a short overlap: registering one completion twice yields one credit record.
 */
export function completedEnrollments(dataSource: DataSource, identity: Identity, args: PageArgs): Promise<Connection<Enrollment>> {
  assertRole(identity, COMPLETION_READERS, 'read the completion feed');
  const query = dataSource
    .getRepository(Enrollment)
    .createQueryBuilder('enrollment')
    .where('enrollment.status = :completed', { completed: 'COMPLETED' })
    .andWhere('enrollment.completed_at IS NOT NULL');
  const scope = scopeCondition(identity, ENROLLMENT_SCOPE);
  if (scope) query.andWhere(scope.sql, scope.params);
  return paginate(query, args, { column: 'enrollment.completed_at', property: 'completedAt', direction: 'ASC', idColumn: 'enrollment.id', idProperty: 'id' });
}

/**
 * The caller's work queue, oldest first: a school admin's teachers' selections awaiting the
 * school's review; an institution's approved enrollments awaiting its re-check.
 */
export function reviewQueue(dataSource: DataSource, identity: Identity, args: PageArgs): Promise<Connection<Enrollment>> {
  assertRole(identity, QUEUE_OWNERS, 'have a review queue');
  const query = dataSource.getRepository(Enrollment).createQueryBuilder('enrollment');
  if (identity.role === 'SCHOOL_ADMIN') {
    query.where('enrollment.school_id = :schoolId AND enrollment.status = :status', { schoolId: identity.schoolId, status: AWAITING_SCHOOL_REVIEW });
  } else {
    query.where('enrollment.institution_id = :institutionId AND enrollment.status = :status', {
      institutionId: identity.institutionId,
      status: 'SCHOOL_APPROVED',
    });
  }
  return paginate(query, args, { column: 'enrollment.selected_on', property: 'selectedOn', direction: 'ASC', idColumn: 'enrollment.id', idProperty: 'id' });
}

interface DispatchRow {
  school_id: string;
  region_code: string;
  status: EnrollmentStatus;
  dispatched: unknown;
}

/**
 * 选派问责: per school under a region, its direct assignments (round 0) made in a period and what
 * became of them (rules/dispatch). One grouped statement for the page's schools, keyset-paged by
 * school id; schools with no dispatch in the period are left out.
 */
export async function dispatchOutcomes(dataSource: DataSource, identity: Identity, args: QueryDispatchOutcomesArgs) {
  assertRole(identity, DISPATCH_READERS, 'read dispatch outcomes');
  const { regionCode, from, to, schoolId } = args.filter;
  if (!isRegionCode(regionCode)) throw badInput(`${regionCode} is not a six-digit GB/T 2260 region code.`, { field: 'filter.regionCode', rule: 'REGION_CODE_FORMAT' });
  if (from > to) throw badInput('`from` must not be after `to`.', { field: 'filter.from', rule: 'PERIOD_ORDER' });
  if (identity.role !== 'SYSTEM' && !isWithinRegion(regionCode, identity.regionCode!)) {
    throw outOfScope(`Region ${regionCode} is outside the caller's region ${identity.regionCode}.`);
  }
  const size = pageSize(args.first);
  const after = args.after ? String(decodeCursor(args.after)[0]) : null;
  const schools = dataSource
    .getRepository(Enrollment)
    .createQueryBuilder('enrollment')
    .select('enrollment.school_id', 'school_id')
    .where('enrollment.round = 0 AND enrollment.region_code LIKE :prefix', { prefix: `${regionPrefix(regionCode)}%` })
    .andWhere('enrollment.selected_on >= :from AND enrollment.selected_on <= :to', { from, to })
    .groupBy('enrollment.school_id')
    .orderBy('enrollment.school_id', 'ASC')
    .limit(size + 1);
  if (schoolId) schools.andWhere('enrollment.school_id = :schoolId', { schoolId });
  if (after) schools.andWhere('enrollment.school_id > :after', { after });
  const page = (await schools.getRawMany<{ school_id: string }>()).map((row) => row.school_id);
  const ids = page.slice(0, size);
  const nodes = ids.length === 0 ? [] : await outcomesOf(dataSource, ids, from, to);
  const edges = nodes.map((node) => ({ cursor: encodeCursor([node.school.id, node.school.id]), node }));
  return { pageInfo: { hasNextPage: page.length > size, endCursor: edges.at(-1)?.cursor ?? null }, edges, nodes };
}

/** The figures of these schools' dispatches in the period: three grouped statements for the page. */
async function outcomesOf(dataSource: DataSource, ids: string[], from: string, to: string) {
  const dispatches = () =>
    dataSource
      .getRepository(Enrollment)
      .createQueryBuilder('enrollment')
      .where('enrollment.round = 0 AND enrollment.school_id IN (:...ids)', { ids })
      .andWhere('enrollment.selected_on >= :from AND enrollment.selected_on <= :to', { from, to });
  const [byStatus, teachers, assigners] = await Promise.all([
    dispatches()
      .select(['enrollment.school_id AS school_id', 'MIN(enrollment.region_code) AS region_code', 'enrollment.status AS status', 'COUNT(*) AS dispatched'])
      .groupBy('enrollment.school_id')
      .addGroupBy('enrollment.status')
      .getRawMany<DispatchRow>(),
    dispatches()
      .select(['enrollment.school_id AS school_id', 'COUNT(DISTINCT enrollment.teacher_id) AS teachers'])
      .groupBy('enrollment.school_id')
      .getRawMany<{ school_id: string; teachers: unknown }>(),
    dispatches()
      .select(['DISTINCT enrollment.school_id AS school_id', 'enrollment.assigned_by_subject AS subject'])
      .andWhere('enrollment.assigned_by_subject IS NOT NULL')
      .orderBy('subject')
      .getRawMany<{ school_id: string; subject: string }>(),
  ]);
  return ids.map((id) => {
    const own = byStatus.filter((row) => row.school_id === id);
    const statusCounts: Partial<Record<EnrollmentStatus, number>> = {};
    for (const row of own) statusCounts[row.status] = Number(row.dispatched);
    return {
      school: { id },
      regionCode: own[0].region_code,
      ...dispatchOutcome({
        dispatched: own.reduce((sum, row) => sum + Number(row.dispatched), 0),
        teachers: Number(teachers.find((row) => row.school_id === id)?.teachers ?? 0),
        byStatus: statusCounts,
      }),
      assignedBy: assigners.filter((row) => row.school_id === id).map((row) => row.subject),
    };
  });
}
