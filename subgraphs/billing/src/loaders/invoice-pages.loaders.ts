import { batchLoader, type DataLoader, keysetPagesByParent, type Page } from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import type { Invoice, InvoiceStatus } from '../domain/invoice.entity';
import { NEWEST_FIRST } from '../domain/invoice-order';
import { uuidsOnly } from './uuid-keys';

/** The arguments of `Patient.invoices`; every patient in a batch is paged with the same ones. */
export interface InvoicePageArgs {
  statuses?: InvoiceStatus[] | null;
  first: number;
  after?: string | null;
}

/**
 * `Patient.invoices` for many patients at once: keysetPagesByParent's two statements per distinct
 * set of arguments, however many patients. `loaderFor(args)` hands out one loader per set of
 * arguments for the request.
 */
export function createInvoicePageLoaders(invoices: Repository<Invoice>) {
  const loaders = new Map<string, DataLoader<string, Page<Invoice>>>();

  const pagesOf = (args: InvoicePageArgs) =>
    keysetPagesByParent(
      {
        query: (patientIds) => {
          const query = invoices
            .createQueryBuilder('invoice')
            .where('invoice.patient_id = ANY(:patientIds)', { patientIds: uuidsOnly(patientIds) });
          if (args.statuses?.length) query.andWhere('invoice.status = ANY(:statuses)', { statuses: args.statuses });
          return query;
        },
        parentColumn: 'invoice.patient_id',
        parentOf: (invoice) => invoice.patientId,
        keys: NEWEST_FIRST,
      },
      args,
    );

  return {
    loaderFor(args: InvoicePageArgs): DataLoader<string, Page<Invoice>> {
      const key = JSON.stringify([args.statuses ?? null, args.first, args.after ?? null]);
      // Built for new arguments only; pagesOf checks `first` and `after` then, before any batch.
      const loader = loaders.get(key) ?? batchLoader(pagesOf(args));
      loaders.set(key, loader);
      return loader;
    },
  };
}
