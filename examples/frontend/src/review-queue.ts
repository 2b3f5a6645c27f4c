import { graphql } from './gql';
import { request } from './client';

/** A school's review queue (待审核选课): the teachers' course selections waiting for the school. */
export const ReviewQueueQuery = graphql(`
  query ReviewQueue($first: Int!, $after: String) {
    me { school { name } }
    reviewQueue(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        round
        needsSpecialAttention
        selectedOn
        teacher { name subject }
        trainingClass { name startsOn project { title totalCredits } }
      }
    }
  }
`);

export const ReviewEnrollmentMutation = graphql(`
  mutation ReviewEnrollment($id: ID!, $approve: Boolean!, $reason: String) {
    reviewEnrollment(id: $id, approve: $approve, reason: $reason) { id status }
  }
`);

export interface ReviewRow {
  id: string;
  line: string;
  flagged: boolean;
}

/** One page of the queue as rows to show, and the cursor of the next page. */
export async function reviewQueue(endpoint: string, token: string, after?: string): Promise<{ school: string; total: number; rows: ReviewRow[]; next: string | null }> {
  const data = await request(endpoint, token, ReviewQueueQuery, { first: 20, after });
  const { reviewQueue: queue } = data;
  return {
    school: data.me.school?.name ?? '',
    total: queue.totalCount,
    rows: queue.nodes.map((e) => ({
      id: e.id,
      line: `${e.teacher?.name ?? '?'} (${e.teacher?.subject ?? ''}) → ${e.trainingClass.project.title}, ${e.trainingClass.name}, ${e.trainingClass.startsOn}, ${e.trainingClass.project.totalCredits} credits, round ${e.round}`,
      flagged: e.needsSpecialAttention,
    })),
    next: queue.pageInfo.hasNextPage ? (queue.pageInfo.endCursor ?? null) : null,
  };
}

/** Approves or rejects a selection; a rejection carries the reason the teacher will read. */
export async function review(endpoint: string, token: string, id: string, approve: boolean, reason?: string): Promise<string> {
  const { reviewEnrollment } = await request(endpoint, token, ReviewEnrollmentMutation, { id, approve, reason });
  return reviewEnrollment.status;
}
