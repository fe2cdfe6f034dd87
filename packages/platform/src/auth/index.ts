export * from './caller';
export * from './caller-header';
export * from './auth-checker';
export * from './scopes';
export * from './system-callers';
