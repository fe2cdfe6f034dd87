import { generateKeyPairSync, sign } from 'node:crypto';
import { verifySendGridSignature } from './sendgrid-signature';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const verificationKey = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const timestamp = '1763840000';
const signed = (body: string) => sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');

describe('verifySendGridSignature', () => {
  it('accepts a batch signed with the account key and hands back its events, custom args included', () => {
    const body = JSON.stringify([
      {
        email: 'ada@patients.test',
        event: 'delivered',
        timestamp: 1763840000,
        sg_event_id: 'e1',
        notificationId: 'n-1',
      },
    ]);
    const verification = verifySendGridSignature(verificationKey, { signature: signed(body), timestamp, body });
    expect(verification).toEqual({
      verified: true,
      payload: [expect.objectContaining({ event: 'delivered', sg_event_id: 'e1', notificationId: 'n-1' })],
    });
    expect(
      verifySendGridSignature(verificationKey, { signature: signed(body), timestamp, body: Buffer.from(body) }),
    ).toMatchObject({
      verified: true,
    });
  });

  it('refuses a signed body that is not a batch of events', () => {
    for (const body of ['{"event":"delivered"}', '[{"email":"ada@patients.test"}]', 'not json']) {
      expect(verifySendGridSignature(verificationKey, { signature: signed(body), timestamp, body })).toEqual({
        verified: false,
        reason: 'malformed-payload',
      });
    }
  });

  it('refuses another timestamp and a missing header', () => {
    const body = '[]';
    expect(
      verifySendGridSignature(verificationKey, { signature: signed(body), timestamp: '1763840001', body }),
    ).toEqual({
      verified: false,
      reason: 'invalid-signature',
    });
    expect(verifySendGridSignature(verificationKey, { signature: signed(body), timestamp: undefined, body })).toEqual({
      verified: false,
      reason: 'missing-signature',
    });
  });
});
