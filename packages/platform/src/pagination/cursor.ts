import { badUserInput } from '../errors/app-error';

/** What a sort key's values are, so a cursor's values can be checked before they reach SQL. */
export type SortValueType = 'timestamp' | 'uuid' | 'text' | 'number';

export interface SortKey<T> {
  /** A column expression on the query's alias, e.g. `entry.arrived_at`. */
  column: string;
  direction: 'ASC' | 'DESC';
  type: SortValueType;
  valueOf(row: T): string | number | Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const valid: Record<SortValueType, (value: unknown) => boolean> = {
  timestamp: (value) =>
    typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value),
  uuid: (value) => typeof value === 'string' && UUID.test(value),
  text: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
};

/** A cursor is the base64url JSON of the last row's sort values. */
export function encodeCursor<T>(keys: SortKey<T>[], row: T): string {
  const values = keys.map((key) => {
    const value = key.valueOf(row);
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor and checks each value against its key, so a foreign cursor is the caller's error. */
export function decodeCursor<T>(keys: SortKey<T>[], cursor: string): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === keys.length && keys.every((key, i) => valid[key.type](values[i]))) {
      return values;
    }
  } catch {
    // not JSON: reported below like any other foreign cursor
  }
  throw badUserInput('The `after` cursor is not one this list issued', { argument: 'after' });
}

/**
 * The condition "strictly after these sort values" for keys of any mix of directions:
 * `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR ...`, with `<` for descending keys.
 */
export function afterCondition<T>(
  keys: SortKey<T>[],
  values: unknown[],
  prefix = 'cursor',
): { sql: string; parameters: Record<string, unknown> } {
  const parameters: Record<string, unknown> = {};
  const branches = keys.map((key, index) => {
    parameters[`${prefix}${index}`] = values[index];
    const equalities = keys.slice(0, index).map((earlier, j) => `${earlier.column} = :${prefix}${j}`);
    const operator = key.direction === 'ASC' ? '>' : '<';
    return `(${[...equalities, `${key.column} ${operator} :${prefix}${index}`].join(' AND ')})`;
  });
  return { sql: `(${branches.join(' OR ')})`, parameters };
}

export const orderByClause = <T>(keys: SortKey<T>[]) => keys.map((key) => `${key.column} ${key.direction}`).join(', ');
