/**
 * Registers credits for training completions, learnt through the graph: pages through
 * the training contract's `completedEnrollments` feed at the gateway and calls this
 * subgraph's `registerCompletionCredits` for each. It reads no training tables, so it
 * works with any province's training implementation of the contract. Registration is
 * idempotent per enrollment, so re-reading a page (or the whole feed) is harmless.
 */
import { formatMilli, parseMilli } from '../shared/decimal';

export interface SyncOptions {
  /** The gateway's GraphQL URL. */
  gatewayUrl: string;
  /** A client token with the SYSTEM role (or a bureau's, for its region). */
  token: string;
  /** Resume after this feed cursor (the `lastCursor` of a previous run). */
  after?: string | null;
  pageSize?: number;
  onPage?: (progress: { registered: number; seen: number }) => void;
}

export interface SyncResult {
  seen: number;
  /** Completions sent for registration (already registered ones come back unchanged). */
  registered: number;
  failures: { enrollmentId: string; message: string; code?: string }[];
  lastCursor: string | null;
}

const FEED = /* GraphQL */ `
  query CompletionFeed($after: String, $first: Int!) {
    completedEnrollments(after: $after, first: $first) {
      pageInfo { hasNextPage endCursor }
      nodes {
        enrollment { id }
        teacherId
        projectId
        totalCredits
        hoursAttended
        onlineHours
        completedOn
        teacher { school { id category region { code } } }
      }
    }
  }
`;

const REGISTER = /* GraphQL */ `
  mutation RegisterCompletion($input: CompletionCreditsInput!) {
    registerCompletionCredits(input: $input) { id }
  }
`;

interface FeedNode {
  enrollment: { id: string };
  teacherId: string;
  projectId: string;
  totalCredits: string;
  hoursAttended: string;
  onlineHours: string;
  completedOn: string;
  teacher: { school: { id: string; category: string; region: { code: string } } | null } | null;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function call<T>(options: SyncOptions, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await fetch(options.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status >= 500 || response.status === 401) {
    throw new Error(`The gateway answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as GraphQLResponse<T>;
}

/** Offline hours are those attended less those online, computed exactly. */
function offlineHours(attended: string, online: string): string {
  return formatMilli(parseMilli(attended) - parseMilli(online));
}

export async function syncCompletionCredits(options: SyncOptions): Promise<SyncResult> {
  const result: SyncResult = { seen: 0, registered: 0, failures: [], lastCursor: options.after ?? null };
  for (;;) {
    const page = await call<{ completedEnrollments: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: FeedNode[] } }>(
      options,
      FEED,
      { after: result.lastCursor, first: options.pageSize ?? 100 },
    );
    if (!page.data?.completedEnrollments) {
      throw new Error(`The completion feed failed: ${page.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    }
    const { nodes, pageInfo } = page.data.completedEnrollments;
    for (const node of nodes) {
      result.seen += 1;
      const school = node.teacher?.school;
      if (!school) {
        result.failures.push({ enrollmentId: node.enrollment.id, message: 'The registry does not know the teacher or their school.' });
        continue;
      }
      const registered = await call<{ registerCompletionCredits: { id: string } }>(options, REGISTER, {
        input: {
          enrollmentId: node.enrollment.id,
          teacherId: node.teacherId,
          schoolId: school.id,
          regionCode: school.region.code,
          schoolCategory: school.category,
          trainingProjectId: node.projectId,
          completedOn: node.completedOn,
          onlineHours: node.onlineHours,
          offlineHours: offlineHours(node.hoursAttended, node.onlineHours),
          credits: node.totalCredits,
        },
      });
      if (registered.data?.registerCompletionCredits) result.registered += 1;
      else {
        const error = registered.errors?.[0];
        result.failures.push({ enrollmentId: node.enrollment.id, message: error?.message ?? 'no data', code: error?.extensions?.code });
      }
    }
    if (pageInfo.endCursor) result.lastCursor = pageInfo.endCursor;
    options.onPage?.({ registered: result.registered, seen: result.seen });
    if (!pageInfo.hasNextPage) return result;
  }
}
