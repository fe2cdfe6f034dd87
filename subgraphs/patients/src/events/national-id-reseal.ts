import { resealStaleValues, type SubgraphResources } from '@clinicflow/platform';
import { Patient } from '../domain/patient.entity';

/** After a key rotation, national ids sealed under an older key are sealed again under the current one. */
export async function startNationalIdReseal(resources: SubgraphResources) {
  const resealing = resealStaleValues(resources.database.dataSource.getRepository(Patient), {
    property: 'nationalId',
    column: 'row.national_id',
  })
    .then((count) => {
      if (count > 0) resources.logger.info({ count }, 'national ids sealed again under the current key');
    })
    .catch((error: unknown) => resources.logger.error({ err: error }, 'national ids could not be sealed again'));
  return { stop: () => resealing };
}
