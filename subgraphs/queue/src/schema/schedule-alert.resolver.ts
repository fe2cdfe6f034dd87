import { STAFF } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { QueueContext } from '../context';
import { ScheduleAlert } from '../domain/schedule-alert';
import { Service } from '../domain/service.entity';

@Resolver(() => ScheduleAlert)
export class ScheduleAlertResolver {
  @Authorized(STAFF)
  @FieldResolver(() => Service, { nullable: true, description: 'The service running late' })
  async service(@Root() alert: ScheduleAlert, @Ctx() { loaders }: QueueContext): Promise<Service | null> {
    return loaders.serviceById.load(alert.serviceId);
  }
}
