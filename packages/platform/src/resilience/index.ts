export {
  ADAPTER_POLICY_DEFAULTS,
  createAdapterPolicy,
  type AdapterCallContext,
  type AdapterCallOptions,
  type AdapterPolicy,
  type AdapterPolicyOptions,
} from './adapter-policy';
