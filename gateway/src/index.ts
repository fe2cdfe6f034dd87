import './no-call-home';

export { createTokenVerifier, type TokenVerifier } from './auth/token-verifier';
export {
  DEFAULT_AUDIENCE,
  LOCAL_ISSUER,
  openLocalIssuer,
  type LocalIssuer,
  type TokenRequest,
} from './auth/local-issuer';
export { startGateway, type GatewayOptions, type RunningGateway } from './gateway-server';
export { SUBGRAPH_NAMES, type SubgraphName } from './subgraph-names';
