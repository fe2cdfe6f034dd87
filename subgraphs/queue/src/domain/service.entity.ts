import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Something a facility offers that patients queue for, such as blood tests' })
@Entity({ name: 'service' })
export class Service {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The facility that offers this service' })
  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  @Field({ description: "Letter that starts this service's tokens, e.g. A in A-014" })
  @Column({ name: 'token_prefix', type: 'text' })
  tokenPrefix!: string;

  @Field({ description: 'Name shown to patients' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Int, { description: 'Minutes one patient usually takes, used until there is history' })
  @Column({ name: 'default_service_minutes', type: 'integer' })
  defaultServiceMinutes!: number;

  @Field(() => Int, { description: 'Length of a booked appointment slot, in minutes' })
  @Column({ name: 'slot_minutes', type: 'integer' })
  slotMinutes!: number;

  /** Kept in seconds so that a grace period shorter than a minute (tests, fast counters) is exact. */
  @Column({ name: 'no_show_grace_seconds', type: 'integer', default: 300 })
  noShowGraceSeconds!: number;

  @Field(() => Float, {
    description: 'Minutes a called patient has to arrive before they are marked a no-show (to the second)',
  })
  get noShowGraceMinutes(): number {
    return this.noShowGraceSeconds / 60;
  }
}
