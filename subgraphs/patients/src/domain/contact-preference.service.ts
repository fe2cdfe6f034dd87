import { type Database, notFound } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';
import { ConsentChange, type ConsentSource } from './consent-change.entity';
import { ContactPreference, defaultPreference } from './contact-preference.entity';
import { claimWebhookEvent } from './notification-reports';
import { NotificationChannel } from './notification.entity';

export interface PreferenceChanges {
  channelOrder?: NotificationChannel[] | null;
  smsOptedOut?: boolean | null;
  emailOptedOut?: boolean | null;
  quietHoursStart?: string | null;
  quietHoursEnd?: string | null;
  timeZone?: string | null;
}

export interface ConsentActor {
  source: ConsentSource;
  actor: string;
}

/** Preferences and consent; every opt-out and opt-in is written to the consent history with its source. */
export class ContactPreferenceService {
  constructor(private readonly database: Database) {}

  async get(patientId: string): Promise<ContactPreference> {
    const preference = await this.database.dataSource.manager.findOneBy(ContactPreference, { patientId });
    if (preference) return preference;
    const exists = await this.database.dataSource.query(`SELECT 1 FROM patients.patient WHERE id = $1`, [patientId]);
    if ((exists as unknown[]).length === 0) throw notFound('Patient', patientId);
    return defaultPreference(patientId);
  }

  /** Changes a patient's preferences; the input is already validated. */
  async update(patientId: string, changes: PreferenceChanges, actor: ConsentActor): Promise<ContactPreference> {
    await this.get(patientId);
    return this.database.dataSource.transaction((manager) => this.change(manager, patientId, changes, actor));
  }

  private async change(
    manager: EntityManager,
    patientId: string,
    changes: PreferenceChanges,
    actor: ConsentActor,
  ): Promise<ContactPreference> {
    // The defaults as a row first, so two concurrent first changes meet at the row lock instead of both inserting.
    const defaults = defaultPreference(patientId);
    await manager.query(
      `INSERT INTO patients.contact_preference (patient_id, channel_order) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [patientId, defaults.channelOrder],
    );
    const current = await manager.findOneOrFail(ContactPreference, {
      where: { patientId },
      lock: { mode: 'pessimistic_write' },
    });
    const next = manager.create(ContactPreference, { ...current });
    for (const [key, value] of Object.entries(changes)) {
      if (
        value !== undefined &&
        !(value === null && ['channelOrder', 'smsOptedOut', 'emailOptedOut', 'timeZone'].includes(key))
      ) {
        Object.assign(next, { [key]: value });
      }
    }
    const consent: [NotificationChannel, boolean, boolean][] = [
      [NotificationChannel.SMS, current.smsOptedOut, next.smsOptedOut],
      [NotificationChannel.EMAIL, current.emailOptedOut, next.emailOptedOut],
    ];
    for (const [channel, before, after] of consent) {
      if (before !== after) {
        await manager.save(manager.create(ConsentChange, { patientId, channel, optedOut: after, ...actor }));
      }
    }
    return manager.save(next);
  }

  /**
   * An inbound SMS keyword (STOP or START) from `phone`: opts every patient with that number out of,
   * or back into, SMS. The message's id is claimed first, so a replayed webhook changes nothing.
   * Returns how many patients it changed.
   */
  async applySmsKeyword(provider: string, messageSid: string, phone: string, optedOut: boolean): Promise<number> {
    return this.database.dataSource.transaction(async (manager) => {
      if (!(await claimWebhookEvent(manager, provider, messageSid))) return 0;
      const patients = (await manager.query(`SELECT id FROM patients.patient WHERE phone = $1`, [phone])) as {
        id: string;
      }[];
      for (const { id } of patients) {
        await this.change(manager, id, { smsOptedOut: optedOut }, { source: 'sms-keyword', actor: messageSid });
      }
      return patients.length;
    });
  }
}
