import { randomBytes } from 'node:crypto';
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
import { SUBGRAPHS } from './subgraph-registry';

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

  const launch = async (name: SubgraphName) => {
    const definition = SUBGRAPHS[name];
    const running = await startSubgraph(definition, {
      databaseUrl: options.databaseUrl,
      port: ports.get(name) ?? options.subgraphPorts?.[name] ?? definition.defaultPort,
      contextSigningSecret,
      liveEvents,
      logger: options.logger,
      ...(options.subgraphEnvironment ? { environment: options.subgraphEnvironment } : {}),
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
