import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import {
  createTokenVerifier,
  LOCAL_ISSUER,
  type LocalIssuer,
  openLocalIssuer,
  type RunningGateway,
  startGateway,
  SUBGRAPH_NAMES,
  type SubgraphName,
  DEFAULT_AUDIENCE,
} from '@clinicflow/gateway';
import {
  createLiveEvents,
  type Environment,
  type LiveEvents,
  type Logger,
  type RunningSubgraph,
  startSubgraph,
} from '@clinicflow/platform';
import { withFieldKeys } from './field-keys-file';
import { SUBGRAPHS } from './subgraph-registry';
import { withWebhookSettings } from './webhook-secret-key';

export interface PlatformOptions {
  databaseUrl: string;
  redisUrl?: string;
  supergraphSdl: string;
  issuerKeyPath: string;
  gatewayPort: number;
  /** Port per subgraph; 0 picks a free one. Defaults to each subgraph's own port. */
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  explorerDir?: string | undefined;
  displayDir?: string | undefined;
  /** Shared by the gateway and the subgraphs; generated afresh when not given. */
  contextSigningSecret?: string;
  /** Adapter settings every subgraph reads (sandbox providers' addresses and keys); defaults to `process.env`. */
  subgraphEnvironment?: Environment;
  logger: Logger;
}

/** The whole platform in one process: every subgraph on its own port, the gateway in front. */
export interface Platform {
  gateway: RunningGateway;
  issuer: LocalIssuer;
  subgraphs: Map<SubgraphName, RunningSubgraph>;
  /** Stops one subgraph (its port closes), as if its process had died. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on the same port. */
  restartSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const contextSigningSecret = options.contextSigningSecret ?? randomBytes(32).toString('hex');
  const liveEvents: LiveEvents = createLiveEvents(options.redisUrl);
  const subgraphs = new Map<SubgraphName, RunningSubgraph>();
  const ports = new Map<SubgraphName, number>();

  // Encryption at rest and outbound webhooks: the environment's keys, or embedded mode's own beside the issuer's key.
  const subgraphEnvironment = await withWebhookSettings(
    await withFieldKeys(
      options.subgraphEnvironment ?? process.env,
      join(dirname(options.issuerKeyPath), 'field-keys.json'),
    ),
    join(dirname(options.issuerKeyPath), 'webhook-secret-key'),
  );
  const launch = async (name: SubgraphName) => {
    const definition = SUBGRAPHS[name];
    const port = ports.get(name) ?? options.subgraphPorts?.[name] ?? definition.defaultPort;
    const environment = subgraphEnvironment;
    const running = await startSubgraph(definition, {
      databaseUrl: options.databaseUrl,
      port,
      contextSigningSecret,
      liveEvents,
      logger: options.logger,
      // A subgraph on a free port takes free ports for its other listeners too (clinical's HL7 MLLP),
      // so platforms started side by side (tests, benchmarks) do not contend for the default ones.
      environment: options.subgraphPorts?.[name] === 0 ? { HL7_MLLP_PORT: '0', ...environment } : environment,
    });
    ports.set(name, Number(new URL(running.url).port));
    subgraphs.set(name, running);
  };
  for (const name of SUBGRAPH_NAMES) await launch(name);

  const issuer = await openLocalIssuer(options.issuerKeyPath);
  const gateway = await startGateway({
    port: options.gatewayPort,
    supergraph: { sdl: options.supergraphSdl },
    subgraphUrls: Object.fromEntries([...subgraphs].map(([name, running]) => [name, running.url])),
    contextSigningSecret,
    verifyToken: createTokenVerifier({ issuer: LOCAL_ISSUER, audience: DEFAULT_AUDIENCE, keys: issuer.jwks }),
    publishedJwks: issuer.jwks,
    // Third-party apps' tokens and API keys; the signing key lives as long as the process.
    thirdParty: { tokenSigningKey: randomBytes(32).toString('hex') },
    ...(options.explorerDir ? { explorerDir: options.explorerDir } : {}),
    ...(options.displayDir ? { displayDir: options.displayDir } : {}),
    logger: options.logger.child({ service: 'gateway' }),
  });

  return {
    gateway,
    issuer,
    subgraphs,
    stopSubgraph: async (name) => {
      await subgraphs.get(name)?.stop();
      subgraphs.delete(name);
    },
    restartSubgraph: launch,
    stop: async () => {
      await gateway.stop();
      for (const running of subgraphs.values()) await running.stop();
      await liveEvents.close();
    },
  };
}
