import { graphClient, graphClientFromConfig, graphNotConfigured, inBatches, type AskGraph } from '../../kit/graph-client';
import { legacyCreditsConfig } from './config';
import type { EnrollmentFacts } from './rules/completion';
import type { InstitutionFacts } from './rules/duties';
import type { Placement, RegisteredTeacher } from './rules/placement';

/**
 * What the platform reads of other slices, through the graph (the gateway) as the `credits`
 * service, never from their tables: the registry's 身份证号 and placements (任职经历), training's
 * enrollments. It implements the credits contract, so the owners' grants to `credits` (their
 * access.ts `services`) are what it may read. Configured by LEGACY_CREDITS_GRAPH_URL and
 * LEGACY_CREDITS_GRAPH_TOKEN (or LEGACY_CREDITS_GRAPH_TOKEN_FILE).
 */
export interface LegacyGraphAccess {
  /** A teacher's 身份证号 and placements on `on` and `today` (null before the first); null when the registry has no such teacher. */
  teacherOn: (teacherId: string, on: string, today: string) => Promise<{ idNumber: string; on: Placement | null; today: Placement | null } | null>;
  /** The registry's teachers by id, with their placement history (for imports); ids it does not know are absent. */
  teachers: (teacherIds: readonly string[]) => Promise<Map<string, RegisteredTeacher>>;
  /** Training's record of an enrollment (for completions). */
  enrollment: (enrollmentId: string) => Promise<EnrollmentFacts | null>;
  /** The projects (with their institution) in which a teacher has a COMPLETED enrollment, per training. */
  completedProjects: (teacherId: string) => Promise<{ projectId: string; institutionId: string }[]>;
  /** An institution's kind and county, per training (a county teacher school acts for its county). */
  institution: (institutionId: string) => Promise<InstitutionFacts | null>;
}

/** The registry contract's limit for `TeacherFilter.ids`. */
const IDS_PER_REQUEST = 100;
const REQUESTS_IN_FLIGHT = 4;

const TEACHER_ON = /* GraphQL */ `
  query LegacyCreditsTeacherOn($id: ID!, $on: Date!, $today: Date!) {
    teacher(id: $id) {
      idCardNumber
      on: placementOn(date: $on) { school { id } regionCode }
      today: placementOn(date: $today) { school { id } regionCode }
    }
  }
`;

const TEACHERS = /* GraphQL */ `
  query LegacyCreditsTeachers($ids: [ID!]!) {
    teachers(first: 100, filter: { ids: $ids }) {
      nodes { id idCardNumber school { id region { code } } placements { school { id } regionCode from to } }
    }
  }
`;

const ENROLLMENT = /* GraphQL */ `
  query LegacyCreditsEnrollment($id: ID!) {
    enrollment(id: $id) { status teacher { id } trainingClass { project { id institution { id } } } }
  }
`;

const COMPLETED_PROJECTS = /* GraphQL */ `
  query LegacyCreditsCompletedProjects($id: ID!) {
    teacher(id: $id) { enrollments(status: COMPLETED) { trainingClass { project { id institution { id } } } } }
  }
`;

const INSTITUTION = /* GraphQL */ `
  query LegacyCreditsInstitution($id: ID!) {
    institution(id: $id) { kind region { code } }
  }
`;

type PlacementNode = { school: { id: string }; regionCode: string } | null;

const placementOf = (node: PlacementNode): Placement | null => (node ? { schoolId: node.school.id, regionCode: node.regionCode } : null);

/** A masked number cannot be filed under: the token is not the credits service's. */
function wholeIdNumber(idNumber: string): string {
  if (idNumber.includes('*')) {
    throw graphNotConfigured('The registry masks ID numbers for this token, so no credit could be filed; give the platform a credits service token (LEGACY_CREDITS_GRAPH_TOKEN: npm run token -- --service credits).');
  }
  return idNumber;
}

