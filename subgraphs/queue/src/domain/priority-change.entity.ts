import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every change of a queue entry's priority, kept with its reason: who moved whom ahead, and why. */
@ObjectType({ description: "A change of a queue entry's priority, with who made it and why" })
@Entity({ name: 'priority_change' })
export class PriorityChange {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'queue_entry_id', type: 'uuid' })
  queueEntryId!: string;

  @Field(() => Int, { description: 'The priority before the change' })
  @Column({ name: 'from_priority', type: 'integer' })
  fromPriority!: number;

  @Field(() => Int, { description: 'The priority after the change' })
  @Column({ name: 'to_priority', type: 'integer' })
  toPriority!: number;

  @Field({ description: 'Why the priority was changed' })
  @Column({ type: 'text' })
  reason!: string;

  @Field({ description: "Who changed it: the subject of the staff member's token" })
  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Field({ description: 'When it was changed' })
  @Column({ name: 'changed_at', type: 'timestamptz', precision: 3 })
  changedAt!: Date;
}
