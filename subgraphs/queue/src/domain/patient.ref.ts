import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The patients subgraph owns Patient; the queue adds the patient's queue entries to it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who receives care at the clinic' })
export class Patient {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  id!: string;
}
