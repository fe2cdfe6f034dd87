import { AppError } from '@clinicflow/platform';
import type { NextFunction, Request, Response } from 'express';
import type { GatewayCaller } from '../auth/claims';
import type { TokenVerifier } from '../auth/token-verifier';
import type { ApiKeyVerifier } from '../http/require-caller';
import { FhirError, forbiddenFhir, unauthenticatedFhir } from './fhir-error';

export type FhirRequest = Request & { caller?: GatewayCaller };

/** Roles that read no clinical records: a waiting-room board, and compliance (the audit log only). */
const NO_FHIR_ACCESS = new Set(['display', 'compliance']);

/**
 * The credentials /graphql takes: a bearer token, or (when third-party apps are configured) an API
 * key as `Authorization: ApiKey <key>` or `X-API-Key`. Refusals become OperationOutcomes through the
 * router's error handler.
 */
export function authenticateFhir(verifyToken: TokenVerifier, verifyApiKey?: ApiKeyVerifier) {
  const challenge = verifyApiKey ? 'Bearer, ApiKey' : 'Bearer';
  return async (req: FhirRequest, res: Response, next: NextFunction) => {
    const [scheme = '', value] = (req.header('authorization') ?? '').split(' ');
    const apiKey = scheme.toLowerCase() === 'apikey' ? value : scheme ? undefined : req.header('x-api-key');
    const verify =
      scheme.toLowerCase() === 'bearer' && value
        ? () => verifyToken(value)
        : verifyApiKey && apiKey
          ? () => verifyApiKey(apiKey)
          : null;
    if (!verify) {
      res.set('www-authenticate', challenge);
      throw unauthenticatedFhir(
        verifyApiKey ? 'A bearer token (or, for apps, an API key) is required' : 'A bearer token is required',
      );
    }
    let caller: GatewayCaller;
    try {
      caller = await verify();
    } catch (error) {
      // A credential store that cannot answer is not the caller's fault: 503, so a client retries.
      if (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE') {
        throw new FhirError(503, 'transient', error.message);
      }
      res.set('www-authenticate', challenge);
      throw unauthenticatedFhir('The credential is invalid, expired or revoked');
    }
    if (NO_FHIR_ACCESS.has(caller.role)) throw forbiddenFhir(`The ${caller.role} role may not use the FHIR API`);
    req.caller = { ...caller, ...(req.ip ? { ip: req.ip } : {}) };
    next();
  };
}
