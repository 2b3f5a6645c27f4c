import { graphClient, graphClientFromConfig, graphNotConfigured, inBatches, type AskGraph } from '../../kit/graph-client';
import { creditsConfig } from './config';
import type { EnrollmentFacts } from './rules/registration';

/**
 * What the credits slice reads of other slices, through the graph (the gateway) with its service
 * token (role SERVICE, service `credits`: it reads only what the registry and training grant it in
 * their access.ts `services`), never from their tables: so the checks work whichever province
 * runs the registry or the training platform. Configured by CREDITS_GRAPH_URL and
 * CREDITS_GRAPH_TOKEN (or CREDITS_GRAPH_TOKEN_FILE).
 */
export interface GraphAccess {
  /** The registry's teachers by id (for imports); ids it does not know are absent. */
  teachers: TeacherDirectory;
  /**
   * Where the registry placed a teacher on a day (任职经历): null when no teacher has the id,
   * `placement` null when the day is before the teacher's first placement.
   */
  placementOn: (teacherId: string, date: string) => Promise<{ placement: TeacherPlacement | null } | null>;
  /** The training slice's record of an enrollment (for completions an institution reports). */
  enrollment: (enrollmentId: string) => Promise<EnrollmentFacts | null>;
  /** An institution's kind and county, per training's records (a county teacher school acts for its county). */
  institution: (institutionId: string) => Promise<{ kind: string; regionCode: string } | null>;
  /** The projects (with their institution) in which a teacher has a COMPLETED enrollment, per training's records. */
  completedProjects: (teacherId: string) => Promise<{ projectId: string; institutionId: string }[]>;
}

export interface RegisteredTeacher {
  id: string;
  /** 身份证号 as the registry holds it (18 characters). */
  idNumber: string;
  /** Where the registry places the teacher (教师库): the school, its county and its category. */
  schoolId: string;
  regionCode: string;
  schoolCategory: string;
  /** The registry's placement history (任职经历), oldest first, when it was asked for: `to` is the next one's `from`. */
  placements?: { schoolId: string; regionCode: string; from: string; to: string | null }[];
}

/** A teacher's school and its county on a given day, per the registry. */
export interface TeacherPlacement {
  schoolId: string;
  regionCode: string;
}

export type TeacherDirectory = (teacherIds: readonly string[]) => Promise<Map<string, RegisteredTeacher>>;

/** The registry contract's limit for `TeacherFilter.ids`. */
const IDS_PER_REQUEST = 100;
const REQUESTS_IN_FLIGHT = 4;

const TEACHERS = /* GraphQL */ `
  query CreditsTeacherCheck($ids: [ID!]!) {
    teachers(first: 100, filter: { ids: $ids }) {
      nodes { id idCardNumber school { id category region { code } } placements { school { id } regionCode from to } }
    }
  }
`;

const PLACEMENT_ON = /* GraphQL */ `
  query CreditsPlacementCheck($id: ID!, $on: Date!) {
    teacher(id: $id) { id placementOn(date: $on) { school { id } regionCode } }
  }
`;

const COMPLETED_PROJECTS = /* GraphQL */ `
  query CreditsCompletedProjects($id: ID!) {
    teacher(id: $id) { enrollments(status: COMPLETED) { trainingClass { project { id institution { id } } } } }
  }
`;

const INSTITUTION = /* GraphQL */ `
  query CreditsInstitutionCheck($id: ID!) {
    institution(id: $id) { kind region { code } }
  }
`;

const ENROLLMENT = /* GraphQL */ `
  query CreditsEnrollmentCheck($id: ID!) {
    enrollment(id: $id) { status teacher { id } trainingClass { project { id institution { id } } } }
  }
`;

/** Lookups over the graph at `url` with the credits service token (the registry grants it ID numbers whole). */
export function graphAccess(options: { url: string; token: string; timeoutMs?: number }): GraphAccess {
  return graphAccessOver(graphClient(options));
}

