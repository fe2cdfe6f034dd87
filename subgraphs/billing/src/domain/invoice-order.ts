import type { SortKey } from '@clinicflow/platform';
import type { Invoice } from './invoice.entity';

/**
 * Invoices are listed newest first; the id breaks ties, so the order is total as keyset paging needs.
 * `invoices` and `Patient.invoices` both page by these keys, so a cursor from either list continues the other.
 */
export const NEWEST_FIRST: SortKey<Invoice>[] = [
  { column: 'invoice.created_at', direction: 'DESC', type: 'timestamp', valueOf: (invoice) => invoice.createdAt },
  { column: 'invoice.id', direction: 'DESC', type: 'uuid', valueOf: (invoice) => invoice.id },
];
