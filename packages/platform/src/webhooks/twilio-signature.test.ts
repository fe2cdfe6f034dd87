import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { verifyTwilioSignature } from './twilio-signature';

const authToken = '12345678901234567890123456789012';
const url = 'https://clinic.example/twilio/inbound?facility=north';

describe('verifyTwilioSignature', () => {
  it('accepts a body signed as Twilio signs it, repeated parameters included, and hands back its parameters', () => {
    const body = 'From=%2B15555550100&Body=STOP+now&MediaUrl=b&MediaUrl=a';
    const signature = getExpectedTwilioSignature(authToken, url, {
      From: '+15555550100',
      Body: 'STOP now',
      MediaUrl: ['b', 'a'],
    });
    const verification = verifyTwilioSignature(authToken, { url, signature, body });
    if (!verification.verified) throw new Error(verification.reason);
    expect(verification.payload.get('Body')).toBe('STOP now');
    expect(verification.payload.getAll('MediaUrl')).toEqual(['b', 'a']);
  });

  it('refuses a changed body, another URL and a missing signature', () => {
    const signature = getExpectedTwilioSignature(authToken, url, { Body: 'STOP' });
    expect(verifyTwilioSignature(authToken, { url, signature, body: 'Body=START' })).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
    expect(verifyTwilioSignature(authToken, { url: `${url}&x=1`, signature, body: 'Body=STOP' })).toMatchObject({
      verified: false,
    });
    expect(verifyTwilioSignature(authToken, { url, signature: undefined, body: 'Body=STOP' })).toEqual({
      verified: false,
      reason: 'missing-signature',
    });
  });
});
