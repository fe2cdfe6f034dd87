import { MAX_PAGE_SIZE } from '@clinicflow/platform';
import { IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DeviceKind } from '../domain/device.entity';

@InputType({ description: 'A device the clinic starts using' })
export class DeviceInput {
  @Field({ description: "The manufacturer's serial number (1-64 letters, digits, '-', '_', '.')" })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: "serial must be 1-64 letters, digits, '-', '_' or '.'" })
  serial!: string;

  @Field(() => DeviceKind, { description: 'What sort of device it is' })
  kind!: DeviceKind;

  @Field(() => ID, { nullable: true, description: 'The facility the device is kept at' })
  @IsOptional()
  @IsUUID()
  facilityId?: string | null;
}

@ArgsType()
export class AssignDeviceArgs {
  @Field(() => ID, { description: 'The device to assign' })
  @IsUUID()
  deviceId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The patient whose readings it takes from now on; null unassigns it',
  })
  @IsOptional()
  @IsUUID()
  patientId?: string | null;
}

@ArgsType()
export class DeviceListArgs {
  @Field(() => ID, { nullable: true, description: 'Only devices kept at this facility' })
  @IsOptional()
  @IsUUID()
  facilityId?: string | null;

  @Field(() => Int, { defaultValue: 50, description: `How many devices to return (1-${MAX_PAGE_SIZE})` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor' })
  after?: string | null;
}
