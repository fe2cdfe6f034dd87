export { metricsRegistry, sqlStatements } from './registry';
export {
  adapterBreakerState,
  adapterCallDuration,
  adapterCalls,
  adapterRetries,
  BreakerStateValue,
  type AdapterCallOutcome,
  type BreakerState,
} from './adapter-metrics';
export { metricsEndpoint } from './metrics-endpoint';
