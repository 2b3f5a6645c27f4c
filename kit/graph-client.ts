import { DomainError } from './errors';

/**
 * A slice asking the graph (the gateway) for another slice's facts, as a service: a POST with the
 * slice's service token (a SERVICE client token naming the slice, whose reads the owning subgraphs
 * grant in their access.ts `services`). Subgraphs never read each other's tables nor import each
 * other; each keeps its queries and what it makes of the answers, this is only the transport.
 */
export type AskGraph = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** The graph did not answer (down, timed out, refused the token): nothing that needed it was stored. */
export const GRAPH_UNAVAILABLE = 'GRAPH_UNAVAILABLE';
/** The slice has no graph access configured, or a token that cannot read what the check needs. */
export const GRAPH_NOT_CONFIGURED = 'GRAPH_NOT_CONFIGURED';

function unavailable(url: string, why: string): DomainError {
  return new DomainError(GRAPH_UNAVAILABLE, `The graph could not be asked at ${url} (${why}); nothing was stored. Try again when it answers.`, {
    rule: GRAPH_UNAVAILABLE,
  });
}

export function graphNotConfigured(message: string): DomainError {
  return new DomainError(GRAPH_NOT_CONFIGURED, message, { rule: GRAPH_NOT_CONFIGURED });
}

/**
 * Asks the gateway at `url` with `token`. A request that fails, times out, or answers with an error
 * is GRAPH_UNAVAILABLE (a check that cannot be made refuses the write rather than trusting the
 * caller, and a partial answer is not taken for a fact); a refused token is GRAPH_NOT_CONFIGURED.
 */
export function graphClient(options: { url: string; token: string; timeoutMs?: number }): AskGraph {
  const { url, token } = options;
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw unavailable(url, (error as Error).message);
    }
    type Answer = { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    const body = (await response.json().catch(() => null)) as Answer | null;
    const error = body?.errors?.[0];
    // A token the gateway or a subgraph refuses is the deployment's to fix, not a passing outage.
    if (error && (error.extensions?.code === 'FORBIDDEN' || error.extensions?.code === 'UNAUTHENTICATED' || response.status === 401)) {
      throw graphNotConfigured(`The graph at ${url} refused this slice's service token (${error.message}); nothing was stored.`);
    }
    if (!body?.data || error) throw unavailable(url, error?.message ?? `HTTP ${response.status}`);
    return body.data;
  };
}

/**
 * `ids` (duplicates dropped) asked `perRequest` at a time, at most `inFlight` requests at once:
 * one request for a call's teachers, 100 for an import of 10,000 rows. The answers, concatenated.
 */
export async function inBatches<T>(ids: readonly string[], perRequest: number, inFlight: number, ask: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += perRequest) batches.push(unique.slice(i, i + perRequest));
  const answers: T[] = [];
  for (let i = 0; i < batches.length; i += inFlight) answers.push(...(await Promise.all(batches.slice(i, i + inFlight).map(ask))).flat());
  return answers;
}

/**
 * The graph access a slice's config names: its URL and its token (or the file holding it); null when
 * no URL is set. `service` is the identity the token must carry when it is not the slice's own name
 * (the legacy credits platform asks as `credits`).
 */
export function graphClientFromConfig(slice: string, url: string | undefined, token: string | undefined, service = slice): AskGraph | null {
  if (!url) return null;
  const variable = `${slice.toUpperCase()}_GRAPH_TOKEN`;
  if (!token) throw graphNotConfigured(`${slice.toUpperCase()}_GRAPH_URL is set but no token: set ${variable} or ${variable}_FILE to a service token for ${service} (npm run token -- --service ${service}).`);
  return graphClient({ url, token });
}
