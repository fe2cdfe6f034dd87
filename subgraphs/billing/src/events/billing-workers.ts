import { resealStaleValues, startConsumers, type SubgraphResources } from '@clinicflow/platform';
import { Coverage } from '../domain/coverage.entity';
import { patientErasedConsumer } from './patient-erased';

/** Billing's consumers, and (after a key rotation) member ids sealed again under the current key. */
export async function startBillingWorkers(resources: SubgraphResources) {
  const consumers = await startConsumers(resources.jobs, [patientErasedConsumer(resources.database)], {
    logger: resources.logger,
  });
  const resealing = resealStaleValues(resources.database.dataSource.getRepository(Coverage), {
    property: 'memberId',
    column: 'row.member_id',
  })
    .then((count) => {
      if (count > 0) resources.logger.info({ count }, 'member ids sealed again under the current key');
    })
    .catch((error: unknown) => resources.logger.error({ err: error }, 'member ids could not be sealed again'));
  return {
    stop: async () => {
      await resealing;
      await consumers.stop();
    },
  };
}
