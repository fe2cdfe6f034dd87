import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The queue subgraph owns QueueEntry; billing adds whether the visit is paid for. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A patient's place in a service's queue for one day, with its token" })
export class QueueEntry {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  id!: string;
}
