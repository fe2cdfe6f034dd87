import { assertOwnPatient, ReadsPatientData } from '@clinicflow/platform';
import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { BillingContext } from '../context';
import { INVOICE_READERS } from '../domain/access';
import { Money } from '../domain/money';
import { Patient } from '../domain/patient.ref';
import { InvoiceConnection } from './invoice.connection';
import { PatientInvoicesArgs } from './invoice.inputs';

@Resolver(() => Patient)
export class PatientBillingResolver {
  // The balance is summed from the patient's Invoices: reading it is reading those.
  @ReadsPatientData('Invoice', (patient: Patient) => patient.id)
  @Authorized(INVOICE_READERS)
  @FieldResolver(() => Money, {
    // Nullable: a field added to another subgraph's entity, so an outage of this subgraph nulls
    // only this field (with an error naming the service), not the entity around it.
    nullable: true,
    description: 'What the patient owes: the sum of their open invoices (0 USD when none)',
  })
  async balance(@Root() patient: Patient, @Ctx() { caller, loaders }: BillingContext): Promise<Money> {
    assertOwnPatient(caller, patient.id);
    return loaders.balanceByPatient.load(patient.id);
  }

  @Authorized(INVOICE_READERS)
  @FieldResolver(() => InvoiceConnection, {
    // Nullable: a field added to another subgraph's entity, so an outage of this subgraph nulls
    // only this field (with an error naming the service), not the entity around it.
    nullable: true,
    description: "The patient's invoices, newest first",
  })
  async invoices(
    @Root() patient: Patient,
    @Args() args: PatientInvoicesArgs,
    @Ctx() { caller, loaders }: BillingContext,
  ): Promise<InvoiceConnection> {
    assertOwnPatient(caller, patient.id);
    return loaders.invoicePages
      .loaderFor({ statuses: args.status, first: args.first, after: args.after })
      .load(patient.id);
  }
}
