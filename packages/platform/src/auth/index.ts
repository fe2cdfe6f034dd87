export * from './caller';
export * from './caller-header';
export * from './auth-checker';
