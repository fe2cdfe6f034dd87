import { defineConsumer, publishEvent, startConsumers, type SubgraphResources } from '@clinicflow/platform';
import { type AdministrativeGender, Patient } from '../domain/patient.entity';

/** What clinical's HL7 intake publishes for an ADT message (`clinical.hl7-adt`). */
export interface Hl7Adt {
  /** A01 admit, A04 register, A08 update, A03 discharge. */
  trigger: 'A01' | 'A03' | 'A04' | 'A08';
  /** The id the intake gave the MRN; a patient registered here before under that MRN keeps theirs. */
  patientId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: 'female' | 'male' | 'other' | 'unknown';
}

/** Tells clinical that an MRN's patient was registered here first, under another id (`patients.hl7-patient-matched`). */
export interface Hl7PatientMatched {
  /** The id clinical's intake gave the MRN. */
  hl7PatientId: string;
  /** The patient's id here, which clinical's records of the MRN take. */
  patientId: string;
}

/**
 * Registers or updates the patient an ADT message names, matched by id, else by MRN: every trigger
 * carries the patient's current demographics, and the EHR is their source. Applying an event again
 * leaves the same record, and one patient's events apply in the order the messages arrived. A patient
 * registered here before their first ADT keeps their id, and clinical is told to use it.
 */
export function hl7AdtConsumer(resources: SubgraphResources) {
  return defineConsumer<Hl7Adt>({
    name: 'patients.hl7-adt',
    events: ['clinical.hl7-adt'],
    ordered: true,
    pollingIntervalSeconds: 0.5,
    handler: async ({ data }) => {
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
          const matched: Hl7PatientMatched = { hl7PatientId: data.patientId, patientId: patient.id };
          await publishEvent(resources.jobs, manager, 'patients.hl7-patient-matched', matched, { key: data.patientId });
        }
      });
    },
  });
}

/** Runs the ADT consumer (patients' `startWorkers`). */
export function startHl7AdtWorkers(resources: SubgraphResources) {
  return startConsumers(resources.jobs, [hl7AdtConsumer(resources)], { logger: resources.logger });
}
