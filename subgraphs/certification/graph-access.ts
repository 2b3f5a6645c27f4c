import { graphClient, graphClientFromConfig, graphNotConfigured, inBatches, type AskGraph } from '../../kit/graph-client';
import { certificationConfig } from './config';

/** Where the registry places a teacher today: the school, its county (GB/T 2260) and its reporting category. */
export interface RegistryPlacement {
  schoolId: string;
  regionCode: string;
  schoolCategory: string;
}

/** The registry's teacher holding a 身份证号, and where it places them today. */
export interface NumberedTeacher extends RegistryPlacement {
  teacherId: string;
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
  /**
   * The registry's teacher of each 身份证号 (a partner pass list's), keyed by the number as given;
   * numbers it does not know are absent. 100 numbers a request; the answers carry positions, never numbers.
   */
  teachersByIdNumber: (idNumbers: readonly string[]) => Promise<Map<string, NumberedTeacher>>;
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

const BY_ID_NUMBER = /* GraphQL */ `
  query CertificationPassListCheck($idNumbers: [String!]!) {
    teachersByIdNumber(idNumbers: $idNumbers) { index teacher { id school { id category region { code } } } }
  }
`;

/** The registry contract's limit for `teachersByIdNumber`. */
const NUMBERS_PER_REQUEST = 100;
const REQUESTS_IN_FLIGHT = 4;

/** Enrollments that never held a place (training's ENDED_WITHOUT_PLACE): they make no institution the teacher's trainer. */
const WITHOUT_PLACE = new Set(['SCHOOL_REJECTED', 'DECLINED', 'WITHDRAWN']);

function factsOver(ask: AskGraph): FactsAccess {
  return {
    placement: async (teacherId) => {
      type Answer = { teacher: { school: { id: string; category: string; region: { code: string } } } | null };
      const { teacher } = await ask<Answer>(PLACEMENT, { id: teacherId });
      return teacher && { schoolId: teacher.school.id, regionCode: teacher.school.region.code, schoolCategory: teacher.school.category };
    },
    teachersByIdNumber: async (idNumbers) => {
      type Match = { index: number; teacher: { id: string; school: { id: string; category: string; region: { code: string } } } | null };
      const found = await inBatches(idNumbers, NUMBERS_PER_REQUEST, REQUESTS_IN_FLIGHT, async (batch) => {
        const { teachersByIdNumber } = await ask<{ teachersByIdNumber: Match[] }>(BY_ID_NUMBER, { idNumbers: batch });
        return teachersByIdNumber.flatMap(({ index, teacher }) =>
          teacher ? [[batch[index], { teacherId: teacher.id, schoolId: teacher.school.id, regionCode: teacher.school.region.code, schoolCategory: teacher.school.category }] as const] : [],
        );
      });
      return new Map(found);
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
