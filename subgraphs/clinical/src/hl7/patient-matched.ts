import { defineConsumer, HL7_PATIENT_MATCHED, type SubgraphResources } from '@clinicflow/platform';

/** The tables whose rows name a patient by the id the intake gave an MRN. */
const PATIENT_TABLES = ['hl7_patient', 'hl7_message', 'lab_order', 'lab_result', 'clinical_alert'];

/**
 * Moves everything clinical holds under the id the intake gave an MRN to the patient's id in the
 * patients subgraph, in one transaction. Running it again finds nothing left to move.
 */
export function patientMatchedConsumer(resources: SubgraphResources) {
  return defineConsumer<unknown>({
    name: 'clinical.hl7-patient-matched',
    events: [HL7_PATIENT_MATCHED.name],
    ordered: true,
    handler: async (delivery) => {
      const data = HL7_PATIENT_MATCHED.schema.parse(delivery.data);
      await resources.database.dataSource.transaction(async (manager) => {
        for (const table of PATIENT_TABLES) {
          await manager.query(`UPDATE clinical.${table} SET patient_id = $2 WHERE patient_id = $1`, [
            data.hl7PatientId,
            data.patientId,
          ]);
        }
      });
    },
  });
}
