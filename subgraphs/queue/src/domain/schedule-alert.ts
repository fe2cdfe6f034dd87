import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ServiceEstimate } from './service-estimate.entity';

@ObjectType({
  description: "A service whose booked patients are waiting longer than a slot: the day's schedule is running late",
})
export class ScheduleAlert {
  @Field(() => ID, { description: 'The service running late' })
  serviceId!: string;

  @Field(() => Int, { description: 'The longest estimated wait, in minutes, of a booked patient waiting now' })
  longestWaitMinutes!: number;

  @Field(() => Int, { description: "The service's appointment slot length, in minutes, that the wait exceeds" })
  slotMinutes!: number;

  @Field({ description: 'Since when the waits have exceeded the slot length' })
  since!: Date;
}

/** The alert a service's settled estimate carries, if any. */
export function scheduleAlertOf(estimate: ServiceEstimate | null): ScheduleAlert | null {
  if (!estimate?.alertSince || estimate.alertLongestWaitMinutes === null || estimate.alertSlotMinutes === null) {
    return null;
  }
  return {
    serviceId: estimate.serviceId,
    longestWaitMinutes: estimate.alertLongestWaitMinutes,
    slotMinutes: estimate.alertSlotMinutes,
    since: estimate.alertSince,
  };
}
