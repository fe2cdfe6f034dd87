import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { Invoice } from '../domain/invoice.entity';

@ObjectType({ description: 'A page of invoices, newest first' })
export class InvoiceConnection extends Connection(Invoice) {}
