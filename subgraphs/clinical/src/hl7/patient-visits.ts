import { defineConsumer, PATIENT_CHECKED_IN, type SubgraphResources } from '@clinicflow/platform';
import type { EntityManager } from 'typeorm';

/** A check-in older than this says nothing about where the patient is now. */
const VISIT_HOURS = 24;

/**
 * Keeps the facility of each patient's latest check-in, so that a clinical alert about them goes to
 * the staff of that facility (clinical-alert.resolver.ts). A delivery older than the kept check-in
 * changes nothing, so replays and late deliveries are harmless.
 */
export function patientCheckedInConsumer(resources: SubgraphResources) {
  return defineConsumer<unknown>({
    name: 'clinical.patient-checked-in',
    events: [PATIENT_CHECKED_IN.name],
    ordered: true,
    pollingIntervalSeconds: 0.5,
    handler: async (delivery) => {
      const data = PATIENT_CHECKED_IN.schema.parse(delivery.data);
      await resources.database.dataSource.query(
        `INSERT INTO clinical.patient_visit (patient_id, facility_id, checked_in_at) VALUES ($1, $2, $3)
         ON CONFLICT (patient_id) DO UPDATE SET facility_id = excluded.facility_id, checked_in_at = excluded.checked_in_at
         WHERE clinical.patient_visit.checked_in_at < excluded.checked_in_at`,
        [data.patientId, data.facilityId, data.checkedInAt],
      );
    },
  });
}

/** The facility the patient checked in at within the last day, or null. */
export async function facilityOfVisit(manager: EntityManager, patientId: string): Promise<string | null> {
  const [visit] = (await manager.query(
    `SELECT facility_id AS "facilityId" FROM clinical.patient_visit
     WHERE patient_id = $1 AND checked_in_at > now() - make_interval(hours => $2)`,
    [patientId, VISIT_HOURS],
  )) as { facilityId: string }[];
  return visit?.facilityId ?? null;
}
