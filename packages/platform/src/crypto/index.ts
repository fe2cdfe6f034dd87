export * from './blind-index';
export * from './encrypted-column';
export * from './field-keys';
export * from './reseal-stale-values';
