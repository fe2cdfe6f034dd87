import type { Environment } from '@clinicflow/platform';
import { type EhrSandbox, startEhrSandbox } from '@clinicflow/sandbox/ehr';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';

export const TEST_CLIENT_ID = 'clinicflow-test';
export const MRN_SYSTEM = 'urn:clinicflow:mrn';

export interface TestEhr {
  sandbox: EhrSandbox;
  /** The patients subgraph's EHR settings for this sandbox, short intervals for tests. */
  environment: Environment;
}

/**
 * A sandbox EHR with ClinicFlow registered as a backend-services client: a fresh RS384 key pair
 * handed over as a JWK, or with `pem` an ES384 pair handed over as PKCS #8 PEM with its key id.
 */
export async function startTestEhr(
  options: { tokenLifetimeSeconds?: number; environment?: Environment; pem?: boolean } = {},
): Promise<TestEhr> {
  const alg = options.pem ? 'ES384' : 'RS384';
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = 'test-key-1';
  const sandbox = await startEhrSandbox({
    clients: [
      {
        clientId: TEST_CLIENT_ID,
        jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }] },
      },
    ],
    ...(options.tokenLifetimeSeconds ? { tokenLifetimeSeconds: options.tokenLifetimeSeconds } : {}),
  });
  const key = options.pem
    ? { EHR_PRIVATE_KEY: await exportPKCS8(privateKey), EHR_KEY_ID: kid, EHR_KEY_ALG: alg }
    : { EHR_PRIVATE_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg }) };
  return {
    sandbox,
    environment: {
      EHR_FHIR_URL: sandbox.fhirUrl,
      EHR_CLIENT_ID: TEST_CLIENT_ID,
      ...key,
      EHR_POLL_INTERVAL_SECONDS: '0.3',
      EHR_RETRY_SECONDS: '1',
      EHR_BREAKER_RESET_MS: '500',
      EHR_TIMEOUT_MS: '2000',
      ...options.environment,
    },
  };
}

/** An EHR Patient carrying our MRN, as the EHR's staff would have recorded them. */
export function ehrPatient(mrn: string, given: string, family: string, birthDate: string, phone?: string) {
  return {
    resourceType: 'Patient' as const,
    identifier: [{ system: MRN_SYSTEM, value: mrn }],
    name: [{ use: 'official' as const, given: [given], family }],
    birthDate,
    gender: 'female' as const,
    ...(phone ? { telecom: [{ system: 'phone' as const, value: phone, use: 'mobile' as const }] } : {}),
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
