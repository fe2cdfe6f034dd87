import { type Environment, loadConfig, variables } from '@clinicflow/platform';
import { z } from 'zod';

const { optionalVariable } = variables;

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const seconds = (fallback: number, min: number) => z.coerce.number().min(min).max(3600).default(fallback);

const shape = {
  /** The EHR's FHIR R4 base URL; unset, ClinicFlow runs without an EHR. */
  EHR_FHIR_URL: optionalVariable(z.string().url('must be the FHIR base URL, e.g. https://ehr.example/fhir/R4')),
  EHR_CLIENT_ID: optionalVariable(z.string().min(1)),
  /** The client's private key: a JWK (JSON, with `kid` and `alg` RS384 or ES384) or a PKCS #8 PEM. */
  EHR_PRIVATE_KEY: optionalVariable(z.string().min(1)),
  /** For a PEM key: the `kid` the EHR knows the public key by, and its algorithm. */
  EHR_KEY_ID: optionalVariable(z.string().min(1)),
  EHR_KEY_ALG: z.enum(['RS384', 'ES384']).default('RS384'),
  EHR_SCOPE: z.string().default('system/Patient.cruds system/AllergyIntolerance.rs system/Appointment.rs'),
  /** The identifier system our MRNs carry in the EHR. */
  EHR_MRN_SYSTEM: z.string().default('urn:clinicflow:mrn'),
  /** How often the EHR is polled for changes (`_lastUpdated`). */
  EHR_POLL_INTERVAL_SECONDS: seconds(5, 0.2),
  /** A patient who matches nobody in the EHR is created there (the facility's setting). */
  EHR_CREATE_PATIENTS: flag.default(false),
  /** Pause between attempts of a pending write while the EHR is down. */
  EHR_RETRY_SECONDS: seconds(5, 1),
  EHR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** How long the EHR's circuit breaker stays open before a trial call. */
  EHR_BREAKER_RESET_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
};

export type FhirSettings = z.infer<z.ZodObject<typeof shape>> & {
  EHR_FHIR_URL: string;
  EHR_CLIENT_ID: string;
  EHR_PRIVATE_KEY: string;
};

/**
 * The EHR integration's settings, or null when EHR_FHIR_URL is unset. A partial setup (a URL
 * without a client id or key) stops the subgraph with a message that names what is missing.
 */
export function loadFhirSettings(environment: Environment): FhirSettings | null {
  const settings = loadConfig(shape, environment as NodeJS.ProcessEnv);
  if (!settings.EHR_FHIR_URL) return null;
  const missing = (['EHR_CLIENT_ID', 'EHR_PRIVATE_KEY'] as const).filter((name) => !settings[name]);
  if (settings.EHR_PRIVATE_KEY?.startsWith('-----BEGIN') && !settings.EHR_KEY_ID) missing.push('EHR_KEY_ID' as never);
  if (missing.length > 0) {
    loadConfig(
      Object.fromEntries(missing.map((name) => [name, z.string({ error: 'is required when EHR_FHIR_URL is set' })])),
      {},
    );
  }
  return settings as FhirSettings;
}
