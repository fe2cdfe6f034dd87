import {
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  LOCAL_ISSUER,
  startGateway,
  type RunningGateway,
} from '@clinicflow/gateway';
import { createLogger } from '@clinicflow/platform';
import { postGraphQL } from '@clinicflow/testing';
import { startTestPlatform, type TestPlatform } from '../src';

const SECRET = 'introspection-test-secret-0123456789abcdef';

/** The development option: a gateway that composes the running subgraphs itself when it starts. */
describe('IntrospectAndCompose', () => {
  let platform: TestPlatform;
  let gateway: RunningGateway;

  beforeAll(async () => {
    platform = await startTestPlatform('introspect', { contextSigningSecret: SECRET });
    gateway = await startGateway({
      port: 0,
      supergraph: { introspect: [...platform.subgraphs].map(([name, running]) => ({ name, url: running.url })) },
      subgraphUrls: {},
      contextSigningSecret: SECRET,
      verifyToken: createTokenVerifier({
        issuer: LOCAL_ISSUER,
        audience: DEFAULT_AUDIENCE,
        keys: platform.issuer.jwks,
      }),
      logger: createLogger('introspect', 'silent'),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await platform?.stop();
  });

  it('serves the same graph as the composed supergraph', async () => {
    const token = await platform.token('admin');
    const response = await postGraphQL(
      gateway.url,
      '{ facilities { id } patients { totalCount edges { node { balance { amountCents } latestVitals { heartRate } } } } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ facilities: [], patients: { totalCount: 0, edges: [] } });
  });
});
