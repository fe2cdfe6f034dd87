import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LabOrderStatus = 'ordered' | 'cancelled' | 'resulted';

/** A laboratory order placed by an ordering system (ORM^O01), keyed by the sender and its placer order number. */
@Entity({ name: 'lab_order' })
export class LabOrder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId!: string;

  @Column({ type: 'text' })
  sender!: string;

  @Column({ name: 'placer_order_number', type: 'text' })
  placerOrderNumber!: string;

  @Column({ name: 'test_code', type: 'text' })
  testCode!: string;

  @Column({ name: 'test_name', type: 'text' })
  testName!: string;

  @Column({ type: 'text' })
  status!: LabOrderStatus;

  @Column({ name: 'ordered_at', type: 'timestamptz', precision: 3 })
  orderedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
