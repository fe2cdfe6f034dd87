import { startConsumers, type SubgraphResources } from '@clinicflow/platform';
import type { AddressInfo } from 'node:net';
import { Hl7Intake } from './hl7-intake';
import { patientErasedConsumer } from '../events/patient-erased';
import { loadHl7Settings } from './hl7-settings';
import { startMllpListener } from './mllp-listener';
import { patientMatchedConsumer } from './patient-matched';
import { patientCheckedInConsumer } from './patient-visits';
import { loadSenderConfigs } from './sender-config.loader';

const intakes = new WeakMap<SubgraphResources, Hl7Intake>();

/**
 * The subgraph's one HL7 intake: its sender mappings are read and validated the first time (when
 * the workers start, so a bad mapping file stops the start), and shared by the listener and the API.
 */
export function hl7IntakeOf(resources: SubgraphResources): Hl7Intake {
  let intake = intakes.get(resources);
  if (!intake) {
    const settings = loadHl7Settings(resources.environment);
    intake = new Hl7Intake({
      dataSource: resources.database.dataSource,
      jobs: resources.jobs,
      liveEvents: resources.liveEvents.pubSub,
      logger: resources.logger,
      configs: loadSenderConfigs(settings.configDir),
    });
    intakes.set(resources, intake);
  }
  return intake;
}

export interface Hl7WorkerOptions {
  /** Told where the MLLP listener listens (tests start it on port 0). */
  onListening?(address: AddressInfo): void;
}

/**
 * Starts the MLLP listener (`HL7_MLLP_HOST`:`HL7_MLLP_PORT`, 127.0.0.1:2575 by default) and the
 * consumers that follow patients matched by MRN and the facility each patient checked in at.
 */
export async function startHl7Workers(resources: SubgraphResources, options: Hl7WorkerOptions = {}) {
  const intake = hl7IntakeOf(resources);
  const consumers = await startConsumers(
    resources.jobs,
    [patientMatchedConsumer(resources), patientCheckedInConsumer(resources), patientErasedConsumer(resources)],
    {
      logger: resources.logger,
    },
  );
  const settings = loadHl7Settings(resources.environment);
  const listener = await startMllpListener({
    host: settings.host,
    port: settings.port,
    logger: resources.logger.child({ component: 'hl7-mllp' }),
    handle: (message) => intake.receive(message),
  });
  options.onListening?.(listener.address);
  return {
    stop: async () => {
      await listener.stop();
      await consumers.stop();
    },
  };
}
