import { defineSubgraph } from '@clinicflow/platform';
import { ClinicalAlert } from './hl7/clinical-alert.entity';
import { ClinicalAlertResolver } from './hl7/clinical-alert.resolver';
import { Hl7MessageRecord } from './hl7/hl7-message.entity';
import { Hl7MessageResolver } from './hl7/hl7-message.resolver';
import { type Hl7WorkerOptions, startHl7Workers } from './hl7/hl7-workers';
import { LabOrder } from './hl7/lab-order.entity';
import { PatientLink } from './hl7/patient-link.entity';
import { Hl7Intake1764300000000 } from './migrations/1764300000000-hl7-intake';
import { createClinicalContext } from './context';
import { LabResultAvailableResolver } from './schema/lab-result-available.resolver';
import { LabResult } from './domain/lab-result.entity';
import { CreateClinical1763800000000 } from './migrations/1763800000000-create-clinical';
import { LabResultResolver } from './schema/lab-result.resolver';
import { PatientLabResultsResolver } from './schema/patient-lab-results.resolver';
import { clinicalReferenceResolvers } from './schema/references';
import { SpecimenCollection } from './domain/specimen-collection.entity';
import { specimenMinutesOf } from './domain/specimen-settings';
import { ClinicalLabFlow1764600000001 } from './migrations/1764600000001-lab-flow';
import { SpecimenCollectionResolver } from './schema/specimen-collection.resolver';
import { Prescription } from './domain/prescription.entity';
import { Prescriptions1764650000000 } from './migrations/1764650000000-prescriptions';
import { PatientPrescriptionsResolver } from './schema/patient-prescriptions.resolver';
import { PrescriptionResolver } from './schema/prescription.resolver';

/** The clinical subgraph; tests pass where to report the MLLP listener's port (`HL7_MLLP_PORT=0`). */
export function createClinicalSubgraph(hl7: Hl7WorkerOptions = {}) {
  return defineSubgraph({
    name: 'clinical',
    defaultPort: 4004,
    entities: [LabResult, Hl7MessageRecord, PatientLink, LabOrder, ClinicalAlert, SpecimenCollection, Prescription],
    migrations: [
      CreateClinical1763800000000,
      Hl7Intake1764300000000,
      ClinicalLabFlow1764600000001,
      Prescriptions1764650000000,
    ],
    resolvers: [
      LabResultResolver,
      PatientLabResultsResolver,
      LabResultAvailableResolver,
      Hl7MessageResolver,
      ClinicalAlertResolver,
      SpecimenCollectionResolver,
      PrescriptionResolver,
      PatientPrescriptionsResolver,
    ],
    referenceResolvers: clinicalReferenceResolvers,
    createContext: createClinicalContext,
    startWorkers: (resources) => {
      // Read at the start, so that a bad setting stops it with the variable named.
      specimenMinutesOf(resources.environment);
      return startHl7Workers(resources, hl7);
    },
  });
}

export const clinicalSubgraph = createClinicalSubgraph();
