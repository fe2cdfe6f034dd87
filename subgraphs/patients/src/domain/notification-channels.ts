import type { ContactPreference } from './contact-preference.entity';
import { NotificationChannel } from './notification.entity';

export interface ContactPoints {
  phone: string | null;
  email: string | null;
}

/** The channels a notification may use, in the patient's order: not opted out, and with a contact point. */
export function usableChannels(preference: ContactPreference, contact: ContactPoints): NotificationChannel[] {
  return preference.channelOrder.filter((channel) =>
    channel === NotificationChannel.SMS
      ? !preference.smsOptedOut && !!contact.phone
      : !preference.emailOptedOut && !!contact.email,
  );
}

export const addressOn = (channel: NotificationChannel, contact: ContactPoints): string =>
  (channel === NotificationChannel.SMS ? contact.phone : contact.email) ?? '';

/** Why nothing can be sent, for the notification's `reason`. */
export function noChannelReason(preference: ContactPreference, contact: ContactPoints): string {
  const why = preference.channelOrder.map((channel) => {
    const optedOut = channel === NotificationChannel.SMS ? preference.smsOptedOut : preference.emailOptedOut;
    const address = channel === NotificationChannel.SMS ? contact.phone : contact.email;
    return `${channel} ${optedOut ? 'opted out' : !address ? 'has no contact point' : 'has no provider'}`;
  });
  return `no usable channel: ${why.join(', ')}`;
}
