import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The patients subgraph owns Patient; devices adds the patient's vital signs and readings to it. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who receives care at the clinic' })
export class Patient {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  id!: string;
}
