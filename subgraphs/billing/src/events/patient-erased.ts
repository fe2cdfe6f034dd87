import { type Database, defineConsumer } from '@clinicflow/platform';
import { Coverage } from '../domain/coverage.entity';

/** The patients subgraph's event when a patient's personal details are erased on request (decision 0017). */
export const PATIENT_ERASED = 'patient.erased';

/**
 * Billing's part of an erasure: the patient's insurance (payer and member id) goes; invoices and
 * payments stay, as the law keeps them, under the patient's bare id. Deleting twice is harmless, so a
 * retried or replayed delivery needs no dedupe.
 */
export function patientErasedConsumer(database: Database) {
  return defineConsumer<{ patientId: string }>({
    name: 'billing.patient-erased',
    events: [PATIENT_ERASED],
    ordered: true,
    handler: async ({ data }) => {
      const coverages = database.dataSource.getRepository(Coverage);
      // remove (not a bulk delete), so the audit log records each removal under this job (system actor).
      await coverages.remove(await coverages.findBy({ patientId: data.patientId }));
    },
  });
}
