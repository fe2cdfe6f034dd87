import { assertOwnPatient, forbidden, notFound, Role } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { INVOICE_ISSUERS, INVOICE_READERS, INVOICE_SETTLERS } from '../domain/access';
import { Invoice } from '../domain/invoice.entity';
import { Patient } from '../domain/patient.ref';
import { QueueEntry } from '../domain/queue-entry.ref';
import { InvoiceConnection } from './invoice.connection';
import { InvoiceIdArgs, InvoiceInput, InvoiceListArgs, VoidInvoiceArgs } from './invoice.inputs';

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized(INVOICE_READERS)
  @Query(() => Invoice, { description: 'One invoice; a patient may ask only for their own' })
  async invoice(@Args() { id }: InvoiceIdArgs, @Ctx() { caller, loaders }: BillingContext): Promise<Invoice> {
    const invoice = await loaders.invoiceById.load(id);
    if (!invoice) throw notFound('Invoice', id);
    assertOwnPatient(caller, invoice.patientId);
    return invoice;
  }

  @Authorized(INVOICE_READERS)
  @Query(() => InvoiceConnection, {
    description: 'Invoices newest first; a patient must ask for their own by patientId',
  })
  async invoices(
    @Args() args: InvoiceListArgs,
    @Ctx() { caller, invoices }: BillingContext,
  ): Promise<InvoiceConnection> {
    if (caller.role === Role.Patient && !args.patientId)
      throw forbidden('A patient must ask for their own invoices by patientId');
    if (args.patientId) assertOwnPatient(caller, args.patientId);
    return invoices.list({ patientId: args.patientId, statuses: args.status }, args);
  }

  @Authorized(INVOICE_ISSUERS)
  @Mutation(() => Invoice, { description: 'Raises an open invoice against a patient, optionally for a visit' })
  async createInvoice(
    @Arg('input', () => InvoiceInput, { description: 'The charge to raise' }) input: InvoiceInput,
    @Ctx() { invoices }: BillingContext,
  ): Promise<Invoice> {
    return invoices.create(input);
  }

  @Authorized(INVOICE_SETTLERS)
  @Mutation(() => Invoice, { description: 'Records that an open invoice was paid in full' })
  async markInvoicePaid(@Args() { id }: InvoiceIdArgs, @Ctx() { invoices }: BillingContext): Promise<Invoice> {
    return invoices.markPaid(id);
  }

  @Authorized(INVOICE_SETTLERS)
  @Mutation(() => Invoice, { description: 'Cancels an open invoice, keeping the reason' })
  async voidInvoice(@Args() { id, reason }: VoidInvoiceArgs, @Ctx() { invoices }: BillingContext): Promise<Invoice> {
    return invoices.void(id, reason);
  }

  @Authorized(INVOICE_READERS)
  @FieldResolver(() => Patient, { description: 'Who is charged' })
  patient(@Root() invoice: Invoice): Patient {
    return { id: invoice.patientId };
  }

  @Authorized(INVOICE_READERS)
  @FieldResolver(() => QueueEntry, { nullable: true, description: 'The visit the charge is for, if any' })
  queueEntry(@Root() invoice: Invoice): QueueEntry | null {
    return invoice.queueEntryId ? { id: invoice.queueEntryId } : null;
  }
}
