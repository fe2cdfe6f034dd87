import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ServicePointKind {
  ROOM = 'room',
  COUNTER = 'counter',
}
registerEnumType(ServicePointKind, {
  name: 'ServicePointKind',
  description: 'Where patients are served',
  valuesConfig: {
    ROOM: { description: 'A consulting or treatment room' },
    COUNTER: { description: 'A desk or window, such as a blood-test counter' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A room or counter where staff call patients to be served' })
@Entity({ name: 'service_point' })
export class ServicePoint {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The facility this room or counter is in' })
  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId!: string;

  @Field({ description: 'Name shown on the display, e.g. Room 3' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => ServicePointKind, { description: 'Room or counter' })
  @Column({ type: 'text' })
  kind!: ServicePointKind;
}
