import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The patients subgraph owns Patient; clinical adds the patient's lab results to it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who receives care at the clinic' })
export class Patient {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  id!: string;
}
