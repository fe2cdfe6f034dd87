import type { GatewayCaller } from './auth/claims';

/** What every request through the gateway carries: the verified caller. */
export interface GatewayContext {
  caller: GatewayCaller;
}