function graphAccessOver(ask: AskGraph): GraphAccess {
  async function teacherPage(ids: readonly string[]): Promise<RegisteredTeacher[]> {
    type Node = {
      id: string;
      idCardNumber: string;
      school: { id: string; category: string; region: { code: string } };
      placements: { school: { id: string }; regionCode: string; from: string; to: string | null }[];
    };
    const data = await ask<{ teachers: { nodes: Node[] } }>(TEACHERS, { ids });
    const nodes = data.teachers.nodes;
    if (nodes.some((n) => n.idCardNumber.includes('*'))) {
      throw graphNotConfigured('The registry masks ID numbers for the credits token, so no row could be checked; give credits its service token (CREDITS_GRAPH_TOKEN: npm run token -- --service credits).');
    }
    return nodes.map((n) => ({
      id: n.id,
      idNumber: n.idCardNumber,
      schoolId: n.school.id,
      regionCode: n.school.region.code,
      schoolCategory: n.school.category,
      placements: n.placements.map((p) => ({ schoolId: p.school.id, regionCode: p.regionCode, from: p.from, to: p.to })),
    }));
  }

  return {
    teachers: async (teacherIds) => {
      const found = await inBatches(teacherIds, IDS_PER_REQUEST, REQUESTS_IN_FLIGHT, teacherPage);
      return new Map(found.map((teacher) => [teacher.id, teacher]));
    },
    placementOn: async (teacherId, date) => {
      type Answer = { teacher: { placementOn: { school: { id: string }; regionCode: string } | null } | null };
      const { teacher } = await ask<Answer>(PLACEMENT_ON, { id: teacherId, on: date });
      if (!teacher) return null;
      const placed = teacher.placementOn;
      return { placement: placed ? { schoolId: placed.school.id, regionCode: placed.regionCode } : null };
    },
    institution: async (institutionId) => {
      const { institution } = await ask<{ institution: { kind: string; region: { code: string } } | null }>(INSTITUTION, { id: institutionId });
      return institution ? { kind: institution.kind, regionCode: institution.region.code } : null;
    },
    completedProjects: async (teacherId) => {
      type Answer = { teacher: { enrollments: { trainingClass: { project: { id: string; institution: { id: string } } } }[] | null } | null };
      const { teacher } = await ask<Answer>(COMPLETED_PROJECTS, { id: teacherId });
      return (teacher?.enrollments ?? []).map((e) => ({ projectId: e.trainingClass.project.id, institutionId: e.trainingClass.project.institution.id }));
    },
    enrollment: async (enrollmentId) => {
      type Answer = { enrollment: { status: string; teacher: { id: string }; trainingClass: { project: { id: string; institution: { id: string } } } } | null };
      const { enrollment } = await ask<Answer>(ENROLLMENT, { id: enrollmentId });
      if (!enrollment) return null;
      const { project } = enrollment.trainingClass;
      return { status: enrollment.status, teacherId: enrollment.teacher.id, projectId: project.id, institutionId: project.institution.id };
    },
  };
}

/** The deployment's graph access, or null when CREDITS_GRAPH_URL is not set. */
export function graphAccessFromEnv(): GraphAccess | null {
  const ask = graphClientFromConfig('credits', creditsConfig.CREDITS_GRAPH_URL, creditsConfig.CREDITS_GRAPH_TOKEN ?? creditsConfig.CREDITS_GRAPH_TOKEN_FILE?.secret);
  return ask && graphAccessOver(ask);
}

/** For what cannot be checked without the graph (imports, institutions' completions): the access, or an error saying how to configure it. */
export function requireGraphAccess(access: GraphAccess | null, what: string): GraphAccess {
  if (access) return access;
  throw graphNotConfigured(`${what} are checked through the graph, and this credits service has no access configured: set CREDITS_GRAPH_URL (the gateway) and CREDITS_GRAPH_TOKEN (a service token for credits).`);
}
