import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum EhrIntegrationState {
  ACTIVE = 'active',
  PAUSED = 'paused',
}
registerEnumType(EhrIntegrationState, {
  name: 'EhrIntegrationState',
  description: 'Whether ClinicFlow is talking to the EHR',
  valuesConfig: {
    ACTIVE: { description: 'Syncing' },
    PAUSED: {
      description: 'Paused because the EHR refused our credentials; it resumes by itself once they work again',
    },
  },
});

/** The EHR integration's state, shared by every replica: one row. */
@ObjectType({ description: "The state of the integration with the clinic's EHR" })
@Entity({ name: 'ehr_integration' })
export class EhrIntegrationStatus {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Field(() => EhrIntegrationState, { description: 'Active or paused' })
  @Column({ type: 'text' })
  state!: EhrIntegrationState;

  @Field(() => String, { nullable: true, description: "Why it is paused: the EHR's OAuth error code" })
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Field({ description: 'When the state last changed' })
  @Column({ name: 'changed_at', type: 'timestamptz', precision: 3 })
  changedAt!: Date;
}
