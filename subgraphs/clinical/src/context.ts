import type { BaseContext, Caller, SubgraphResources } from '@clinicflow/platform';
import { LabResultService } from './domain/lab-result.service';
import { type ClinicalLoaders, createClinicalLoaders } from './loaders/clinical.loaders';

export interface ClinicalContext extends BaseContext {
  loaders: ClinicalLoaders;
  labResults: LabResultService;
}

export function createClinicalContext(caller: Caller, resources: SubgraphResources): ClinicalContext {
  return {
    caller,
    loaders: createClinicalLoaders(resources.database),
    labResults: new LabResultService(resources.database),
  };
}
