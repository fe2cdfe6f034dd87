import { SignJWT } from 'jose';
import { signCaller, verifyCaller } from './caller-header';
import type { Caller } from './caller';

const secret = 'a-context-signing-secret-of-enough-length';
const caller: Caller = { subject: 'nurse-1', role: 'clinician', scopes: [] };

describe('caller header', () => {
  it('round-trips a caller signed with the shared secret', async () => {
    await expect(verifyCaller(await signCaller(caller, secret), secret)).resolves.toEqual(caller);
  });

  it('refuses a missing header, another secret, and an expired token', async () => {
    await expect(verifyCaller(undefined, secret)).rejects.toThrow('missing caller context');
    await expect(verifyCaller(await signCaller(caller, `${secret}-other`), secret)).rejects.toThrow();
    const expired = await new SignJWT({ caller })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('clinicflow-gateway')
      .setAudience('clinicflow-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    await expect(verifyCaller(expired, secret)).rejects.toThrow(/exp/);
  });

  it('refuses a signed token whose caller has an unknown role', async () => {
    const forged = await signCaller({ ...caller, role: 'superuser' } as unknown as Caller, secret);
    await expect(verifyCaller(forged, secret)).rejects.toThrow();
  });
});
