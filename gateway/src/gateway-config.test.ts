import { loadGatewayConfig } from './gateway-config';

const REQUIRED = {
  CONTEXT_SIGNING_SECRET: 'a-context-signing-secret-of-enough-length',
  JWKS_URL: 'https://id.example.org/.well-known/jwks.json',
  JWT_ISSUER: 'https://id.example.org',
};

describe('gateway configuration', () => {
  it('defaults to production policy: limits on, introspection and explorer off, no safelist', () => {
    const config = loadGatewayConfig(REQUIRED);
    expect(config).toMatchObject({
      MAX_QUERY_DEPTH: 12,
      MAX_QUERY_ALIASES: 15,
      MAX_QUERY_TOKENS: 2000,
      MAX_QUERY_COST: 5000,
      MAX_QUERY_DIRECTIVES: 50,
      MAX_REQUEST_BYTES: 1_048_576,
      REQUEST_TIMEOUT_MS: 30_000,
      SUBGRAPH_TIMEOUT_MS: 10_000,
      RATE_LIMIT_POINTS: 600,
      RATE_LIMIT_DURATION_SECONDS: 60,
      SAFELIST_MODE: 'off',
      INTROSPECTION: false,
      EXPLORER: false,
    });
    expect(config.SAFELIST_PATH).toBeUndefined();
  });

  it('takes third-party app credentials only with a token signing key of at least 32 characters', () => {
    expect(loadGatewayConfig(REQUIRED).OAUTH_TOKEN_SIGNING_KEY).toBeUndefined();
    expect(
      loadGatewayConfig({ ...REQUIRED, OAUTH_TOKEN_SIGNING_KEY: 'k'.repeat(32), APP_CREDENTIAL_CACHE_MS: '2000' }),
    ).toMatchObject({ OAUTH_TOKEN_LIFETIME_SECONDS: 300, APP_CREDENTIAL_CACHE_MS: 2000 });
    expect(() => loadGatewayConfig({ ...REQUIRED, OAUTH_TOKEN_SIGNING_KEY: 'short' })).toThrow(
      /OAUTH_TOKEN_SIGNING_KEY: must be at least 32 characters/,
    );
  });

  it('reads the limits and the policy from the environment', () => {
    const config = loadGatewayConfig({
      ...REQUIRED,
      MAX_QUERY_DEPTH: '8',
      RATE_LIMIT_POINTS: '0',
      INTROSPECTION: 'true',
      SAFELIST_MODE: 'enforce',
      SAFELIST_PATH: '/etc/clinicflow/safelist.json',
    });
    expect(config).toMatchObject({ MAX_QUERY_DEPTH: 8, RATE_LIMIT_POINTS: 0, INTROSPECTION: true });
  });

  it('names each variable that is wrong', () => {
    expect(() =>
      loadGatewayConfig({ ...REQUIRED, MAX_QUERY_DEPTH: '0', INTROSPECTION: 'yes', RATE_LIMIT_DURATION_SECONDS: 'x' }),
    ).toThrow(/MAX_QUERY_DEPTH[\s\S]*RATE_LIMIT_DURATION_SECONDS[\s\S]*INTROSPECTION: must be true or false/);
    expect(() => loadGatewayConfig({ ...REQUIRED, SAFELIST_MODE: 'enforce' })).toThrow(
      /SAFELIST_PATH: is required when SAFELIST_MODE=enforce/,
    );
    expect(() => loadGatewayConfig({ ...REQUIRED, EXPLORER: 'true' })).toThrow(/EXPLORER: .*INTROSPECTION=true/);
    expect(() =>
      loadGatewayConfig({ ...REQUIRED, EXPLORER: 'true', INTROSPECTION: 'true', EXPLORER_DIR: '/nonexistent' }),
    ).toThrow(/EXPLORER_DIR: holds no built explorer/);
  });

  it('takes the identity provider from OIDC discovery or from a JWKS URL with its issuer, never both or neither', () => {
    const { CONTEXT_SIGNING_SECRET } = REQUIRED;
    expect(loadGatewayConfig({ CONTEXT_SIGNING_SECRET, OIDC_ISSUER: 'https://id.example.org' }).OIDC_ISSUER).toBe(
      'https://id.example.org',
    );
    expect(() => loadGatewayConfig({ CONTEXT_SIGNING_SECRET })).toThrow(
      expect.objectContaining({
        problems: [expect.stringMatching(/^JWKS_URL: is required/), expect.stringMatching(/^JWT_ISSUER: is required/)],
      }),
    );
    expect(() => loadGatewayConfig({ ...REQUIRED, OIDC_ISSUER: 'https://id.example.org' })).toThrow(
      /JWKS_URL: leave it unset/,
    );
  });

  it('refuses the embedded development issuer in production', () => {
    expect(() => loadGatewayConfig({ ...REQUIRED, JWT_ISSUER: 'clinicflow-local-issuer' })).toThrow(
      /JWT_ISSUER: clinicflow-local-issuer is the embedded development issuer and is refused in production/,
    );
  });
});
