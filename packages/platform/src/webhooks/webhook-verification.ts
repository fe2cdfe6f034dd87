/**
 * The outcome of checking an inbound webhook's signature. The payload is handed over only when the
 * signature holds, so a handler never reads anything a forger sent.
 */
export type WebhookVerification<TPayload> =
  | { verified: true; payload: TPayload }
  | { verified: false; reason: 'missing-signature' | 'invalid-signature' | 'malformed-payload' };
