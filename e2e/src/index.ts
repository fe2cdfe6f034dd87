export * from './test-platform';
export * from './generated/graphql';
