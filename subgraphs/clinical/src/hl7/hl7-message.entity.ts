import { Role } from '@clinicflow/platform';
import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Staff who look after the interfaces: they read stored messages, fix them and reprocess them. */
export const HL7_STAFF = [Role.Clinician, Role.Admin];

export enum Hl7MessageStatus {
  RECEIVED = 'received',
  PROCESSED = 'processed',
  ERROR = 'error',
}
registerEnumType(Hl7MessageStatus, {
  name: 'Hl7MessageStatus',
  description: 'Where an inbound HL7 v2 message is',
  valuesConfig: {
    RECEIVED: { description: 'Stored, not yet applied' },
    PROCESSED: { description: 'Applied and acknowledged with AA' },
    ERROR: {
      description: 'Could not be parsed or applied (acknowledged with AE or AR); waiting to be fixed and reprocessed',
    },
  },
});

/**
 * One message as a sender sent it. The raw text holds patient data: a read of a message whose patient
 * is known is audited (see hl7-message.resolver.ts); one of no known patient (an unknown MRN, a
 * rejected message) has nobody to audit it against.
 */
@ObjectType('Hl7Message', { description: 'An inbound HL7 v2 message, kept as received with what became of it' })
@Entity({ name: 'hl7_message' })
export class Hl7MessageRecord {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Authorized(HL7_STAFF)
  @Field({ description: 'The sender: sending application (MSH-3) and facility (MSH-4), as APPLICATION/FACILITY' })
  @Column({ type: 'text' })
  sender!: string;

  @Authorized(HL7_STAFF)
  @Field(() => String, { nullable: true, description: 'The message control id (MSH-10), unique per sender' })
  @Column({ name: 'control_id', type: 'text', nullable: true })
  controlId!: string | null;

  @Authorized(HL7_STAFF)
  @Field({ description: 'Message type and trigger event (MSH-9), e.g. ORU^R01' })
  @Column({ name: 'message_type', type: 'text' })
  messageType!: string;

  @Authorized(HL7_STAFF)
  @Field({
    description: 'The message text, segments separated by line breaks (as received, or as staff last edited it)',
  })
  @Column({ type: 'text' })
  raw!: string;

  @Authorized(HL7_STAFF)
  @Field(() => Hl7MessageStatus, { description: 'Where the message is' })
  @Column({ type: 'text' })
  status!: Hl7MessageStatus;

  @Authorized(HL7_STAFF)
  @Field(() => String, { nullable: true, description: 'The acknowledgment code last sent for it: AA, AE or AR' })
  @Column({ name: 'ack_code', type: 'text', nullable: true })
  ackCode!: string | null;

  @Authorized(HL7_STAFF)
  @Field(() => Int, {
    nullable: true,
    description: 'HL7 error code (table 0357) of the last failure, as sent in ERR-3',
  })
  @Column({ name: 'error_code', type: 'integer', nullable: true })
  errorCode!: number | null;

  @Authorized(HL7_STAFF)
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed, as sent in ERR-8' })
  @Column({ name: 'error_text', type: 'text', nullable: true })
  errorText!: string | null;

  /** The patient the message is about, once known: what the audit log records a read against. */
  @Column({ name: 'patient_id', type: 'uuid', nullable: true })
  patientId!: string | null;

  @Authorized(HL7_STAFF)
  @Field(() => Int, { description: 'How many times ClinicFlow has tried to apply it' })
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Authorized(HL7_STAFF)
  @Field({ description: 'When it first arrived' })
  @Column({ name: 'received_at', type: 'timestamptz', precision: 3 })
  receivedAt!: Date;

  @Authorized(HL7_STAFF)
  @Field(() => Date, { nullable: true, description: 'When it was applied' })
  @Column({ name: 'processed_at', type: 'timestamptz', precision: 3, nullable: true })
  processedAt!: Date | null;

  @Authorized(HL7_STAFF)
  @Field(() => Date, { nullable: true, description: 'When staff last edited its text' })
  @Column({ name: 'edited_at', type: 'timestamptz', precision: 3, nullable: true })
  editedAt!: Date | null;

  @Authorized(HL7_STAFF)
  @Field(() => String, { nullable: true, description: 'Who last edited its text (the subject of their token)' })
  @Column({ name: 'edited_by', type: 'text', nullable: true })
  editedBy!: string | null;
}
