import { type Database, defineConsumer, PATIENT_ERASED } from '@clinicflow/platform';
import { Coverage } from '../domain/coverage.entity';

/**
 * Billing's part of an erasure: the patient's insurance (payer and member id) goes; invoices and
 * payments stay, as the law keeps them, under the patient's bare id. Deleting twice is harmless, so a
 * retried or replayed delivery needs no dedupe.
 */
export function patientErasedConsumer(database: Database) {
  return defineConsumer<unknown>({
    name: 'billing.patient-erased',
    events: [PATIENT_ERASED.name],
    ordered: true,
    handler: async (delivery) => {
      const { patientId } = PATIENT_ERASED.schema.parse(delivery.data);
      const coverages = database.dataSource.getRepository(Coverage);
      // remove (not a bulk delete), so the audit log records each removal under this job (system actor).
      await coverages.remove(await coverages.findBy({ patientId }));
    },
  });
}
