export * from './graphql-client';
export * from './test-database';
export * from './test-subgraph';
export * from './fixtures/queue-board';
export * from './free-ports';
export * from './subscription-client';
export * from './webhook-receiver';
export * from './hl7/hl7-samples';
