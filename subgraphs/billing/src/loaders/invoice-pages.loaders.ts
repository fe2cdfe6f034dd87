import { batchLoader, type DataLoader, manyByKey, type Page } from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import type { Invoice, InvoiceStatus } from '../domain/invoice.entity';
import { decodeInvoiceCursor, invoiceCursor, type InvoicePosition } from '../domain/invoice-order';
import { uuidsOnly } from './uuid-keys';

/** The arguments of `Patient.invoices`; every patient in a batch is paged with the same ones. */
export interface InvoicePageArgs {
  statuses?: InvoiceStatus[] | null;
  first: number;
  after?: string | null;
}

/**
 * `Patient.invoices` for many patients at once: two statements per distinct set of arguments
 * (a GROUP BY for the totals, a window function for each patient's page), however many patients.
 * `loaderFor(args)` hands out one loader per set of arguments for the request.
 */
export function createInvoicePageLoaders(invoices: Repository<Invoice>) {
  const loaders = new Map<string, DataLoader<string, Page<Invoice>>>();

  const matching = (patientIds: string[], statuses: InvoiceStatus[] | null | undefined) => {
    const query = invoices.createQueryBuilder('invoice').where('invoice.patient_id = ANY(:patientIds)', { patientIds });
    if (statuses?.length) query.andWhere('invoice.status = ANY(:statuses)', { statuses });
    return query;
  };

  const pages = async (
    keys: readonly string[],
    args: InvoicePageArgs,
    after: InvoicePosition | null,
  ): Promise<Page<Invoice>[]> => {
    const patientIds = uuidsOnly(keys);
    const totals = await matching(patientIds, args.statuses)
      .select('invoice.patient_id', 'patientId')
      .addSelect('count(*)', 'total')
      .groupBy('invoice.patient_id')
      .getRawMany<{ patientId: string; total: string }>();
    const ranked = matching(patientIds, args.statuses).addSelect(
      'row_number() OVER (PARTITION BY invoice.patient_id ORDER BY invoice.created_at DESC, invoice.id DESC)',
      'rank',
    );
    if (after) {
      ranked.andWhere(
        '(invoice.created_at < :afterCreatedAt OR (invoice.created_at = :afterCreatedAt AND invoice.id < :afterId))',
        {
          afterCreatedAt: after.createdAt,
          afterId: after.id,
        },
      );
    }
    // One row more than asked for tells whether another page follows.
    const rows = await invoices
      .createQueryBuilder('invoice')
      .where(`invoice.id IN (SELECT ranked.invoice_id FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit: args.first + 1 })
      .orderBy('invoice.created_at', 'DESC')
      .addOrderBy('invoice.id', 'DESC')
      .getMany();
    const totalByPatient = new Map(totals.map((row) => [row.patientId, Number(row.total)]));
    return manyByKey(keys, rows, (row) => row.patientId).map((patientRows, index) => {
      const edges = patientRows.slice(0, args.first).map((node) => ({ node, cursor: invoiceCursor(node) }));
      return {
        edges,
        totalCount: totalByPatient.get(keys[index]) ?? 0,
        pageInfo: { hasNextPage: patientRows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    });
  };

  return {
    loaderFor(args: InvoicePageArgs): DataLoader<string, Page<Invoice>> {
      const key = JSON.stringify([args.statuses ?? null, args.first, args.after ?? null]);
      let loader = loaders.get(key);
      if (!loader) {
        // Decoded here, not in the batch, so a foreign cursor is the caller's error at once.
        const after = args.after ? decodeInvoiceCursor(args.after) : null;
        loader = batchLoader((keys) => pages(keys, args, after));
        loaders.set(key, loader);
      }
      return loader;
    },
  };
}
