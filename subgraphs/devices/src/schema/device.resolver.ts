import { assertFacility, notFound, Role, STAFF } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DevicesContext } from '../context';
import { Device } from '../domain/device.entity';
import { Facility } from '../domain/facility.ref';
import { Patient } from '../domain/patient.ref';
import { DeviceConnection } from './device.connection';
import { AssignDeviceArgs, DeviceInput, DeviceListArgs } from './device.inputs';

@Resolver(() => Device)
export class DeviceResolver {
  @Authorized(...STAFF)
  @Query(() => Device, { description: 'One device' })
  async device(
    @Arg('id', () => ID, { description: 'The device' }) id: string,
    @Ctx() { caller, loaders }: DevicesContext,
  ): Promise<Device> {
    const device = await loaders.deviceById.load(id);
    if (!device) throw notFound('Device', id);
    if (device.facilityId) assertFacility(caller, device.facilityId);
    return device;
  }

  @Authorized(...STAFF)
  @Query(() => DeviceConnection, {
    description: 'Devices by serial number (a facility-scoped token sees only its own)',
  })
  async devices(@Args() args: DeviceListArgs, @Ctx() { caller, devices }: DevicesContext): Promise<DeviceConnection> {
    if (args.facilityId) assertFacility(caller, args.facilityId);
    return devices.list(args.facilityId ?? caller.facilityId ?? null, args);
  }

  @Authorized(Role.Admin)
  @Mutation(() => Device, { description: 'Registers a device the clinic starts using' })
  async registerDevice(
    @Arg('input', () => DeviceInput, { description: 'The device' }) input: DeviceInput,
    @Ctx() { devices }: DevicesContext,
  ): Promise<Device> {
    return devices.register(input);
  }

  @Authorized(Role.Clinician, Role.Reception, Role.Admin)
  @Mutation(() => Device, { description: 'Assigns a device to the patient whose readings it takes, or unassigns it' })
  async assignDevice(
    @Args() { deviceId, patientId }: AssignDeviceArgs,
    @Ctx() { devices }: DevicesContext,
  ): Promise<Device> {
    return devices.assign(deviceId, patientId ?? null);
  }

  // Patients reach a device through their own readings; they may see where it is kept.
  @Authorized(...STAFF, Role.Patient)
  @FieldResolver(() => Facility, { nullable: true, description: 'The facility the device is kept at' })
  facility(@Root() device: Device): Facility | null {
    return device.facilityId ? { id: device.facilityId } : null;
  }

  // Only staff: to a patient, the device's current patient is someone else's record.
  @Authorized(...STAFF)
  @FieldResolver(() => Patient, {
    nullable: true,
    description: 'The patient the device is assigned to; its readings are theirs',
  })
  assignedPatient(@Root() device: Device): Patient | null {
    return device.patientId ? { id: device.patientId } : null;
  }
}
