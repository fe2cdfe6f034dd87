import { randomBytes } from 'node:crypto';
import { newSigningSecret, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  const endpointId = '6f0c4a53-0d2f-4c1f-9a10-0b5a3c526f8e';

  it('seals a secret so that only the same key and endpoint open it', () => {
    const secret = newSigningSecret();
    const sealed = box.seal(secret, endpointId);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.slice('whsec_'.length));
    expect(box.open(sealed, endpointId)).toBe(secret);
    expect(() => box.open(sealed, '00000000-0000-4000-8000-000000000000')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, endpointId)).toThrow();
  });

  it('refuses a sealed secret that was changed, and keys that are not 32 bytes', () => {
    const [version, iv, tag, data] = box.seal(newSigningSecret(), endpointId).split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'), endpointId)).toThrow();
    expect(() => box.open('v2.a.b.c', endpointId)).toThrow('not in a known form');
    expect(() => new SecretBox(randomBytes(16))).toThrow('32 bytes');
  });
});
