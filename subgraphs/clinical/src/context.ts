import type { BaseContext, Caller, LivePubSub, SubgraphResources } from '@clinicflow/platform';
import { LabResultService } from './domain/lab-result.service';
import { type ClinicalLoaders, createClinicalLoaders } from './loaders/clinical.loaders';

export interface ClinicalContext extends BaseContext {
  loaders: ClinicalLoaders;
  labResults: LabResultService;
  liveEvents: LivePubSub;
}

export function createClinicalContext(caller: Caller, resources: SubgraphResources): ClinicalContext {
  return {
    caller,
    loaders: createClinicalLoaders(resources.database),
    labResults: new LabResultService(resources.database, resources.liveEvents.pubSub),
    liveEvents: resources.liveEvents.pubSub,
  };
}
