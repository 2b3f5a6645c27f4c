import { graphClient, graphClientFromConfig, graphNotConfigured, inBatches, type AskGraph } from '../../kit/graph-client';
import { busyBatchLoader } from '../../kit/loaders';
import { trainingConfig } from './config';
import type { TeachingStage } from './__generated__/resolvers-types';

/**
 * Where the registry places a teacher today: the school and its county (GB/T 2260), and what they
 * teach there (任教学段, 任教学科), which a project's audience is judged on.
 */
export interface RegistryPlacement {
  schoolId: string;
  regionCode: string;
  stage: TeachingStage;
  subject: string;
}

/**
 * What training reads of the registry, through the graph with its service token (role SERVICE,
 * service `training`; the registry grants it teachers' schools, counties, stages and subjects, nothing personal),
 * never from its tables. Configured by TRAINING_GRAPH_URL and TRAINING_GRAPH_TOKEN[_FILE].
 */
export interface RegistryAccess {
  /** Each teacher's placement and teaching today, by id, in one request per 100; ids the registry does not know are absent. */
  placements: (teacherIds: readonly string[]) => Promise<Map<string, RegistryPlacement>>;
  /**
   * One teacher's placement and teaching today, or null when the registry does not know them. For
   * the hot path (选课): calls share requests of up to 100 teachers, at most
   * `SELECTION_REQUESTS_IN_FLIGHT` at once (kit/loaders `busyBatchLoader`). Nothing is cached: every
   * call is answered by a request made after it.
   */
  placement: (teacherId: string) => Promise<RegistryPlacement | null>;
}

/** The registry contract's limit for `TeacherFilter.ids`: an assignment of up to 100 teachers is one request. */
const IDS_PER_REQUEST = 100;
const REQUESTS_IN_FLIGHT = 4;
/** How long a selection waits for others to share its registry request when none is running. */
const SELECTION_WINDOW_MS = 2;
/** Selections' registry requests running at once; selections arriving meanwhile share the next one. */
const SELECTION_REQUESTS_IN_FLIGHT = 2;

const PLACEMENTS = /* GraphQL */ `
  query TrainingPlacementCheck($ids: [ID!]!) {
    teachers(first: 100, filter: { ids: $ids }) { nodes { id stage subject school { id region { code } } } }
  }
`;

function registryOver(ask: AskGraph): RegistryAccess {
  type Node = { id: string; stage: TeachingStage; subject: string; school: { id: string; region: { code: string } } };
  const page = async (ids: string[]) => (await ask<{ teachers: { nodes: Node[] } }>(PLACEMENTS, { ids })).teachers.nodes;
  const placements = async (teacherIds: readonly string[]) => {
    const nodes = await inBatches(teacherIds, IDS_PER_REQUEST, REQUESTS_IN_FLIGHT, page);
    return new Map(nodes.map((n) => [n.id, { schoolId: n.school.id, regionCode: n.school.region.code, stage: n.stage, subject: n.subject }]));
  };
  const batched = busyBatchLoader<string, RegistryPlacement | null>(
    'registry placement',
    async (ids) => {
      const placed = await placements(ids);
      return ids.map((id) => placed.get(id) ?? null);
    },
    { inFlight: SELECTION_REQUESTS_IN_FLIGHT, windowMs: SELECTION_WINDOW_MS, maxBatchSize: IDS_PER_REQUEST },
  );
  return { placements, placement: (teacherId) => batched.load(teacherId) };
}

/** The registry over the graph at `url` with the training service token. */
export function registryAccess(options: { url: string; token: string; timeoutMs?: number }): RegistryAccess {
  return registryOver(graphClient(options));
}

let fromEnv: { url: string; token: string | undefined; access: RegistryAccess } | null = null;

/**
 * The deployment's registry access, or null when TRAINING_GRAPH_URL is not set. Built once for a
 * URL and token (the selections of the whole process share its batching), again only when they change.
 */
export function registryAccessFromEnv(): RegistryAccess | null {
  const url = trainingConfig.TRAINING_GRAPH_URL;
  const token = trainingConfig.TRAINING_GRAPH_TOKEN ?? trainingConfig.TRAINING_GRAPH_TOKEN_FILE?.secret;
  if (fromEnv && fromEnv.url === url && fromEnv.token === token) return fromEnv.access;
  const ask = graphClientFromConfig('training', url, token);
  if (!ask || !url) return null;
  fromEnv = { url, token, access: registryOver(ask) };
  return fromEnv.access;
}

/** The access, or an error saying how to configure it: what the registry must confirm is not taken on the caller's word. */
export function requireRegistry(access: RegistryAccess | null, what: string): RegistryAccess {
  if (access) return access;
  throw graphNotConfigured(`${what} are checked against the registry through the graph, and this training service has no access configured: set TRAINING_GRAPH_URL (the gateway) and TRAINING_GRAPH_TOKEN (a service token for training).`);
}
