import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export type Direction = 'ASC' | 'DESC';

/** Sort key of a keyset page: a non-null column, with the id as tie-breaker. */
export interface KeysetOrder<T> {
  /** SQL expression, e.g. `teacher.name`. */
  column: string;
  /** The entity property that holds the column's value, written into cursors. */
  property: keyof T & string;
  direction: Direction;
  idColumn: string;
  idProperty: keyof T & string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A Relay-style connection. `totalCount` is a thunk so the count query runs only when asked for. */
export interface Connection<T> {
  totalCount: () => Promise<number>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Edge<T>[];
  nodes: T[];
}

type CursorValue = string | number;

export function encodeCursor(values: [CursorValue, CursorValue]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): [CursorValue, CursorValue] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === 2 &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as [CursorValue, CursorValue];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('The `after` cursor is not one this API returned; start again without it.', {
    field: 'after',
    rule: 'CURSOR_FORMAT',
  });
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}; it was ${size}.`, {
      field: 'first',
      rule: 'PAGE_SIZE',
    });
  }
  return size;
}

/**
 * Keyset (cursor) pagination: stable under inserts and as fast on page 1,000 as
 * on page 1, unlike OFFSET. Runs one query for the page (plus one count if asked).
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: PageArgs,
  order: KeysetOrder<T>,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const countQuery = query.clone();
  const page = query.clone();
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    const op = order.direction === 'ASC' ? '>' : '<';
    page.andWhere(
      `(${order.column} ${op} :cursorValue OR (${order.column} = :cursorValue AND ${order.idColumn} ${op} :cursorId))`,
      { cursorValue: value, cursorId: id },
    );
  }
  const rows = await page
    .orderBy(order.column, order.direction)
    .addOrderBy(order.idColumn, order.direction)
    .limit(size + 1)
    .getMany();
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({
    cursor: encodeCursor([node[order.property] as CursorValue, node[order.idProperty] as CursorValue]),
    node,
  }));
  return {
    totalCount: () => countQuery.getCount(),
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    edges,
    nodes,
  };
}
