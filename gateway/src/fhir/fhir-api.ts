import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@clinicflow/platform';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { TokenVerifier } from '../auth/token-verifier';
import type { GatewayContext } from '../gateway-context';
import type { ApiKeyVerifier } from '../http/require-caller';
import type { CallerRateLimiter } from '../limits/caller-rate-limiter';
import { capabilityStatement } from './capability-statement';
import { coverageHandler } from './coverage-handler';
import { diagnosticReportHandler } from './diagnostic-report-handler';
import { executeThroughGateway } from './execute-as-caller';
import { authenticateFhir, type FhirRequest } from './fhir-authentication';
import { FhirError, invalidSearch, notSupported, operationOutcome, resourceNotFound } from './fhir-error';
import { medicationRequestHandler } from './medication-request-handler';
import { observationHandler } from './observation-handler';
import { patientEverything } from './patient-everything';
import { patientHandler } from './patient-handler';
import type { FhirCall, ResourceHandler } from './resource-handler';
import { searchBundle } from './search-bundle';
import { parseSearch } from './search-parameters';
import { appointmentHandler, encounterHandler } from './visit-handlers';

export const FHIR_BASE_PATH = '/fhir/R4';

const RESOURCE_HANDLERS: readonly ResourceHandler[] = [
  patientHandler,
  appointmentHandler,
  encounterHandler,
  observationHandler,
  diagnosticReportHandler,
  medicationRequestHandler,
  coverageHandler,
];

/** A read or operation takes no parameters but `_format`: anything else is refused, as in searches. */
function refuseParameters(req: Request, what: string): void {
  const unknown = Object.keys(req.query).find((name) => name !== '_format');
  if (unknown !== undefined) throw invalidSearch(`Unknown parameter '${unknown}' for ${what}`);
  parseSearch(req.query as Record<string, unknown>, [], what); // checks that _format asks for JSON
}

export interface FhirApiOptions {
  apollo: ApolloServer<GatewayContext>;
  verifyToken: TokenVerifier;
  /** Third-party apps' API keys, when the gateway accepts them (as /graphql does). */
  verifyApiKey?: ApiKeyVerifier | undefined;
  rateLimiter: CallerRateLimiter | null;
  logger: Logger;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const send = (res: Response, status: number, body: object) => {
  res.status(status).type(FHIR_JSON).send(JSON.stringify(body));
};
const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;

/**
 * The FHIR R4 API on the gateway (`/fhir/R4`): read-only, JSON. `metadata` is public, as FHIR clients
 * expect to discover a server before they authenticate; everything else takes the credentials /graphql
 * takes, and runs as GraphQL operations through the gateway's own execution with that caller: the
 * subgraphs' role, record and scope checks decide what it may read, exactly as for /graphql.
 */
export function fhirApi(options: FhirApiOptions): Router {
  const execute = executeThroughGateway(options.apollo);
  const byType = new Map(RESOURCE_HANDLERS.map((handler) => [handler.type as string, handler]));
  const startedAt = new Date().toISOString();
  const router = express.Router();

  const callOf = (req: FhirRequest): FhirCall => ({ caller: req.caller!, execute });
  const handlerFor = (type: string): ResourceHandler => {
    const handler = byType.get(type);
    if (!handler) throw resourceNotFound(`This server serves no resource type '${type}'`);
    return handler;
  };

  router.get('/metadata', (req, res) => {
    send(res, 200, capabilityStatement(RESOURCE_HANDLERS, `${origin(req)}${req.baseUrl}`, startedAt));
  });
  router.use(authenticateFhir(options.verifyToken, options.verifyApiKey));
  if (options.rateLimiter) {
    const limiter = options.rateLimiter;
    router.use(async (req: FhirRequest, res, next) => {
      const verdict = await limiter.consume(req.caller!.subject);
      if (verdict.allowed) return next();
      res.set('retry-after', String(verdict.retryAfterSeconds));
      throw new FhirError(429, 'throttled', `Too many requests; retry after ${verdict.retryAfterSeconds} s`);
    });
  }
  router.use((req, _res, next) => {
    if (req.method !== 'GET') throw new FhirError(405, 'not-supported', 'The FHIR API is read-only: GET only');
    next();
  });
  router.get('/:type/:id/:operation', async (req: FhirRequest, res) => {
    const { type, id, operation } = req.params as Record<string, string>;
    if (type !== 'Patient' || operation !== '$everything') throw notSupported(`No operation ${type}/${operation}`);
    refuseParameters(req, 'Patient/$everything');
    send(res, 200, await patientEverything(callOf(req), id, `${origin(req)}${req.baseUrl}`));
  });
  router.get('/:type/:id', async (req: FhirRequest, res) => {
    const { type, id } = req.params as Record<string, string>;
    const handler = handlerFor(type);
    if (!handler.read) throw notSupported(`${type} is searched by patient, not read by id`);
    refuseParameters(req, `a ${type} read`);
    send(res, 200, await handler.read(callOf(req), id));
  });
  router.get('/:type', async (req: FhirRequest, res) => {
    const type = req.params.type as string;
    const handler = handlerFor(type);
    const search = parseSearch(req.query as Record<string, unknown>, handler.searchParameters, type);
    const page = await handler.search(callOf(req), search);
    send(res, 200, searchBundle(`${origin(req)}${req.baseUrl}`, new URL(`${origin(req)}${req.originalUrl}`), page));
  });
  router.use((req: Request) => {
    throw resourceNotFound(`No FHIR endpoint at ${req.path}`);
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof FhirError) {
      send(
        res,
        error.status,
        operationOutcome(error.status >= 500 ? 'fatal' : 'error', error.issueType, error.message),
      );
      return;
    }
    options.logger.error({ err: error }, 'FHIR request failed');
    send(res, 500, operationOutcome('fatal', 'exception', 'The request could not be completed'));
  });
  return router;
}
