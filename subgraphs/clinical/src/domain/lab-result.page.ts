import { badUserInput, type Page, type PageArgs } from '@clinicflow/platform';
import { isISO8601, isUUID } from 'class-validator';
import type { LabResult } from './lab-result.entity';

/**
 * Keyset pages of a patient's lab results, newest first: issuedAt descending, then id ascending
 * (the order Patient.latestLabResult picks by, so the first edge is always the latest result).
 * The cursor has the platform's format (base64url JSON of the sort values, see
 * packages/platform/src/pagination/keyset.ts), which does not export its codec.
 */
export interface LabResultPosition {
  issuedAt: string;
  id: string;
}

/** Which part of each patient's list to load: `first` rows strictly after `after`. */
export interface LabResultWindow {
  first: number;
  after: LabResultPosition | null;
}

const encodeCursor = (result: LabResult): string =>
  Buffer.from(JSON.stringify([result.issuedAt.toISOString(), result.id])).toString('base64url');

function decodeCursor(cursor: string): LabResultPosition {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2) {
      const [issuedAt, id] = values as unknown[];
      if (typeof issuedAt === 'string' && isISO8601(issuedAt) && typeof id === 'string' && isUUID(id)) {
        return { issuedAt, id };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('The `after` cursor is not one this list issued', { argument: 'after' });
}

export function labResultWindow(args: PageArgs): LabResultWindow {
  return { first: args.first, after: args.after ? decodeCursor(args.after) : null };
}

/** `rows` holds up to `first + 1` results: the extra one only tells that another page follows. */
export function toLabResultPage(rows: LabResult[], first: number, totalCount: number): Page<LabResult> {
  const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor(node) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
