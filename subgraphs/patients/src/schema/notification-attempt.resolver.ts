import { Role } from '@clinicflow/platform';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PatientsContext } from '../context';
import { Notification } from '../domain/notification.entity';
import { NotificationAttempt } from './notification-attempt.type';

@Resolver(() => Notification)
export class NotificationAttemptsResolver {
  /** Read below `Patient.notifications`, which already checked that the caller may see the patient's. */
  @Authorized(Role.Patient, Role.Reception, Role.Clinician, Role.Admin)
  @FieldResolver(() => [NotificationAttempt], {
    description:
      'Every provider each send asked, oldest first, and how each ended: the whole delivery history, failovers included',
  })
  deliveryAttempts(
    @Root() notification: Notification,
    @Ctx() { loaders }: PatientsContext,
  ): Promise<NotificationAttempt[]> {
    return loaders.attemptsByNotification.load(notification.id);
  }
}
