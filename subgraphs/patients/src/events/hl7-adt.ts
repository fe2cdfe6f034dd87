import {
  defineConsumer,
  HL7_ADT,
  HL7_PATIENT_MATCHED,
  publishContract,
  startConsumers,
  type SubgraphResources,
} from '@clinicflow/platform';
import { type AdministrativeGender, Patient } from '../domain/patient.entity';

/**
 * Registers or updates the patient an ADT message names, matched by id, else by MRN: every trigger
 * carries the patient's current demographics, and the EHR is their source. Applying an event again
 * leaves the same record, and one patient's events apply in the order the messages arrived. A patient
 * registered here before their first ADT keeps their id, and clinical is told to use it.
 */
export function hl7AdtConsumer(resources: SubgraphResources) {
  return defineConsumer<unknown>({
    name: 'patients.hl7-adt',
    events: [HL7_ADT.name],
    ordered: true,
    pollingIntervalSeconds: 0.5,
    handler: async (delivery) => {
      const data = HL7_ADT.schema.parse(delivery.data);
      await resources.database.dataSource.transaction(async (manager) => {
        const lock = { mode: 'pessimistic_write' } as const;
        const patient =
          (await manager.findOne(Patient, { where: { id: data.patientId }, lock })) ??
          (await manager.findOne(Patient, { where: { mrn: data.mrn }, lock })) ??
          manager.create(Patient, { id: data.patientId, mrn: data.mrn });
        // An erased patient's details never come back with a later message about them (decision 0017).
        if (patient.erasedAt) return;
        manager.merge(Patient, patient, {
          givenName: data.givenName,
          familyName: data.familyName,
          birthDate: data.birthDate,
          gender: data.gender as AdministrativeGender,
        });
        await manager.save(patient);
        if (patient.id !== data.patientId) {
          await publishContract(
            resources.jobs,
            manager,
            HL7_PATIENT_MATCHED,
            { hl7PatientId: data.patientId, patientId: patient.id },
            { key: data.patientId },
          );
        }
      });
    },
  });
}

/** Runs the ADT consumer (patients' `startWorkers`). */
export function startHl7AdtWorkers(resources: SubgraphResources) {
  return startConsumers(resources.jobs, [hl7AdtConsumer(resources)], { logger: resources.logger });
}
