import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The patients subgraph owns Patient; billing adds the patient's balance and invoices to it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who receives care at the clinic' })
export class Patient {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  id!: string;
}
