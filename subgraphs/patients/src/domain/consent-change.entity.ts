import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** How a consent change reached ClinicFlow. */
export type ConsentSource = 'sms-keyword' | 'api';

/** The consent history: every opt-out and opt-in, by whom and how. Rows are only ever added. */
@Entity({ name: 'consent_change' })
export class ConsentChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text' })
  channel!: string;

  @Column({ name: 'opted_out', type: 'boolean' })
  optedOut!: boolean;

  @Column({ type: 'text' })
  source!: ConsentSource;

  /** The caller's subject, or the provider's message id for a keyword. */
  @Column({ type: 'text' })
  actor!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
