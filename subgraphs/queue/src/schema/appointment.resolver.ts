import { assertFacility, Role, Scope, STAFF } from '@clinicflow/platform';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { QueueContext } from '../context';
import { APPOINTMENT_BOOKERS } from '../domain/access';
import { Appointment } from '../domain/appointment.entity';
import { Facility } from '../domain/facility.entity';
import { Patient } from '../domain/patient.ref';
import { QueueEntry } from '../domain/queue-entry.entity';
import { Service } from '../domain/service.entity';
import { AppointmentConnection } from './appointment.connection';
import { AppointmentInput, AppointmentListArgs, CancelAppointmentArgs } from './appointment.inputs';

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Authorized([...STAFF, Scope.AppointmentsRead])
  @Query(() => AppointmentConnection, {
    description: "A facility's appointments in a time range, in the order they start",
  })
  async appointments(
    @Args() args: AppointmentListArgs,
    @Ctx() { caller, appointments }: QueueContext,
  ): Promise<AppointmentConnection> {
    assertFacility(caller, args.facilityId);
    return appointments.list(args, args);
  }

  @Authorized([...APPOINTMENT_BOOKERS, Scope.AppointmentsWrite])
  @Mutation(() => Appointment, { description: 'Books a slot of a service for a patient' })
  async bookAppointment(
    @Arg('input', () => AppointmentInput, { description: 'The slot to book' }) input: AppointmentInput,
    @Ctx() { caller, loaders, appointments }: QueueContext,
  ): Promise<Appointment> {
    // A facility-scoped staff token books at its own facility only (decision 0016).
    const service = caller.facilityId ? await loaders.serviceById.load(input.serviceId) : null;
    if (service) assertFacility(caller, service.facilityId);
    return appointments.book(input);
  }

  @Authorized([...APPOINTMENT_BOOKERS, Scope.AppointmentsWrite])
  @Mutation(() => Appointment, { description: 'Cancels a booked appointment, keeping the reason' })
  async cancelAppointment(
    @Args() { id, reason }: CancelAppointmentArgs,
    @Ctx() { caller, loaders, appointments }: QueueContext,
  ): Promise<Appointment> {
    const appointment = caller.facilityId ? await loaders.appointmentById.load(id) : null;
    if (appointment) assertFacility(caller, appointment.facilityId);
    return appointments.cancel(id, reason);
  }

  @Authorized([...STAFF, Scope.AppointmentsRead])
  @FieldResolver(() => Patient, { description: 'Who the appointment is for' })
  patient(@Root() appointment: Appointment): Patient {
    return { id: appointment.patientId };
  }

  @Authorized([...STAFF, Role.Patient, Scope.AppointmentsRead])
  @FieldResolver(() => Facility, { description: 'The facility the appointment is at' })
  async facility(@Root() appointment: Appointment, @Ctx() { loaders }: QueueContext): Promise<Facility | null> {
    return loaders.facilityById.load(appointment.facilityId);
  }

  @Authorized([...STAFF, Role.Patient, Scope.AppointmentsRead])
  @FieldResolver(() => Service, { description: 'The service booked' })
  async service(@Root() appointment: Appointment, @Ctx() { loaders }: QueueContext): Promise<Service | null> {
    return loaders.serviceById.load(appointment.serviceId);
  }

  @Authorized([...STAFF, Scope.AppointmentsRead])
  @FieldResolver(() => QueueEntry, { nullable: true, description: 'The queue entry the patient got on checking in' })
  async queueEntry(@Root() appointment: Appointment, @Ctx() { loaders }: QueueContext): Promise<QueueEntry | null> {
    return loaders.queueEntryByAppointment.load(appointment.id);
  }
}
