import { createAdapterPolicy, type SubgraphResources } from '@clinicflow/platform';
import { EhrIntegration } from './ehr-integration';
import { FhirClient } from './fhir-client';
import { type FhirSettings, loadFhirSettings } from './fhir-settings';
import { SmartTokenSource } from './smart-token';

/** The EHR integration of one running subgraph: one token cache, one breaker, one pause state. */
export interface EhrAdapter {
  settings: FhirSettings;
  client: FhirClient;
  integration: EhrIntegration;
}

const adapters = new WeakMap<SubgraphResources, EhrAdapter | null>();

/**
 * The subgraph's EHR adapter, made once from its environment and shared by every request and worker
 * (its token cache and circuit breaker belong to the process, not to a request); null without EHR_FHIR_URL.
 */
export function ehrAdapterOf(resources: SubgraphResources): EhrAdapter | null {
  if (adapters.has(resources)) return adapters.get(resources)!;
  const settings = loadFhirSettings(resources.environment);
  let adapter: EhrAdapter | null = null;
  if (settings) {
    const policy = createAdapterPolicy({
      adapter: 'ehr',
      timeoutMs: settings.EHR_TIMEOUT_MS,
      retries: 2,
      backoff: { initialDelayMs: 100, maxDelayMs: 1000 },
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: settings.EHR_BREAKER_RESET_MS },
    });
    const integration = new EhrIntegration(resources.database, resources.logger);
    const tokens = new SmartTokenSource(settings, policy);
    adapter = { settings, integration, client: new FhirClient(settings.EHR_FHIR_URL, tokens, policy, integration) };
  }
  adapters.set(resources, adapter);
  return adapter;
}
