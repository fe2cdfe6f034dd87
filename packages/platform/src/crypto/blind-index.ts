import { createHmac } from 'node:crypto';
import { fieldKeys } from './field-keys';

/**
 * A blind index: HMAC-SHA256 of the normalised value under BLIND_INDEX_KEY, hex. Equal values give equal
 * indexes, so an encrypted identifier can be looked up and kept unique, while the index alone tells
 * nothing without the key. `context` keeps the indexes of two columns apart.
 */
export function blindIndex(value: string, context: string): string {
  return createHmac('sha256', fieldKeys().blindIndexKey)
    .update(`${context}\u0000${value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()}`)
    .digest('hex');
}
