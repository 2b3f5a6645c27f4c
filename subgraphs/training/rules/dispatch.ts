import type { EnrollmentStatus } from '../__generated__/resolvers-types';

/**
 * 选派问责: what became of the teachers a school dispatched (assigned directly, round 0). Jiangxi's
 * notice has the county bureau hold schools to account for 人员选调 and 敷衍调训 — dispatching to
 * fill a quota, so that the teachers sent are declined, withdraw or fail, or the same few are sent
 * again and again. These counts are what a bureau reads to find such a school.
 */
export interface DispatchCounts {
  /** Assignments made in the period. */
  dispatched: number;
  /** Different teachers among them. */
  teachers: number;
  byStatus: Partial<Record<EnrollmentStatus, number>>;
}

export interface DispatchOutcomeFigures {
  dispatched: number;
  teachers: number;
  /** Assignments beyond each teacher's first in the period: the same teachers sent again. */
  repeated: number;
  completed: number;
  failed: number;
  withdrawn: number;
  /** Turned down by the school's review or the institution's re-check. */
  refused: number;
  /** Not finished yet: waiting for a review or attending. */
  inProgress: number;
  /** Completed among the finished (completed, failed, withdrawn, refused); null while none has finished. */
  completionRate: number | null;
}

const IN_PROGRESS: readonly EnrollmentStatus[] = ['SELECTED', 'SCHOOL_APPROVED', 'CONFIRMED'];

export function dispatchOutcome({ dispatched, teachers, byStatus }: DispatchCounts): DispatchOutcomeFigures {
  const count = (status: EnrollmentStatus) => byStatus[status] ?? 0;
  const completed = count('COMPLETED');
  const failed = count('FAILED');
  const withdrawn = count('WITHDRAWN');
  const refused = count('SCHOOL_REJECTED') + count('DECLINED');
  const finished = completed + failed + withdrawn + refused;
  return {
    dispatched,
    teachers,
    repeated: dispatched - teachers,
    completed,
    failed,
    withdrawn,
    refused,
    inProgress: IN_PROGRESS.reduce((sum, status) => sum + count(status), 0),
    completionRate: finished === 0 ? null : Math.round((completed / finished) * 10_000) / 10_000,
  };
}
