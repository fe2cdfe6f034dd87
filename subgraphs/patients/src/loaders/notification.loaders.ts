import { batchLoader, type Database, manyByKey } from '@clinicflow/platform';
import { attemptsOf } from '../domain/notification-attempts';
import { NotificationAttempt } from '../schema/notification-attempt.type';

export function createNotificationLoaders(database: Database) {
  return {
    /** Each notification's delivery history, oldest attempt first: one query per request. */
    attemptsByNotification: batchLoader<string, NotificationAttempt[]>(async (ids) =>
      manyByKey(
        ids,
        (await attemptsOf(database.dataSource, ids)).map((row) => Object.assign(new NotificationAttempt(), row)),
        (attempt) => attempt.notificationId,
      ),
    ),
  };
}

export type NotificationLoaders = ReturnType<typeof createNotificationLoaders>;
