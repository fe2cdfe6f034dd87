import type { Database, LivePubSub } from '@clinicflow/platform';
import { type LabResultAvailable, labResultAvailableTopic } from '../events/lab-result-available';
import type { Repository } from 'typeorm';
import type { LabResultInput } from '../schema/lab-result.inputs';
import { LabResult } from './lab-result.entity';

export class LabResultService {
  private readonly results: Repository<LabResult>;

  constructor(
    database: Database,
    private readonly liveEvents: LivePubSub,
  ) {
    this.results = database.dataSource.getRepository(LabResult);
  }

  /** The input is already validated: exactly one of valueQuantity and valueText is set. */
  async record(input: LabResultInput): Promise<LabResult> {
    const saved = await this.results.save(
      this.results.create({
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
    // Published only once the insert has committed (save runs in its own transaction).
    const event: LabResultAvailable = { labResultId: saved.id, patientId: saved.patientId };
    await this.liveEvents.publish(labResultAvailableTopic(saved.patientId), event);
    return saved;
  }
}
