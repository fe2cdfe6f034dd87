import './no-call-home';

export { createTokenVerifier, type TokenVerifier } from './auth/token-verifier';
export { isThirdParty, type GatewayCaller } from './auth/claims';
export {
  DEFAULT_AUDIENCE,
  LOCAL_ISSUER,
  openLocalIssuer,
  type LocalIssuer,
  type TokenRequest,
} from './auth/local-issuer';
export {
  startGateway,
  type GatewayOptions,
  type GatewaySecurity,
  type RunningGateway,
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './gateway-server';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits';
export type { RateLimitOptions } from './limits/caller-rate-limiter';
export {
  buildSafelistManifest,
  normalizeOperation,
  operationHash,
  readSafelistManifest,
  type SafelistManifest,
  type SafelistOptions,
} from './safelist/safelist';
export { SUBGRAPH_NAMES, type SubgraphName } from './subgraph-names';
export { APP_TOKEN_ISSUER } from './auth/app-tokens';
export type { ThirdPartyOptions } from './auth/third-party-access';
