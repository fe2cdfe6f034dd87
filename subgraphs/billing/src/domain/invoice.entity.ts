import { PatientData } from '@clinicflow/platform';
import { Authorized, Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { INVOICE_READERS } from './access';

export enum InvoiceStatus {
  OPEN = 'open',
  PAID = 'paid',
  VOID = 'void',
}
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice is in its life; only an open invoice can change',
  valuesConfig: {
    OPEN: { description: 'Raised and waiting to be paid' },
    PAID: { description: 'Paid in full' },
    VOID: { description: 'Cancelled; nothing is owed for it' },
  },
});

@PatientData((invoice: Invoice) => invoice.patientId)
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A charge to a patient, for a visit or on its own' })
@Entity({ name: 'invoice' })
export class Invoice {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ name: 'queue_entry_id', type: 'uuid', nullable: true })
  queueEntryId!: string | null;

  @Authorized(INVOICE_READERS)
  @Field({ description: 'What the charge is for, as the patient sees it' })
  @Column({ type: 'text' })
  description!: string;

  @Authorized(INVOICE_READERS)
  @Field(() => Int, { description: "The amount in the currency's minor unit (cents for USD)" })
  @Column({ name: 'amount_cents', type: 'integer' })
  amountCents!: number;

  @Authorized(INVOICE_READERS)
  @Field({ description: 'ISO 4217 currency code, e.g. USD' })
  @Column({ type: 'text' })
  currency!: string;

  @Authorized(INVOICE_READERS)
  @Field(() => InvoiceStatus, { description: 'Open, paid or void' })
  @Column({ type: 'text' })
  status!: InvoiceStatus;

  /** Millisecond precision (timestamptz(3)), so the value round-trips through a JavaScript Date and a page cursor exactly. */
  @Authorized(INVOICE_READERS)
  @Field({ description: 'When the invoice was raised' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Authorized(INVOICE_READERS)
  @Field(() => Date, { nullable: true, description: 'When the invoice was marked paid' })
  @Column({ name: 'paid_at', type: 'timestamptz', precision: 3, nullable: true })
  paidAt!: Date | null;

  @Authorized(INVOICE_READERS)
  @Field(() => String, { nullable: true, description: 'Why the invoice was voided' })
  @Column({ name: 'void_reason', type: 'text', nullable: true })
  voidReason!: string | null;
}
