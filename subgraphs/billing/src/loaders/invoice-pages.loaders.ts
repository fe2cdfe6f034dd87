import { batchLoader, keysetPagesByParent, loaderPerArguments, uuidKeys } from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import type { Invoice, InvoiceStatus } from '../domain/invoice.entity';
import { NEWEST_FIRST } from '../domain/invoice-order';

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
  return {
    // keysetPagesByParent checks `first` and `after` when the loader is made, before any batch runs.
    loaderFor: loaderPerArguments((args: InvoicePageArgs) =>
      batchLoader(
        keysetPagesByParent(
          {
            query: (patientIds) => {
              const query = invoices
                .createQueryBuilder('invoice')
                .where('invoice.patient_id = ANY(:patientIds)', { patientIds: uuidKeys(patientIds) });
              if (args.statuses?.length) query.andWhere('invoice.status = ANY(:statuses)', { statuses: args.statuses });
              return query;
            },
            parentColumn: 'invoice.patient_id',
            parentOf: (invoice) => invoice.patientId,
            keys: NEWEST_FIRST,
          },
          args,
        ),
      ),
    ),
  };
}
