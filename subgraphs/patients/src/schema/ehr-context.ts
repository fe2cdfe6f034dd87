import type { SubgraphResources } from '@clinicflow/platform';
import { type EhrAdapter, ehrAdapterOf } from '../adapters/fhir/ehr-adapter';
import { EhrSyncService } from '../domain/ehr-sync.service';
import { SyncConflictService } from '../domain/sync-conflict.service';
import { createEhrLoaders, type EhrLoaders } from '../loaders/ehr-loaders';

/** What the EHR resolvers need from a request's context. */
export interface EhrContext {
  adapter: EhrAdapter | null;
  loaders: EhrLoaders;
  conflicts: SyncConflictService;
  /** Null when no EHR is configured. */
  sync: EhrSyncService | null;
  resources: SubgraphResources;
}

export function createEhrContext(resources: SubgraphResources): EhrContext {
  const adapter = ehrAdapterOf(resources);
  return {
    adapter,
    loaders: createEhrLoaders(resources.database, adapter),
    conflicts: new SyncConflictService(resources.database, resources.jobs),
    sync: adapter ? new EhrSyncService(resources.database, resources.jobs, adapter, resources.logger) : null,
    resources,
  };
}
