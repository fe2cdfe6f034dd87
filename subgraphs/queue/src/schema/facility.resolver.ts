import { assertFacility, notFound, Role, Scope, STAFF } from '@clinicflow/platform';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { QueueContext } from '../context';
import { Facility } from '../domain/facility.entity';
import { ScheduleAlert, scheduleAlertOf } from '../domain/schedule-alert';
import { ServicePoint } from '../domain/service-point.entity';
import { Service } from '../domain/service.entity';
import { FacilityInput, ServiceInput, ServicePointInput } from './queue.inputs';

@Resolver(() => Facility)
export class FacilityResolver {
  @Authorized(Scope.QueueRead, Scope.AppointmentsRead)
  @Query(() => [Facility], { description: "The clinic's facilities (a facility-scoped token sees only its own)" })
  async facilities(@Ctx() { caller, facilities }: QueueContext): Promise<Facility[]> {
    return facilities.list(caller.facilityId);
  }

  @Authorized(Scope.QueueRead, Scope.AppointmentsRead)
  @Query(() => Facility, { description: 'One facility' })
  async facility(
    @Arg('id', () => ID, { description: "The facility's ClinicFlow id" }) id: string,
    @Ctx() { caller, loaders }: QueueContext,
  ): Promise<Facility> {
    assertFacility(caller, id);
    const facility = await loaders.facilityById.load(id);
    if (!facility) throw notFound('Facility', id);
    return facility;
  }

  @Authorized(Role.Admin)
  @Mutation(() => Facility, { description: 'Adds a clinic site' })
  async createFacility(
    @Arg('input', () => FacilityInput, { description: 'The new facility' }) input: FacilityInput,
    @Ctx() { facilities }: QueueContext,
  ): Promise<Facility> {
    return facilities.createFacility(input);
  }

  @Authorized(Role.Admin)
  @Mutation(() => Service, { description: 'Adds a service that patients can queue for' })
  async createService(
    @Arg('input', () => ServiceInput, { description: 'The new service' }) input: ServiceInput,
    @Ctx() { facilities }: QueueContext,
  ): Promise<Service> {
    return facilities.createService(input);
  }

  @Authorized(Role.Admin)
  @Mutation(() => ServicePoint, { description: 'Adds a room or counter' })
  async createServicePoint(
    @Arg('input', () => ServicePointInput, { description: 'The new room or counter' }) input: ServicePointInput,
    @Ctx() { facilities }: QueueContext,
  ): Promise<ServicePoint> {
    return facilities.createServicePoint(input);
  }

  @FieldResolver(() => [Service], { description: 'The services this facility offers' })
  async services(@Root() facility: Facility, @Ctx() { loaders }: QueueContext): Promise<Service[]> {
    return loaders.servicesByFacility.load(facility.id);
  }

  @FieldResolver(() => [ServicePoint], { description: 'The rooms and counters of this facility' })
  async servicePoints(@Root() facility: Facility, @Ctx() { loaders }: QueueContext): Promise<ServicePoint[]> {
    return loaders.servicePointsByFacility.load(facility.id);
  }

  @Authorized(STAFF)
  @FieldResolver(() => [ScheduleAlert], {
    description: "The facility's services whose booked patients are waiting longer than a slot, longest running first",
  })
  async scheduleAlerts(@Root() facility: Facility, @Ctx() { loaders }: QueueContext): Promise<ScheduleAlert[]> {
    const late = await loaders.scheduleAlertsByFacility.load(facility.id);
    return late.map(scheduleAlertOf).filter((alert): alert is ScheduleAlert => alert !== null);
  }
}
