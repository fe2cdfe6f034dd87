import { assertFacility, notFound, Scope, STAFF } from '@clinicflow/platform';
import { isUUID } from 'class-validator';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { QueueContext } from '../context';
import { Appointment } from '../domain/appointment.entity';

@Resolver(() => Appointment)
export class AppointmentLookupResolver {
  @Authorized([...STAFF, Scope.AppointmentsRead])
  @Query(() => Appointment, { description: "One appointment, by id; a facility's staff see their facility's only" })
  async appointment(
    @Arg('id', () => ID, { description: 'The appointment to return' }) id: string,
    @Ctx() { caller, loaders }: QueueContext,
  ): Promise<Appointment> {
    const appointment = isUUID(id) ? await loaders.appointmentById.load(id) : null;
    if (!appointment) throw notFound('Appointment', id);
    assertFacility(caller, appointment.facilityId);
    return appointment;
  }
}
