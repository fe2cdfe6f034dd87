import { defineSubgraph } from '@clinicflow/platform';
import { createPatientsContext } from './context';
import { AuditEvent } from './domain/audit-event.entity';
import { ConsentChange } from './domain/consent-change.entity';
import { ContactPreference } from './domain/contact-preference.entity';
import { Notification } from './domain/notification.entity';
import { startNotificationWorkers } from './events/notification-consumers';
import { startEhrWorkers } from './events/ehr-workers';
import { startHl7AdtWorkers } from './events/hl7-adt';
import { EhrIntegrationStatus } from './domain/ehr-integration.entity';
import { EhrLink } from './domain/ehr-link.entity';
import { SyncConflict } from './domain/sync-conflict.entity';
import { EhrSync1764400000000 } from './migrations/1764400000000-ehr-sync';
import { PatientNationalId1764500000002 } from './migrations/1764500000002-patient-national-id';
import { PatientErasure1764500000003 } from './migrations/1764500000003-patient-erasure';
import { NotificationAttempts1764700000000 } from './migrations/1764700000000-notification-attempts';
import { PatientErasureResolver } from './schema/patient-erasure.resolver';
import { startNationalIdReseal } from './events/national-id-reseal';
import { SubscriptionMembership } from './domain/subscription-membership.entity';
import { SubscriptionMembershipResolver } from './schema/subscription-membership.resolver';
import { PatientEhrResolver } from './schema/patient-ehr.resolver';
import { SyncConflictResolver } from './schema/sync-conflict.resolver';
import { notificationWebhookRoutes } from './events/notification-webhooks';
import { Notifications1764100000000 } from './migrations/1764100000000-notifications';
import { ContactPreferenceResolver } from './schema/contact-preference.resolver';
import { PatientNotificationsResolver } from './schema/notification.resolver';
import { NotificationAttemptsResolver } from './schema/notification-attempt.resolver';
import { Patient } from './domain/patient.entity';
import { CreatePatient1763800000000 } from './migrations/1763800000000-create-patient';
import { AuditEventResolver } from './schema/audit-event.resolver';
import { PatientResolver } from './schema/patient.resolver';
import { resolvePatientReference } from './schema/patient.reference';

export const patientsSubgraph = defineSubgraph({
  name: 'patients',
  defaultPort: 4001,
  entities: [
    Patient,
    AuditEvent,
    Notification,
    ContactPreference,
    ConsentChange,
    EhrLink,
    SyncConflict,
    EhrIntegrationStatus,
    SubscriptionMembership,
  ],
  migrations: [
    CreatePatient1763800000000,
    Notifications1764100000000,
    EhrSync1764400000000,
    PatientNationalId1764500000002,
    PatientErasure1764500000003,
    NotificationAttempts1764700000000,
  ],
  resolvers: [
    PatientResolver,
    AuditEventResolver,
    PatientNotificationsResolver,
    NotificationAttemptsResolver,
    ContactPreferenceResolver,
    PatientEhrResolver,
    SyncConflictResolver,
    PatientErasureResolver,
    SubscriptionMembershipResolver,
  ],
  referenceResolvers: { Patient: resolvePatientReference },
  createContext: createPatientsContext,
  startWorkers: async (resources) => {
    const notifications = await startNotificationWorkers(resources);
    const ehr = await startEhrWorkers(resources);
    const hl7 = await startHl7AdtWorkers(resources);
    const reseal = await startNationalIdReseal(resources);
    return {
      stop: () => Promise.all([ehr.stop(), notifications.stop(), hl7.stop(), reseal.stop()]).then(() => undefined),
    };
  },
  httpRoutes: notificationWebhookRoutes,
});
