import { batchLoader, type Database, manyByKey, oneByKey, uuidKeys } from '@clinicflow/platform';
import { Coverage } from '../domain/coverage.entity';
import { Invoice, InvoiceStatus } from '../domain/invoice.entity';
import { CLINIC_CURRENCY, type Money } from '../domain/money';
import { type PaymentStatus, paymentStatusOf, type VisitInvoiceSummary } from '../domain/payment-status';
import { createInvoicePageLoaders } from './invoice-pages.loaders';

export function createBillingLoaders(database: Database) {
  const invoices = database.dataSource.getRepository(Invoice);
  return {
    invoiceById: batchLoader<string, Invoice | null>(async (ids) =>
      oneByKey(
        ids,
        await invoices
          .createQueryBuilder('invoice')
          .where('invoice.id = ANY(:ids)', { ids: uuidKeys(ids) })
          .getMany(),
        (row) => row.id,
      ),
    ),
    /** Sum of each patient's open invoices, one GROUP BY for the batch. */
    balanceByPatient: batchLoader<string, Money>(async (ids) => {
      const rows = await invoices
        .createQueryBuilder('invoice')
        .select('invoice.patient_id', 'patientId')
        .addSelect('invoice.currency', 'currency')
        .addSelect('sum(invoice.amount_cents)', 'amountCents')
        .where('invoice.patient_id = ANY(:ids)', { ids: uuidKeys(ids) })
        .andWhere('invoice.status = :open', { open: InvoiceStatus.OPEN })
        .groupBy('invoice.patient_id')
        .addGroupBy('invoice.currency')
        .getRawMany<{ patientId: string; currency: string; amountCents: string }>();
      return oneByKey(ids, rows, (row) => row.patientId).map((row) =>
        row
          ? { amountCents: Number(row.amountCents), currency: row.currency }
          : { amountCents: 0, currency: CLINIC_CURRENCY },
      );
    }),
    /** Whether each visit is paid for, from all its invoices, one GROUP BY for the batch. */
    paymentStatusByQueueEntry: batchLoader<string, PaymentStatus>(async (ids) => {
      const rows = await invoices
        .createQueryBuilder('invoice')
        .select('invoice.queue_entry_id', 'queueEntryId')
        .addSelect('bool_or(invoice.status = :open)', 'due')
        .addSelect('bool_or(invoice.status = :paid)', 'paid')
        .where('invoice.queue_entry_id = ANY(:ids)', { ids: uuidKeys(ids) })
        .setParameters({ open: InvoiceStatus.OPEN, paid: InvoiceStatus.PAID })
        .groupBy('invoice.queue_entry_id')
        .getRawMany<VisitInvoiceSummary & { queueEntryId: string }>();
      return oneByKey(ids, rows, (row) => row.queueEntryId).map(paymentStatusOf);
    }),
    invoicePages: createInvoicePageLoaders(invoices),
    /** Coverages by id, one query for the batch; a malformed id finds nothing. */
    coverageById: batchLoader<string, Coverage | null>(async (ids) =>
      oneByKey(
        ids,
        await database.dataSource
          .getRepository(Coverage)
          .createQueryBuilder('coverage')
          .where('coverage.id = ANY(:ids)', { ids: uuidKeys(ids) })
          .getMany(),
        (row) => row.id,
      ),
    ),
    /** Each patient's coverages, oldest first, one query for the batch. */
    coveragesByPatient: batchLoader<string, Coverage[]>(async (ids) =>
      manyByKey(
        ids,
        await database.dataSource
          .getRepository(Coverage)
          .createQueryBuilder('coverage')
          .where('coverage.patient_id = ANY(:ids)', { ids: uuidKeys(ids) })
          .orderBy('coverage.created_at', 'ASC')
          .addOrderBy('coverage.id', 'ASC')
          .getMany(),
        (row) => row.patientId,
      ),
    ),
  };
}

export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
