import { assertOwnPatient, notFound, Role } from '@clinicflow/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DevicesContext } from '../context';
import { Device } from '../domain/device.entity';
import { Patient } from '../domain/patient.ref';
import { Reading } from '../domain/reading.entity';
import { VITALS_READERS } from '../domain/roles';
import { ReadingInput } from './reading.inputs';

@Resolver(() => Reading)
export class ReadingResolver {
  @Authorized(...VITALS_READERS)
  @Query(() => Reading, { description: 'One reading; a patient may ask only for their own' })
  async reading(
    @Arg('id', () => ID, { description: 'The reading' }) id: string,
    @Ctx() { caller, loaders }: DevicesContext,
  ): Promise<Reading> {
    const reading = await loaders.readingById.load(id);
    if (!reading) throw notFound('Reading', id);
    assertOwnPatient(caller, reading.patientId);
    return reading;
  }

  @Authorized(Role.Clinician, Role.Admin)
  @Mutation(() => Reading, {
    description:
      "Records a device's measurement for the patient the device is assigned to, and marks the device as seen",
  })
  async recordReading(
    @Arg('input', () => ReadingInput, { description: 'The measurement' }) input: ReadingInput,
    @Ctx() { readings }: DevicesContext,
  ): Promise<Reading> {
    return readings.record(input);
  }

  @Authorized(...VITALS_READERS)
  @FieldResolver(() => Device, { description: 'The device that took the measurement' })
  async device(@Root() reading: Reading, @Ctx() { loaders }: DevicesContext): Promise<Device | null> {
    return loaders.deviceById.load(reading.deviceId);
  }

  @Authorized(...VITALS_READERS)
  @FieldResolver(() => Patient, { description: 'Whose measurement it is' })
  patient(@Root() reading: Reading): Patient {
    return { id: reading.patientId };
  }
}
