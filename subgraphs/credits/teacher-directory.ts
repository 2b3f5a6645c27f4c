import { readFileSync } from 'node:fs';
import { DomainError } from '../shared/errors';

/**
 * What the registry says about the teachers an import names. The credits slice does not
 * own teachers and never reads the registry's tables: it asks the graph, like any client,
 * so the check works whichever province runs the registry.
 */
export interface RegisteredTeacher {
  id: string;
  /** 身份证号 as the registry holds it (18 characters). */
  idNumber: string;
}

/** Looks teachers up by id; ids the registry does not know are absent from the map. */
export type TeacherDirectory = (teacherIds: readonly string[]) => Promise<Map<string, RegisteredTeacher>>;

export const REGISTRY_UNAVAILABLE = 'REGISTRY_UNAVAILABLE';
export const REGISTRY_NOT_CONFIGURED = 'REGISTRY_NOT_CONFIGURED';

/** The registry contract's page limit for `TeacherFilter.ids`. */
const IDS_PER_REQUEST = 100;
const REQUESTS_IN_FLIGHT = 4;

const LOOKUP = /* GraphQL */ `
  query CreditImportTeacherCheck($ids: [ID!]!) {
    teachers(first: 100, filter: { ids: $ids }) { nodes { id idCardNumber } }
  }
`;

function unavailable(url: string, why: string): DomainError {
  return new DomainError(REGISTRY_UNAVAILABLE, `The teacher registry could not be asked through the graph at ${url} (${why}); nothing was imported. Try again when it answers.`, {
    rule: REGISTRY_UNAVAILABLE,
  });
}

/**
 * A directory that asks the graph (the gateway) with a service token. The token must
 * see ID numbers whole (a SYSTEM token does); a masked number would fail every row, so
 * it is reported as a configuration error instead.
 */
export function teacherDirectoryOverGraph(options: { url: string; token: string; timeoutMs?: number }): TeacherDirectory {
  const { url, token } = options;
  async function ask(ids: readonly string[]): Promise<RegisteredTeacher[]> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: LOOKUP, variables: { ids } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw unavailable(url, (error as Error).message);
    }
    const body = (await response.json().catch(() => null)) as { data?: { teachers?: { nodes: { id: string; idCardNumber: string }[] } }; errors?: { message: string }[] } | null;
    const nodes = body?.data?.teachers?.nodes;
    if (!nodes) throw unavailable(url, body?.errors?.[0]?.message ?? `HTTP ${response.status}`);
    if (nodes.some((n) => n.idCardNumber.includes('*'))) {
      throw new DomainError(REGISTRY_NOT_CONFIGURED, 'The registry masks ID numbers for the import service token, so no row could be checked; give the credits service a SYSTEM token (CREDITS_REGISTRY_TOKEN).', {
        rule: REGISTRY_NOT_CONFIGURED,
      });
    }
    return nodes.map((n) => ({ id: n.id, idNumber: n.idCardNumber }));
  }
  return async (teacherIds) => {
    const unique = [...new Set(teacherIds)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) chunks.push(unique.slice(i, i + IDS_PER_REQUEST));
    const found = new Map<string, RegisteredTeacher>();
    for (let i = 0; i < chunks.length; i += REQUESTS_IN_FLIGHT) {
      const answers = await Promise.all(chunks.slice(i, i + REQUESTS_IN_FLIGHT).map(ask));
      for (const teacher of answers.flat()) found.set(teacher.id, teacher);
    }
    return found;
  };
}

/**
 * The directory the deployment configures: `CREDITS_REGISTRY_URL` (the gateway's GraphQL
 * URL) and a SYSTEM client token in `CREDITS_REGISTRY_TOKEN` or the file named by
 * `CREDITS_REGISTRY_TOKEN_FILE`. Null when the URL is not set.
 */
export function teacherDirectoryFromEnv(env: NodeJS.ProcessEnv = process.env): TeacherDirectory | null {
  const url = env.CREDITS_REGISTRY_URL;
  if (!url) return null;
  const token = env.CREDITS_REGISTRY_TOKEN ?? (env.CREDITS_REGISTRY_TOKEN_FILE ? readFileSync(env.CREDITS_REGISTRY_TOKEN_FILE, 'utf8').trim() : undefined);
  if (!token) {
    throw new DomainError(REGISTRY_NOT_CONFIGURED, 'CREDITS_REGISTRY_URL is set but no token: set CREDITS_REGISTRY_TOKEN or CREDITS_REGISTRY_TOKEN_FILE to a SYSTEM client token.', {
      rule: REGISTRY_NOT_CONFIGURED,
    });
  }
  return teacherDirectoryOverGraph({ url, token });
}

/** For the GraphQL import: a configured directory, or an error saying how to configure one. */
export function requireTeacherDirectory(directory: TeacherDirectory | null): TeacherDirectory {
  if (directory) return directory;
  throw new DomainError(
    REGISTRY_NOT_CONFIGURED,
    'Imports check every row against the teacher registry, and this credits service has none configured: set CREDITS_REGISTRY_URL (the gateway) and CREDITS_REGISTRY_TOKEN.',
    { rule: REGISTRY_NOT_CONFIGURED },
  );
}
