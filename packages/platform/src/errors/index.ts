export * from './app-error';
export { createErrorFormatter } from './format-error';
