import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { InvoiceStatus } from '../domain/invoice.entity';
import { CLINIC_CURRENCY } from '../domain/money';

@InputType({ description: 'A charge to raise against a patient' })
export class InvoiceInput {
  @Field(() => ID, { description: 'Who is charged' })
  @IsUUID()
  patientId!: string;

  @Field(() => ID, { nullable: true, description: 'The visit (queue entry) the charge is for, if any' })
  @IsOptional()
  @IsUUID()
  queueEntryId?: string | null;

  @Field({ description: 'What the charge is for, as the patient sees it (1-200 characters)' })
  @Length(1, 200)
  description!: string;

  @Field(() => Int, { description: "The amount in the currency's minor unit, more than 0 (cents for USD)" })
  @Min(1)
  amountCents!: number;

  @Field({ defaultValue: CLINIC_CURRENCY, description: 'ISO 4217 currency code (3 capital letters)' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency!: string;
}

@ArgsType()
export class InvoiceIdArgs {
  @Field(() => ID, { description: 'The invoice' })
  @IsUUID()
  id!: string;
}

@ArgsType()
export class VoidInvoiceArgs extends InvoiceIdArgs {
  @Field({ description: 'Why the invoice is voided (3-200 characters), kept with it' })
  @Length(3, 200)
  reason!: string;
}

const STATUS_FILTER = { nullable: true, description: 'Only invoices in these statuses (all when left out)' };
const AFTER = { nullable: true, description: 'Continue after this cursor' };

@ArgsType()
export class InvoiceListArgs {
  @Field(() => ID, { nullable: true, description: "Only this patient's invoices; a patient must pass their own id" })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;

  @Field(() => [InvoiceStatus], STATUS_FILTER)
  status?: InvoiceStatus[] | null;

  @Field(() => Int, { defaultValue: 50, description: `How many invoices to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, AFTER)
  after?: string | null;
}

@ArgsType()
export class PatientInvoicesArgs {
  @Field(() => [InvoiceStatus], STATUS_FILTER)
  status?: InvoiceStatus[] | null;

  @Field(() => Int, { defaultValue: 20, description: `How many invoices to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, AFTER)
  after?: string | null;
}
