import { loadConfig } from './load-config';
import { contextSigningSecret, optionalRedisUrl, port, postgresUrl } from './variables';

const shape = {
  DATABASE_URL: postgresUrl,
  REDIS_URL: optionalRedisUrl,
  CONTEXT_SIGNING_SECRET: contextSigningSecret,
  PORT: port(4001),
};

describe('loadConfig', () => {
  it('parses a valid environment and applies defaults', () => {
    const config = loadConfig(shape, {
      DATABASE_URL: 'postgres://db/clinicflow',
      CONTEXT_SIGNING_SECRET: 'x'.repeat(32),
      REDIS_URL: '',
    });
    expect(config).toEqual({
      DATABASE_URL: 'postgres://db/clinicflow',
      CONTEXT_SIGNING_SECRET: 'x'.repeat(32),
      PORT: 4001,
      REDIS_URL: undefined,
    });
  });

  it('names every variable that is missing or wrong, without echoing values', () => {
    const secret = 'too-short-secret';
    expect(() =>
      loadConfig(shape, {
        DATABASE_URL: 'mysql://db',
        CONTEXT_SIGNING_SECRET: secret,
        PORT: 'eighty',
        REDIS_URL: 'http://x',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ connection URL/),
          expect.stringMatching(/^REDIS_URL: must be a redis:\/\//),
          expect.stringMatching(/^CONTEXT_SIGNING_SECRET: must be at least 32 characters/),
          expect.stringMatching(/^PORT: /),
        ],
      }),
    );
    try {
      loadConfig(shape, { CONTEXT_SIGNING_SECRET: secret });
    } catch (error) {
      expect(String(error)).toContain('DATABASE_URL: is required');
      expect(String(error)).not.toContain(secret);
    }
  });
});
