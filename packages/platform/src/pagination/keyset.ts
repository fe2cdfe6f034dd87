import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from '../errors/app-error';
import type { Page } from './connection';
import { afterCondition, decodeCursor, encodeCursor, orderByClause, type SortKey } from './cursor';

export interface PageArgs {
  first: number;
  after?: string | null;
}

export const MAX_PAGE_SIZE = 500;

function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
}

/** Builds a page from up to `first + 1` rows: the extra row only tells that another page follows. */
function toPage<T>(keys: SortKey<T>[], rows: T[], first: number, totalCount: number): Page<T> {
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(keys, node) }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/**
 * Keyset pagination: the cursor holds the sort values of the last row, and the next page starts
 * strictly after them, so pages stay stable while rows are added. The last sort key must be unique.
 * Timestamp keys must be stored at millisecond precision (`timestamptz(3)`), the precision of a
 * JavaScript Date, or rows within the same millisecond would be served twice.
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  keys: SortKey<T>[],
  args: PageArgs,
): Promise<Page<T>> {
  checkPageSize(args.first);
  const after = args.after ? decodeCursor(keys, args.after) : null;
  const totalCount = await query.clone().getCount();
  const page = query.clone();
  if (after) {
    const condition = afterCondition(keys, after);
    page.andWhere(condition.sql, condition.parameters);
  }
  keys.forEach((key, index) =>
    index === 0 ? page.orderBy(key.column, key.direction) : page.addOrderBy(key.column, key.direction),
  );
  return toPage(keys, await page.take(args.first + 1).getMany(), args.first, totalCount);
}

export interface ParentPagesSpec<T extends ObjectLiteral> {
  /** The rows of all requested parents, with any filters applied; called once per statement. */
  query(parentIds: string[]): SelectQueryBuilder<T>;
  /** The column expression of the parent key, e.g. `result.patient_id`. */
  parentColumn: string;
  parentOf(row: T): string;
  keys: SortKey<T>[];
}

/**
 * The same page of a child list for many parents at once (`Patient.labResults` for every patient on a
 * board): two statements however many parents, a GROUP BY for the totals and a window function that
 * keeps each parent's first `first + 1` rows after the cursor. Pages come back in `parentIds` order.
 */
export function keysetPagesByParent<T extends ObjectLiteral>(spec: ParentPagesSpec<T>, args: PageArgs) {
  checkPageSize(args.first);
  // Decoded before any batch runs, so a foreign cursor is the caller's error at once.
  const after = args.after ? decodeCursor(spec.keys, args.after) : null;
  return async (parentIds: readonly string[]): Promise<Page<T>[]> => {
    const ids = [...parentIds];
    const totals = await spec
      .query(ids)
      .select(spec.parentColumn, 'parent')
      .addSelect('count(*)', 'total')
      .groupBy(spec.parentColumn)
      .getRawMany<{ parent: string; total: string }>();
    const ranked = spec.query(ids);
    ranked
      .select(`${ranked.alias}.id`, 'ranked_id')
      .addSelect(`row_number() OVER (PARTITION BY ${spec.parentColumn} ORDER BY ${orderByClause(spec.keys)})`, 'rank');
    if (after) {
      const condition = afterCondition(spec.keys, after);
      ranked.andWhere(condition.sql, condition.parameters);
    }
    const outer = spec.query(ids);
    outer
      .andWhere(
        `${outer.alias}.id IN (SELECT ranked.ranked_id FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :pageLimit)`,
      )
      .setParameters({ ...ranked.getParameters(), pageLimit: args.first + 1 });
    spec.keys.forEach((key, index) =>
      index === 0 ? outer.orderBy(key.column, key.direction) : outer.addOrderBy(key.column, key.direction),
    );
    const rows = await outer.getMany();
    const totalByParent = new Map(totals.map((row) => [row.parent, Number(row.total)]));
    const rowsByParent = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) rowsByParent.get(spec.parentOf(row))?.push(row);
    return ids.map((id) => toPage(spec.keys, rowsByParent.get(id) ?? [], args.first, totalByParent.get(id) ?? 0));
  };
}
