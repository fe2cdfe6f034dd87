export { composeSupergraph, type Composition } from './compose-supergraph';
export { startPlatform, type Platform, type PlatformOptions } from './platform';
export { SUBGRAPHS } from './subgraph-registry';
export { type NotificationSandboxes, startNotificationSandboxes } from './sandboxes';
export { seedDemoClinic } from './demo/seed-demo-clinic';
export { gatewayClient, type GatewayRequest } from './demo/gateway-client';
