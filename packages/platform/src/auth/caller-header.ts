import { jwtVerify, SignJWT } from 'jose';
import { callerSchema, type Caller } from './caller';

/**
 * The gateway passes the authenticated caller to subgraphs in this header, as a short-lived
 * HS256 token signed with a secret only the gateway and the subgraphs hold. A subgraph trusts
 * no other source of identity, so a request that did not come through the gateway is refused.
 */
export const CALLER_HEADER = 'x-clinicflow-caller';

const AUDIENCE = 'clinicflow-subgraphs';
const ISSUER = 'clinicflow-gateway';
const LIFETIME_SECONDS = 60;

const keyFor = (secret: string) => new TextEncoder().encode(secret);

export async function signCaller(caller: Caller, secret: string): Promise<string> {
  return new SignJWT({ caller })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(keyFor(secret));
}

/** Returns the caller, or throws when the header is missing, forged, expired or malformed. */
export async function verifyCaller(header: string | undefined, secret: string): Promise<Caller> {
  if (!header) throw new Error('missing caller context');
  const { payload } = await jwtVerify(header, keyFor(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return callerSchema.parse(payload.caller);
}
