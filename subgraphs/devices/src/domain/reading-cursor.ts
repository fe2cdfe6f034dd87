import { badUserInput } from '@clinicflow/platform';
import { isUUID } from 'class-validator';
import type { Reading } from './reading.entity';

/** Where a page of a patient's readings (newest first) ended: the last reading's sort values. */
export interface ReadingCursor {
  recordedAt: Date;
  id: string;
}

/** Same shape as the platform's keyset cursors: base64url JSON of the sort values. */
export function encodeReadingCursor(reading: Reading): string {
  return Buffer.from(JSON.stringify([reading.recordedAt.toISOString(), reading.id])).toString('base64url');
}

export function decodeReadingCursor(cursor: string): ReadingCursor {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2) {
      const [recordedAt, id] = values as unknown[];
      const at = typeof recordedAt === 'string' ? new Date(recordedAt) : null;
      if (at && !Number.isNaN(at.getTime()) && typeof id === 'string' && isUUID(id)) return { recordedAt: at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('The `after` cursor is not one this list issued', { argument: 'after' });
}
