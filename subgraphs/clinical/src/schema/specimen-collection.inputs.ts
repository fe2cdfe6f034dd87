import { IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { SpecimenKind } from '../domain/specimen-collection.entity';

@InputType({ description: 'A specimen collected from a patient during their visit' })
export class SpecimenCollectionInput {
  @Field(() => ID, { description: 'The patient it was collected from' })
  @IsUUID('all', { message: 'patientId must be a UUID' })
  patientId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The queue entry of the visit; without it, the patient's visit in progress (called or in service)",
  })
  @IsUUID('all', { message: 'queueEntryId must be a UUID' })
  queueEntryId?: string | null;

  @Field(() => SpecimenKind, { description: 'What was collected; the clinic sets how long each kind keeps the room' })
  kind!: SpecimenKind;

  @Field({ description: 'When it was collected; not in the future' })
  collectedAt!: Date;
}
