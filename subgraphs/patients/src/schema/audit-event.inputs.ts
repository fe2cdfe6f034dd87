import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

@ArgsType()
export class AuditEventArgs {
  @Field(() => ID, { nullable: true, description: 'Only accesses to this patient' })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only accesses by this subject' })
  @IsOptional()
  @Length(1, 200)
  subject?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only accesses at or after this time' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only accesses before this time' })
  to?: Date | null;

  @Field(() => Int, { defaultValue: 50, description: `How many records to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}
