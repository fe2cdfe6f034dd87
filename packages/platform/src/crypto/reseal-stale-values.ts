import type { ObjectLiteral, Repository } from 'typeorm';
import { currentFieldKeyId } from './field-keys';

export interface SealedColumn<T> {
  /** The entity property that holds the plaintext. */
  property: keyof T & string;
  /** Its column, as SQL names it on the query's alias `row`: `row.member_id`. */
  column: string;
}

/**
 * After a key rotation (a new key first in FIELD_ENCRYPTION_KEYS), seals again under the current key
 * every value still sealed under an older one, a batch at a time, so the old key can be dropped once
 * this has run. Each value is written back through the column's transformer; returns how many.
 */
export async function resealStaleValues<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  sealed: SealedColumn<T>,
  batchSize = 500,
): Promise<number> {
  const current = currentFieldKeyId();
  if (!current) return 0;
  let resealed = 0;
  for (;;) {
    const stale = await repository
      .createQueryBuilder('row')
      .where(`${sealed.column} IS NOT NULL AND ${sealed.column} NOT LIKE :prefix`, { prefix: `v1.${current}.%` })
      .take(batchSize)
      .getMany();
    if (stale.length === 0) return resealed;
    for (const row of stale) {
      // update (not save): save compares plaintexts, sees no change and writes nothing.
      await repository.update(row.id, { [sealed.property]: row[sealed.property] } as never);
    }
    resealed += stale.length;
  }
}
