import './websocket-global';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';

import express, { type NextFunction, type Request, type Response } from 'express';
import type { JSONWebKeySet } from 'jose';
import { FaultInjector, type FaultSettings } from '../faults/fault-injector';
import { controlRoutes, injectFaults, listenOnLoopback } from '../http/sandbox-server';
import { indexFhirDefinitions } from './fhir-definitions';
import { FHIR_JSON, fhirHandler, operationOutcome, sendOutcome } from './fhir-http';
import { EhrRecords } from './ehr-records';
import { SmartAuthority, TokenRequestError } from './smart-authority';

export interface EhrSandboxOptions {
  /** 0 (the default) takes any free port. */
  port?: number;
  /** Backend-services clients and the public keys they signed up with. */
  clients?: { clientId: string; jwks: JSONWebKeySet }[];
  /** How long an access token lives (default 300 s). */
  tokenLifetimeSeconds?: number;
  faults?: Partial<FaultSettings>;
}

/** One FHIR API request the sandbox answered, kept in memory for tests (search values may be patient details; never logged). */
export interface EhrRequest {
  method: string;
  /** Path and query under the FHIR base, e.g. `/Patient?_id=a,b`. */
  path: string;
}

export interface EhrSandbox {
  /** The FHIR base URL (`http://127.0.0.1:<port>/fhir/R4`): the EHR_FHIR_URL. */
  fhirUrl: string;
  tokenUrl: string;
  faults: FaultInjector;
  auth: SmartAuthority;
  /** The EHR's own side: its staff's reads and writes, straight on the record store. */
  records: EhrRecords;
  /** Every FHIR API request it answered, oldest first. */
  requests: readonly EhrRequest[];
  /** FHIR API requests refused for a missing, expired or revoked token. */
  refusedTokens(): number;
  close(): Promise<void>;
}

/**
 * A sandbox EHR: Medplum's FHIR R4 server (@medplum/fhir-router on its in-memory repository) over
 * HTTP on 127.0.0.1, behind a SMART Backend Services authorization server. Faults (down, slow)
 * apply to the FHIR API and the token endpoint; `/__sandbox` reads the requests and sets faults,
 * and revokes, restores or expires credentials.
 */
export async function startEhrSandbox(options: EhrSandboxOptions = {}): Promise<EhrSandbox> {
  indexFhirDefinitions();
  const lifetime = new AbortController();
  const faults = new FaultInjector(options.faults);
  const repository = new MemoryRepository();
  const router = new FhirRouter();
  const requests: EhrRequest[] = [];
  let refusedTokens = 0;
  let origin = '';
  const auth = new SmartAuthority(() => `${origin}/auth/token`, options.tokenLifetimeSeconds ?? 300);
  for (const client of options.clients ?? []) auth.register(client.clientId, client.jwks);

  const vendorFaults = injectFaults(faults, lifetime.signal, (res, status) =>
    sendOutcome(res, status, operationOutcome(status === 429 ? 'throttled' : 'transient', 'The EHR is unavailable')),
  );

  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/__sandbox',
    controlRoutes(faults, () => requests),
    credentialRoutes(auth),
  );

  app.post('/auth/token', vendorFaults, express.urlencoded({ extended: false }), async (req, res) => {
    try {
      res.set('cache-control', 'no-store').json(await auth.issue((req.body ?? {}) as Record<string, string>));
    } catch (error) {
      if (!(error instanceof TokenRequestError)) throw error;
      res.status(error.status).json({ error: error.error, error_description: error.message });
    }
  });

  const fhir = express.Router();
  fhir.get('/.well-known/smart-configuration', (_req, res) => {
    res.json({
      token_endpoint: `${origin}/auth/token`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      scopes_supported: ['system/*.rs', 'system/*.cruds'],
      capabilities: ['client-confidential-asymmetric'],
    });
  });
  fhir.use(vendorFaults, (req: Request, res: Response, next: NextFunction) => {
    if (!auth.verify(req.header('authorization'))) {
      refusedTokens += 1;
      res.set('www-authenticate', 'Bearer error="invalid_token"');
      sendOutcome(res, 401, operationOutcome('login', 'The access token is missing, expired or revoked'));
      return;
    }
    requests.push({ method: req.method, path: req.url });
    next();
  });
  fhir.use(express.json({ type: ['application/json', FHIR_JSON] }));
  fhir.use(fhirHandler(router, repository, () => `${origin}/fhir/R4`));
  app.use('/fhir/R4', fhir);

  const server = await listenOnLoopback(app, options.port);
  origin = server.url;
  return {
    fhirUrl: `${origin}/fhir/R4`,
    tokenUrl: `${origin}/auth/token`,
    faults,
    auth,
    records: new EhrRecords(repository),
    requests,
    refusedTokens: () => refusedTokens,
    close: async () => {
      lifetime.abort();
      await server.close();
    },
  };
}

/** `POST /__sandbox/clients/:clientId/revoke|restore` and `POST /__sandbox/tokens/expire`. */
function credentialRoutes(auth: SmartAuthority): express.Router {
  const routes = express.Router();
  const onClient = (change: (clientId: string) => void) => (req: Request, res: Response) => {
    try {
      change(String(req.params.clientId));
      res.status(204).end();
    } catch (error) {
      res.status(404).json({ error: error instanceof Error ? error.message : String(error) });
    }
  };
  routes.post(
    '/clients/:clientId/revoke',
    onClient((clientId) => auth.revoke(clientId)),
  );
  routes.post(
    '/clients/:clientId/restore',
    onClient((clientId) => auth.restore(clientId)),
  );
  routes.post('/tokens/expire', (_req, res) => {
    auth.expireTokens();
    res.status(204).end();
  });
  return routes;
}
