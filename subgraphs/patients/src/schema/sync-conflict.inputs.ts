import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { SyncConflictStatus, SyncSide } from '../domain/sync-conflict.entity';
import { SyncField } from '../domain/sync-fields';

@ArgsType()
export class SyncConflictArgs {
  @Field(() => SyncConflictStatus, { nullable: true, description: 'Only conflicts in this state' })
  status?: SyncConflictStatus | null;

  @Field(() => ID, { nullable: true, description: "Only this patient's conflicts" })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;

  @Field(() => Int, { defaultValue: 50, description: `How many conflicts to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}

@InputType({ description: 'Whose value to keep for one field of a sync conflict' })
export class FieldChoiceInput {
  @Field(() => SyncField, { description: 'The conflicting field' })
  field!: SyncField;

  @Field(() => SyncSide, { description: "Keep ClinicFlow's value (sent to the EHR) or the EHR's (taken here)" })
  side!: SyncSide;
}
