import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A provider (the clinician who serves a room or counter) marked as arrived there: the room can start calling. */
@ObjectType({ description: 'A provider marked as arrived at a room or counter' })
@Entity({ name: 'provider_arrival' })
export class ProviderArrival {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The room or counter' })
  @Column({ name: 'service_point_id', type: 'uuid' })
  servicePointId!: string;

  @Field(() => ID, { description: 'The facility it is in' })
  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  @Field({ description: 'When the provider was marked as arrived' })
  @Column({ name: 'arrived_at', type: 'timestamptz', precision: 3 })
  arrivedAt!: Date;

  @Field({ description: "Who marked it: the subject of the staff member's token" })
  @Column({ name: 'marked_by', type: 'text' })
  markedBy!: string;
}
