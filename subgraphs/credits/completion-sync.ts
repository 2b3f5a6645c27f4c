/**
 * Registers credits for training completions, learnt through the graph: pages through
 * the training contract's `completedEnrollments` feed at the gateway and calls this
 * subgraph's `registerCompletionCredits` for each. It reads no training tables, so it
 * works with any province's training implementation of the contract. Registration is
 * idempotent per enrollment, so re-reading a page (or the whole feed) is harmless.
 */
import { formatMilli, parseMilli } from '../../kit/decimal';

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

/** Registrations per gateway request, as aliased mutations: under the gateway's alias limit (30). */
const REGISTRATIONS_PER_REQUEST = 25;

function batchOf(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$i${i}: CompletionCreditsInput!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `r${i}: registerCompletionCredits(input: $i${i}) { id }`).join('\n    ');
  return `mutation RegisterCompletions(${variables}) {\n    ${fields}\n  }`;
}

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

/**
 * One request for a batch. Mutation fields run one after another and the first error stops
 * the rest, so a batch with an error is sent again one completion at a time to learn which
 * failed (registration is idempotent: the ones already done come back unchanged).
 */
async function registerBatch(options: SyncOptions, batch: { enrollmentId: string; input: Record<string, unknown> }[], result: SyncResult): Promise<void> {
  const variables = Object.fromEntries(batch.map((b, i) => [`i${i}`, b.input]));
  const answer = await call<Record<string, { id: string } | null>>(options, batchOf(batch.length), variables);
  if (answer.data && !answer.errors?.length && batch.every((_, i) => answer.data![`r${i}`])) {
    result.registered += batch.length;
    return;
  }
  for (const { enrollmentId, input } of batch) {
    const registered = await call<{ registerCompletionCredits: { id: string } }>(options, REGISTER, { input });
    if (registered.data?.registerCompletionCredits) result.registered += 1;
    else {
      const error = registered.errors?.[0];
      result.failures.push({ enrollmentId, message: error?.message ?? 'no data', code: error?.extensions?.code });
    }
  }
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
    const inputs: { enrollmentId: string; input: Record<string, unknown> }[] = [];
    for (const node of nodes) {
      result.seen += 1;
      const school = node.teacher?.school;
      if (!school) {
        result.failures.push({ enrollmentId: node.enrollment.id, message: 'The registry does not know the teacher or their school.' });
        continue;
      }
      inputs.push({
        enrollmentId: node.enrollment.id,
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
    }
    for (let i = 0; i < inputs.length; i += REGISTRATIONS_PER_REQUEST) {
      await registerBatch(options, inputs.slice(i, i + REGISTRATIONS_PER_REQUEST), result);
    }
    if (pageInfo.endCursor) result.lastCursor = pageInfo.endCursor;
    options.onPage?.({ registered: result.registered, seen: result.seen });
    if (!pageInfo.hasNextPage) return result;
  }
}
