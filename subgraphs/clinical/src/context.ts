import type { BaseContext, Caller, LivePubSub, SubgraphResources } from '@clinicflow/platform';
import { LabResultService } from './domain/lab-result.service';
import { SpecimenCollectionService } from './domain/specimen-collection.service';
import { specimenMinutesOf } from './domain/specimen-settings';
import { Hl7Desk } from './hl7/hl7-desk';
import { hl7IntakeOf } from './hl7/hl7-workers';
import { type ClinicalLoaders, createClinicalLoaders } from './loaders/clinical.loaders';
import { createPrescriptionLoaders, type PrescriptionLoaders } from './loaders/prescription.loaders';
import { PrescriptionService } from './domain/prescription.service';

export interface ClinicalContext extends BaseContext {
  loaders: ClinicalLoaders & PrescriptionLoaders;
  /** Prescriptions and their dispensing. */
  prescriptions: PrescriptionService;
  labResults: LabResultService;
  liveEvents: LivePubSub;
  /** Stored HL7 v2 messages and clinical alerts. */
  hl7: Hl7Desk;
  /** Specimens collected during visits. */
  specimens: SpecimenCollectionService;
}

export function createClinicalContext(caller: Caller, resources: SubgraphResources): ClinicalContext {
  return {
    caller,
    loaders: { ...createClinicalLoaders(resources.database), ...createPrescriptionLoaders(resources.database) },
    prescriptions: new PrescriptionService(resources.database, resources.jobs),
    labResults: new LabResultService(resources.database, resources.liveEvents.pubSub, resources.jobs),
    liveEvents: resources.liveEvents.pubSub,
    hl7: new Hl7Desk(resources.database.dataSource, () => hl7IntakeOf(resources)),
    specimens: new SpecimenCollectionService(
      resources.database,
      resources.jobs,
      specimenMinutesOf(resources.environment),
    ),
  };
}
