import {
  conflict,
  type Database,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
  type SubgraphResources,
} from '@clinicflow/platform';
import { type DataSource, type EntityManager, Not } from 'typeorm';
import { Invoice, InvoiceStatus } from './invoice.entity';
import { NEWEST_FIRST } from './invoice-order';
import { requestPaymentReceipt } from './payment-receipt';

export interface InvoiceFilter {
  patientId?: string | null;
  statuses?: InvoiceStatus[] | null;
}

export interface NewInvoice {
  patientId: string;
  queueEntryId?: string | null;
  description: string;
  amountCents: number;
  currency: string;
}

export class InvoiceService {
  private readonly dataSource: DataSource;

  constructor(
    database: Database,
    private readonly jobs: SubgraphResources['jobs'],
  ) {
    this.dataSource = database.dataSource;
  }

  /** Invoices newest first, optionally one patient's and only in some statuses. */
  async list(filter: InvoiceFilter, page: PageArgs): Promise<Page<Invoice>> {
    const query = this.dataSource.getRepository(Invoice).createQueryBuilder('invoice');
    if (filter.patientId) query.andWhere('invoice.patient_id = :patientId', { patientId: filter.patientId });
    if (filter.statuses?.length) query.andWhere('invoice.status = ANY(:statuses)', { statuses: filter.statuses });
    return keysetPage(query, NEWEST_FIRST, page);
  }

  /**
   * Raises an open invoice. A patient's open invoices share one currency, so their balance is one
   * amount; the per-patient advisory lock keeps two concurrent invoices from both passing that check.
   */
  async create(input: NewInvoice): Promise<Invoice> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('billing.invoice'), hashtext($1))`, [input.patientId]);
      const other = await manager.findOne(Invoice, {
        where: { patientId: input.patientId, status: InvoiceStatus.OPEN, currency: Not(input.currency) },
      });
      if (other) {
        throw conflict(
          `The patient has open invoices in ${other.currency}; settle or void them before invoicing in ${input.currency}`,
          { field: 'currency' },
        );
      }
      return manager.save(
        manager.create(Invoice, {
          ...input,
          queueEntryId: input.queueEntryId ?? null,
          status: InvoiceStatus.OPEN,
          paidAt: null,
          voidReason: null,
        }),
      );
    });
  }

  async markPaid(id: string): Promise<Invoice> {
    return this.settle(
      id,
      'marked paid',
      (invoice) => {
        invoice.status = InvoiceStatus.PAID;
        invoice.paidAt = new Date();
      },
      (manager, invoice) => requestPaymentReceipt(this.jobs, manager, invoice),
    );
  }

  async void(id: string, reason: string): Promise<Invoice> {
    return this.settle(id, 'voided', (invoice) => {
      invoice.status = InvoiceStatus.VOID;
      invoice.voidReason = reason;
    });
  }

  /** Changes an open invoice under a row lock, so a payment and a void cannot both win. */
  private async settle(
    id: string,
    action: string,
    change: (invoice: Invoice) => void,
    andThen?: (manager: EntityManager, invoice: Invoice) => Promise<void>,
  ): Promise<Invoice> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await manager.findOne(Invoice, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!invoice) throw notFound('Invoice', id);
      if (invoice.status !== InvoiceStatus.OPEN) {
        throw conflict(`Invoice ${id} is ${invoice.status.toUpperCase()}; only an open invoice can be ${action}`, {
          status: invoice.status.toUpperCase(),
        });
      }
      change(invoice);
      const saved = await manager.save(invoice);
      await andThen?.(manager, saved);
      return saved;
    });
  }
}
