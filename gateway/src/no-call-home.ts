/**
 * @apollo/gateway starts an OpenTelemetry exporter that reports to Apollo, and its resource
 * detectors probe cloud metadata addresses, unless this is set before the gateway is loaded.
 * A clinic's gateway opens no connection its configuration does not name. Import this first.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

export {};
