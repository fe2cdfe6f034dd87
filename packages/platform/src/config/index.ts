export { ConfigError, loadConfig } from './load-config';
export * as variables from './variables';
