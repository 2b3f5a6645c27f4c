import { graphClient, graphClientFromConfig, graphNotConfigured, inBatches, type AskGraph } from '../../kit/graph-client';
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
}

/** The registry contract's limit for `TeacherFilter.ids`: an assignment of up to 100 teachers is one request. */
const IDS_PER_REQUEST = 100;
const REQUESTS_IN_FLIGHT = 4;

const PLACEMENTS = /* GraphQL */ `
  query TrainingPlacementCheck($ids: [ID!]!) {
    teachers(first: 100, filter: { ids: $ids }) { nodes { id stage subject school { id region { code } } } }
  }
`;

function registryOver(ask: AskGraph): RegistryAccess {
  type Node = { id: string; stage: TeachingStage; subject: string; school: { id: string; region: { code: string } } };
  const page = async (ids: string[]) => (await ask<{ teachers: { nodes: Node[] } }>(PLACEMENTS, { ids })).teachers.nodes;
  return {
    placements: async (teacherIds) => {
      const nodes = await inBatches(teacherIds, IDS_PER_REQUEST, REQUESTS_IN_FLIGHT, page);
      return new Map(nodes.map((n) => [n.id, { schoolId: n.school.id, regionCode: n.school.region.code, stage: n.stage, subject: n.subject }]));
    },
  };
}

/** The registry over the graph at `url` with the training service token. */
export function registryAccess(options: { url: string; token: string; timeoutMs?: number }): RegistryAccess {
  return registryOver(graphClient(options));
}

/** The deployment's registry access, or null when TRAINING_GRAPH_URL is not set. */
export function registryAccessFromEnv(): RegistryAccess | null {
  const ask = graphClientFromConfig('training', trainingConfig.TRAINING_GRAPH_URL, trainingConfig.TRAINING_GRAPH_TOKEN ?? trainingConfig.TRAINING_GRAPH_TOKEN_FILE?.secret);
  return ask && registryOver(ask);
}

/** The access, or an error saying how to configure it: what the registry must confirm is not taken on the caller's word. */
export function requireRegistry(access: RegistryAccess | null, what: string): RegistryAccess {
  if (access) return access;
  throw graphNotConfigured(`${what} are checked against the registry through the graph, and this training service has no access configured: set TRAINING_GRAPH_URL (the gateway) and TRAINING_GRAPH_TOKEN (a service token for training).`);
}
