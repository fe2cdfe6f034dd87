import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A clinic site with its own queues and waiting-room screens' })
@Entity({ name: 'facility' })
export class Facility {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Short code staff use for the site, e.g. DTN' })
  @Column({ type: 'text', unique: true })
  code!: string;

  @Field({ description: 'Name shown to patients' })
  @Column({ type: 'text' })
  name!: string;

  @Field({ description: 'IANA time zone the site works in; a queue day runs in this zone' })
  @Column({ type: 'text' })
  timezone!: string;

  /**
   * How many changes the facility's queue has had: raised in the transaction of each change, so the
   * live events of a facility are totally ordered and a client can tell when it missed one.
   */
  @Column({ type: 'integer', default: 0 })
  sequence!: number;
}
