import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The queue subgraph owns Facility; a device points at the site it is kept at. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A clinic site with its own queues and waiting-room screens' })
export class Facility {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  id!: string;
}
