import type { Database, LivePubSub, SubgraphResources } from '@clinicflow/platform';
import { requestLabResultNotification } from '../events/notification-requests';
import { type LabResultAvailable, labResultAvailableTopic } from '../events/lab-result-available';
import type { LabResultInput } from '../schema/lab-result.inputs';
import { LabResult } from './lab-result.entity';

export class LabResultService {
  constructor(
    private readonly database: Database,
    private readonly liveEvents: LivePubSub,
    private readonly jobs: SubgraphResources['jobs'],
  ) {}

  /** The input is already validated: exactly one of valueQuantity and valueText is set. */
  async record(input: LabResultInput): Promise<LabResult> {
    const saved = await this.database.dataSource.transaction(async (manager) => {
      const result = await manager.save(
        manager.create(LabResult, {
          patientId: input.patientId,
          loincCode: input.loincCode,
          display: input.display,
          valueQuantity: input.valueQuantity ?? null,
          valueText: input.valueText ?? null,
          unit: input.unit ?? null,
          referenceRange: input.referenceRange ?? null,
          abnormalFlag: input.abnormalFlag ?? null,
          status: input.status,
          issuedAt: input.issuedAt,
        }),
      );
      await requestLabResultNotification(this.jobs, manager, result);
      return result;
    });
    // Published only once the insert has committed.
    const event: LabResultAvailable = { labResultId: saved.id, patientId: saved.patientId };
    await this.liveEvents.publish(labResultAvailableTopic(saved.patientId), event);
    return saved;
  }
}
