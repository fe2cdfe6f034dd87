import { type Database, keysetPage, type Page, type PageArgs } from '@clinicflow/platform';
import { Notification } from './notification.entity';

/** Reads a patient's notifications, newest first. */
export class NotificationHistory {
  constructor(private readonly database: Database) {}

  async listFor(patientId: string, args: PageArgs): Promise<Page<Notification>> {
    const query = this.database.dataSource
      .getRepository(Notification)
      .createQueryBuilder('notification')
      .where('notification.patient_id = :patientId', { patientId });
    return keysetPage(
      query,
      [
        { column: 'notification.created_at', direction: 'DESC', type: 'timestamp', valueOf: (n) => n.createdAt },
        { column: 'notification.id', direction: 'DESC', type: 'uuid', valueOf: (n) => n.id },
      ],
      args,
    );
  }
}
