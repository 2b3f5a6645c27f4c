import { graphClient, graphClientFromConfig, graphNotConfigured, type AskGraph } from '../../kit/graph-client';
import { certificationConfig } from './config';

/** Where the registry places a teacher today: the school, its county (GB/T 2260) and its reporting category. */
export interface RegistryPlacement {
  schoolId: string;
  regionCode: string;
  schoolCategory: string;
}

/**
 * What certification reads of other slices, through the graph with its service token (role
 * SERVICE, service `certification`: the registry grants it teachers' schools, the training slice
 * enrollments and their institutions, nothing personal), never from their tables. Configured by
 * CERTIFICATION_GRAPH_URL and CERTIFICATION_GRAPH_TOKEN[_FILE].
 */
export interface FactsAccess {
  /** The teacher's placement today; null when the registry has no teacher with the id. */
  placement: (teacherId: string) => Promise<RegistryPlacement | null>;
  /** The institutions running a class the teacher holds or held a place in (enrollments not rejected, declined or withdrawn). */
  enrollingInstitutions: (teacherId: string) => Promise<Set<string>>;
}

const PLACEMENT = /* GraphQL */ `
  query CertificationPlacementCheck($id: ID!) {
    teacher(id: $id) { school { id category region { code } } }
  }
`;

const ENROLLMENTS = /* GraphQL */ `
  query CertificationEnrollmentCheck($id: ID!) {
    teacher(id: $id) { enrollments { status trainingClass { project { institution { id } } } } }
  }
`;

/** Enrollments that never held a place (training's ENDED_WITHOUT_PLACE): they make no institution the teacher's trainer. */
const WITHOUT_PLACE = new Set(['SCHOOL_REJECTED', 'DECLINED', 'WITHDRAWN']);

function factsOver(ask: AskGraph): FactsAccess {
  return {
    placement: async (teacherId) => {
      type Answer = { teacher: { school: { id: string; category: string; region: { code: string } } } | null };
      const { teacher } = await ask<Answer>(PLACEMENT, { id: teacherId });
      return teacher && { schoolId: teacher.school.id, regionCode: teacher.school.region.code, schoolCategory: teacher.school.category };
    },
    enrollingInstitutions: async (teacherId) => {
      type Answer = { teacher: { enrollments: { status: string; trainingClass: { project: { institution: { id: string } } } }[] | null } | null };
      const { teacher } = await ask<Answer>(ENROLLMENTS, { id: teacherId });
      const held = (teacher?.enrollments ?? []).filter((e) => !WITHOUT_PLACE.has(e.status));
      return new Set(held.map((e) => e.trainingClass.project.institution.id));
    },
  };
}

/** The facts over the graph at `url` with the certification service token. */
export function factsAccess(options: { url: string; token: string; timeoutMs?: number }): FactsAccess {
  return factsOver(graphClient(options));
}

/** The deployment's access, or null when CERTIFICATION_GRAPH_URL is not set. */
export function factsAccessFromEnv(): FactsAccess | null {
  const ask = graphClientFromConfig(
    'certification',
    certificationConfig.CERTIFICATION_GRAPH_URL,
    certificationConfig.CERTIFICATION_GRAPH_TOKEN ?? certificationConfig.CERTIFICATION_GRAPH_TOKEN_FILE?.secret,
  );
  return ask && factsOver(ask);
}

/** The access, or an error saying how to configure it: what the registry must confirm is not taken on the caller's word. */
export function requireFacts(access: FactsAccess | null, what: string): FactsAccess {
  if (access) return access;
  throw graphNotConfigured(`${what} are checked against the registry through the graph, and this certification service has no access configured: set CERTIFICATION_GRAPH_URL (the gateway) and CERTIFICATION_GRAPH_TOKEN (a service token for certification).`);
}
