import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The ClinicFlow patient id of each MRN that HL7 messages name: an ADT message creates it (and the
 * patients subgraph registers the patient under that id), results and orders look it up.
 */
@Entity({ name: 'hl7_patient' })
export class PatientLink {
  @PrimaryColumn({ type: 'text' })
  mrn!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
