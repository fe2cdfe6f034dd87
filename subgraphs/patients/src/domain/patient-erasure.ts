import {
  conflict,
  type Database,
  DURABLE_EVENTS_SCHEMA,
  notFound,
  PATIENT_ERASED,
  publishContract,
} from '@clinicflow/platform';
import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { ConsentChange } from './consent-change.entity';
import { ContactPreference } from './contact-preference.entity';
import { EhrLink } from './ehr-link.entity';
import { Notification, NotificationStatus } from './notification.entity';
import { AdministrativeGender, Patient } from './patient.entity';
import { SyncConflict } from './sync-conflict.entity';

/** What an erased record says instead of the person: nothing that identifies them. */
const ERASED: Partial<Patient> = {
  givenName: 'Erased',
  familyName: 'Patient',
  birthDate: '1900-01-01',
  gender: AdministrativeGender.UNKNOWN,
  phone: null,
  email: null,
  nationalId: null,
  preferredLanguage: 'en',
};

/** pg-boss's tables of jobs: live ones, and those archived once done. */
const EVENT_TABLES = ['job', 'archive'].map((table) => `${DURABLE_EVENTS_SCHEMA}.${table}`);

/**
 * Durable events already delivered that named the patient (an HL7 ADT carries their MRN and names)
 * keep no payload: only the fact that they ran. Events still waiting keep theirs; their consumers skip
 * an erased patient.
 */
async function eraseDeliveredEvents(manager: EntityManager, mrn: string): Promise<void> {
  for (const table of EVENT_TABLES) {
    const [{ present }] = (await manager.query('SELECT to_regclass($1) IS NOT NULL AS present', [table])) as [
      { present: boolean },
    ];
    if (!present) continue;
    await manager.query(
      `UPDATE ${table} SET data = '{"erased": true}'::jsonb
        WHERE state IN ('completed', 'cancelled', 'failed') AND strpos(data::text, $1) > 0`,
      [JSON.stringify(mrn).slice(1, -1)],
    );
  }
}

/** Says who changed a consent without pointing back at them (a vendor's message id finds the phone). */
const ERASED_ACTOR = 'erased';

/**
 * Erasure on request, where the law allows: the patient's personal details are overwritten in place,
 * and the id stays as a pseudonym, so the records the clinic must keep (invoices, clinical results, the
 * audit log) still hang together without saying who it was (decision 0017). In the same transaction:
 * their contact preferences go; their consent history keeps each change (channel, opt-out or in, how,
 * when: the proof of consent) but not the message that made it; their notifications keep kind, status
 * and times but lose what they said and the vendor's message id, and those not sent yet are skipped;
 * their EHR link and sync conflicts (which hold both sides' demographics) go, so the EHR sync never
 * brings the details back (an erased patient is neither matched nor linked again).
 */
export class PatientErasure {
  constructor(
    private readonly database: Database,
    private readonly jobs: PgBoss,
  ) {}

  async erase(id: string, reason: string): Promise<Patient> {
    return this.database.dataSource.transaction(async (manager) => {
      // The link first, then the patient: the order the EHR poller takes them in.
      await manager.findOne(EhrLink, { where: { patientId: id }, lock: { mode: 'pessimistic_write' } });
      const patient = await manager.findOne(Patient, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!patient) throw notFound('Patient', id);
      if (patient.erasedAt) throw conflict('This patient was erased already', { field: 'id' });
      const mrn = patient.mrn;
      Object.assign(patient, ERASED, { mrn: `ERASED-${id}`, erasedAt: new Date(), erasureReason: reason });
      const saved = await manager.save(patient);
      await this.eraseContactHistory(manager, id);
      await eraseDeliveredEvents(manager, mrn);
      // Each subgraph erases or pseudonymises what it holds (billing drops the insurance, keeps the invoices).
      await publishContract(this.jobs, manager, PATIENT_ERASED, { patientId: id }, { key: id });
      return saved;
    });
  }

  private async eraseContactHistory(manager: EntityManager, patientId: string): Promise<void> {
    // remove and save (not bulk statements) where the audit log should record the change under the officer.
    await manager.remove(await manager.findBy(ContactPreference, { patientId }));
    await manager.remove(await manager.findBy(SyncConflict, { patientId }));
    await manager.remove(await manager.findBy(EhrLink, { patientId }));
    await manager.update(ConsentChange, { patientId }, { actor: ERASED_ACTOR });
    const notifications = await manager.findBy(Notification, { patientId });
    for (const notification of notifications) {
      notification.details = {};
      notification.providerMessageId = null;
      if (notification.status === NotificationStatus.QUEUED) {
        notification.status = NotificationStatus.SKIPPED;
        notification.reason = 'the patient was erased';
      }
    }
    await manager.save(notifications);
  }
}
