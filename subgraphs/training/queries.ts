import type { DataSource } from 'typeorm';
import { assertRole, scopeCondition } from '../../kit/access';
import type { Identity } from '../../kit/identity';
import { paginate, type Connection, type PageArgs } from '../../kit/pagination';
import { COMPLETION_READERS, ENROLLMENT_SCOPE, QUEUE_OWNERS } from './access';
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
