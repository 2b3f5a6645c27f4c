/** Both storage backends every integration suite runs on. */
export type Backend = 'mariadb' | 'sqlite';
export const BACKENDS: Backend[] = ['mariadb', 'sqlite'];

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs one operation over real HTTP and returns the parsed body plus response headers. */
export async function post<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T> & { status: number; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult<T>;
  return { ...body, status: response.status, headers: response.headers };
}
