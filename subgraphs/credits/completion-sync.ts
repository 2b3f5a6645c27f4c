/**
 * Registers credits for training completions, learnt through the graph: pages through
 * the training contract's `completedEnrollments` feed at the gateway and calls this
 * subgraph's `registerCompletionCredits` for each. It reads no training tables, so it
 * works with any province's training implementation of the contract. Registration is
 * idempotent per enrollment, so re-reading a page (or the whole feed) is harmless.
 *
 * It runs as the credits service (role SERVICE, service `credits`), not SYSTEM: training grants
 * it the feed, the registry the placement history, and the write policy admits it to
 * `registerCompletionCredits` only, which checks each completion against training's record and
 * the registry's placement on the day, so a leaked token registers nothing training did not record.
 */
import { formatMilli, parseMilli } from '../../kit/decimal';

export interface SyncOptions {
  /** The gateway's GraphQL URL. */
  gatewayUrl: string;
  /** The credits service's client token (`npm run token -- --service credits`). */
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
        teacher { placements { school { id category } regionCode from to } }
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
  teacher: { placements: RegistryPlacement[] } | null;
}

/** A period of the teacher's placement history (任职经历): `to` is the next period's `from`, not part of this one. */
interface RegistryPlacement {
  school: { id: string; category: string };
  regionCode: string;
  from: string;
  to: string | null;
}

/** Where the registry placed the teacher on the day of the completion: the credit is filed there, whatever the school today. */
function placementOn(placements: readonly RegistryPlacement[], day: string): RegistryPlacement | undefined {
  return placements.find((p) => p.from <= day && (p.to === null || day < p.to));
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
      if (!node.teacher) {
        result.failures.push({ enrollmentId: node.enrollment.id, message: 'The registry does not know the teacher.' });
        continue;
      }
      const placed = placementOn(node.teacher.placements, node.completedOn);
      if (!placed) {
        result.failures.push({ enrollmentId: node.enrollment.id, message: `The registry has no placement of the teacher on ${node.completedOn}, the day of the completion.` });
        continue;
      }
      inputs.push({
        enrollmentId: node.enrollment.id,
        input: {
          enrollmentId: node.enrollment.id,
          teacherId: node.teacherId,
          schoolId: placed.school.id,
          regionCode: placed.regionCode,
          schoolCategory: placed.school.category,
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
