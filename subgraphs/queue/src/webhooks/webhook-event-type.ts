import { registerEnumType } from 'type-graphql';

/**
 * The events third parties can subscribe to. The values are the events' names on the wire (the
 * `type` of a delivery) and of the durable events the queue publishes with each change.
 */
export enum WebhookEventType {
  APPOINTMENT_CREATED = 'appointment.created',
  APPOINTMENT_UPDATED = 'appointment.updated',
  APPOINTMENT_CANCELLED = 'appointment.cancelled',
  APPOINTMENT_COMPLETED = 'appointment.completed',
  PROVIDER_ARRIVED = 'provider.arrived',
  SCHEDULE_UPDATED = 'schedule.updated',
  TOKEN_CALLED = 'token.called',
  QUEUE_POSITION_CHANGED = 'queue.position-changed',
}
registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'An event a webhook endpoint can subscribe to (docs/webhooks.md has each payload)',
  valuesConfig: {
    APPOINTMENT_CREATED: { description: 'An appointment was booked (`appointment.created`)' },
    APPOINTMENT_UPDATED: {
      description:
        "An appointment's status changed: the patient checked in, or did not answer the call (`appointment.updated`)",
    },
    APPOINTMENT_CANCELLED: { description: 'A booked appointment was cancelled (`appointment.cancelled`)' },
    APPOINTMENT_COMPLETED: {
      description: "The visit of an appointment's patient was completed (`appointment.completed`)",
    },
    PROVIDER_ARRIVED: { description: 'The provider arrived at a room or counter (`provider.arrived`)' },
    SCHEDULE_UPDATED: {
      description: "A facility's estimated waits or running-late alerts changed materially (`schedule.updated`)",
    },
    TOKEN_CALLED: { description: 'A token was called, or called again, to a room or counter (`token.called`)' },
    QUEUE_POSITION_CHANGED: {
      description: "Entries of a service's line moved to other places after a change (`queue.position-changed`)",
    },
  },
});

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = Object.values(WebhookEventType);