/** Lookups over the graph at `url` with a credits service token. */
export function legacyGraphAccess(options: { url: string; token: string; timeoutMs?: number }): LegacyGraphAccess {
  return accessOver(graphClient(options));
}

function accessOver(ask: AskGraph): LegacyGraphAccess {
  async function teacherPage(ids: readonly string[]): Promise<[string, RegisteredTeacher][]> {
    type Node = { id: string; idCardNumber: string; school: { id: string; region: { code: string } }; placements: { school: { id: string }; regionCode: string; from: string; to: string | null }[] };
    const { teachers } = await ask<{ teachers: { nodes: Node[] } }>(TEACHERS, { ids });
    return teachers.nodes.map((n) => [
      n.id,
      {
        idNumber: wholeIdNumber(n.idCardNumber),
        current: { schoolId: n.school.id, regionCode: n.school.region.code },
        placements: n.placements.map((p) => ({ schoolId: p.school.id, regionCode: p.regionCode, from: p.from, to: p.to })),
      },
    ]);
  }

  return {
    teacherOn: async (teacherId, on, today) => {
      type Answer = { teacher: { idCardNumber: string; on: PlacementNode; today: PlacementNode } | null };
      const { teacher } = await ask<Answer>(TEACHER_ON, { id: teacherId, on, today });
      return teacher && { idNumber: wholeIdNumber(teacher.idCardNumber), on: placementOf(teacher.on), today: placementOf(teacher.today) };
    },
    teachers: async (teacherIds) => new Map(await inBatches(teacherIds, IDS_PER_REQUEST, REQUESTS_IN_FLIGHT, teacherPage)),
    enrollment: async (enrollmentId) => {
      type Answer = { enrollment: { status: string; teacher: { id: string }; trainingClass: { project: { id: string; institution: { id: string } } } } | null };
      const { enrollment } = await ask<Answer>(ENROLLMENT, { id: enrollmentId });
      if (!enrollment) return null;
      const { project } = enrollment.trainingClass;
      return { status: enrollment.status, teacherId: enrollment.teacher.id, projectId: project.id, institutionId: project.institution.id };
    },
    completedProjects: async (teacherId) => {
      type Answer = { teacher: { enrollments: { trainingClass: { project: { id: string; institution: { id: string } } } }[] | null } | null };
      const { teacher } = await ask<Answer>(COMPLETED_PROJECTS, { id: teacherId });
      return (teacher?.enrollments ?? []).map((e) => ({ projectId: e.trainingClass.project.id, institutionId: e.trainingClass.project.institution.id }));
    },
    institution: async (institutionId) => {
      const { institution } = await ask<{ institution: { kind: string; region: { code: string } } | null }>(INSTITUTION, { id: institutionId });
      return institution && { kind: institution.kind, regionCode: institution.region.code };
    },
  };
}

/** The deployment's graph access, or null when LEGACY_CREDITS_GRAPH_URL is not set. */
export function legacyGraphAccessFromEnv(): LegacyGraphAccess | null {
  const token = legacyCreditsConfig.LEGACY_CREDITS_GRAPH_TOKEN ?? legacyCreditsConfig.LEGACY_CREDITS_GRAPH_TOKEN_FILE?.secret;
  const ask = graphClientFromConfig('legacy_credits', legacyCreditsConfig.LEGACY_CREDITS_GRAPH_URL, token, 'credits');
  return ask && accessOver(ask);
}

/** The access, or an error saying how to configure it: every write here is checked through the graph. */
export function requireGraphAccess(access: LegacyGraphAccess | null, what: string): LegacyGraphAccess {
  if (access) return access;
  throw graphNotConfigured(
    `${what} are checked against the registry through the graph, and this platform has no access configured: set LEGACY_CREDITS_GRAPH_URL (the gateway) and LEGACY_CREDITS_GRAPH_TOKEN (a service token for credits).`,
  );
}
