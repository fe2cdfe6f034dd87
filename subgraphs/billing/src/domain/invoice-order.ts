import { badUserInput, type SortKey } from '@clinicflow/platform';
import { isISO8601, isUUID } from 'class-validator';
import type { Invoice } from './invoice.entity';

/** Invoices are listed newest first; the id breaks ties, so the order is total as keyset paging needs. */
export const NEWEST_FIRST: SortKey<Invoice>[] = [
  { column: 'invoice.created_at', direction: 'DESC', type: 'timestamp', valueOf: (invoice) => invoice.createdAt },
  { column: 'invoice.id', direction: 'DESC', type: 'uuid', valueOf: (invoice) => invoice.id },
];

/** The position after which a page starts. */
export interface InvoicePosition {
  createdAt: string;
  id: string;
}

/**
 * The platform's keysetPage cursor format (base64url JSON of NEWEST_FIRST's values), written out
 * here because `Patient.invoices` pages many patients in one statement and cannot use keysetPage;
 * a cursor from either list therefore means the same place.
 */
export function invoiceCursor(invoice: Invoice): string {
  return Buffer.from(JSON.stringify([invoice.createdAt.toISOString(), invoice.id])).toString('base64url');
}

export function decodeInvoiceCursor(cursor: string): InvoicePosition {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2) {
      const [createdAt, id] = values as unknown[];
      if (typeof createdAt === 'string' && isISO8601(createdAt) && typeof id === 'string' && isUUID(id)) {
        return { createdAt, id };
      }
    }
  } catch {
    // not JSON: reported below like any other foreign cursor
  }
  throw badUserInput('The `after` cursor is not one this list issued', { argument: 'after' });
}
