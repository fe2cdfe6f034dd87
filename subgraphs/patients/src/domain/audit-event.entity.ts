import { AUDIT_SCHEMA } from '@clinicflow/platform';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The platform's actions (`AuditAction` of @clinicflow/platform), as the API names them. */
export enum AuditAction {
  READ = 'READ',
  CHANGE = 'CHANGE',
}
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What was done with the patient data',
  valuesConfig: {
    READ: { description: 'Read: returned by a query, an entity reference or a live event' },
    CHANGE: { description: 'Changed by a mutation' },
  },
});

/**
 * One row of the platform's append-only audit log (`audit.event`, created by every subgraph at start,
 * see packages/platform/src/audit). Mapped here only to be read: nothing in ClinicFlow updates or
 * deletes it, and the table's trigger refuses it.
 */
@ObjectType({
  description: "One access to a patient's data: who, what, which patient, when, from where, through which app",
})
@Entity({ schema: AUDIT_SCHEMA, name: 'event' })
export class AuditEvent {
  @Field(() => ID, { description: 'Stable identifier of this audit record' })
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Field({ description: 'When the data was read or changed (millisecond precision)' })
  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt!: Date;

  @Field({ description: "Who: the subject of the caller's token (a subscription group for live events)" })
  @Column({ type: 'text' })
  subject!: string;

  @Field({ description: "The caller's role" })
  @Column({ type: 'text' })
  role!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Through which app: the OAuth client id, when the token named one',
  })
  @Column({ name: 'client_id', type: 'text', nullable: true })
  clientId!: string | null;

  @Field(() => String, { nullable: true, description: "From where: the client's address, when the gateway passed it" })
  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Field(() => ID, { description: 'Which patient' })
  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Field(() => AuditAction, { description: 'Read or changed' })
  @Column({ type: 'text' })
  action!: AuditAction;

  @Field({ description: 'What: the type of record, e.g. LabResult' })
  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Field({ description: 'The service that served or changed it, e.g. clinical' })
  @Column({ type: 'text' })
  service!: string;

  @Field(() => String, { nullable: true, description: 'The operation the service ran, when it was named' })
  @Column({ name: 'operation_name', type: 'text', nullable: true })
  operationName!: string | null;
}
