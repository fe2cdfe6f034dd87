import type { BaseContext, Caller, SubgraphResources } from '@clinicflow/platform';
import { AuditEventService } from './domain/audit-event.service';
import { ContactPreferenceService } from './domain/contact-preference.service';
import { NotificationHistory } from './domain/notification-history';
import { PatientErasure } from './domain/patient-erasure';
import { SubscriptionMembershipService } from './domain/subscription-membership.service';
import { PatientService } from './domain/patient.service';
import { createNotificationLoaders, type NotificationLoaders } from './loaders/notification.loaders';
import { createPatientLoaders, type PatientLoaders } from './loaders/patient.loaders';
import { createEhrContext, type EhrContext } from './schema/ehr-context';

export interface PatientsContext extends BaseContext {
  loaders: PatientLoaders & NotificationLoaders;
  patients: PatientService;
  erasure: PatientErasure;
  subscriptionMembers: SubscriptionMembershipService;
  auditEvents: AuditEventService;
  notifications: NotificationHistory;
  preferences: ContactPreferenceService;
  /** The EHR link, sync conflicts and EHR reads (loaders batch them per request). */
  ehr: EhrContext;
}

export function createPatientsContext(caller: Caller, resources: SubgraphResources): PatientsContext {
  return {
    caller,
    loaders: { ...createPatientLoaders(resources.database), ...createNotificationLoaders(resources.database) },
    patients: new PatientService(resources.database, resources.jobs),
    erasure: new PatientErasure(resources.database, resources.jobs),
    subscriptionMembers: new SubscriptionMembershipService(resources.database),
    auditEvents: new AuditEventService(resources.database),
    notifications: new NotificationHistory(resources.database),
    preferences: new ContactPreferenceService(resources.database),
    ehr: createEhrContext(resources),
  };
}
