import { STAFF } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { QueueContext } from '../context';
import { ScheduleAlert, scheduleAlertOf } from '../domain/schedule-alert';
import { Service } from '../domain/service.entity';

@Resolver(() => Service)
export class ServiceResolver {
  @Authorized(STAFF)
  @FieldResolver(() => ScheduleAlert, {
    nullable: true,
    description:
      "Set while a booked patient waiting for this service is estimated to wait longer than a slot: the day's schedule is running late",
  })
  async scheduleAlert(@Root() service: Service, @Ctx() { loaders }: QueueContext): Promise<ScheduleAlert | null> {
    return scheduleAlertOf(await loaders.serviceEstimateById.load(service.id));
  }
}
