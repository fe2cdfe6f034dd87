import type { Caller } from '@clinicflow/platform';

/** What every request through the gateway carries: the verified caller. */
export interface GatewayContext {
  caller: Caller;
}
