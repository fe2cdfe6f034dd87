export * from './test-platform';
export * from './generated/graphql';
export * from './authorization-matrix';
