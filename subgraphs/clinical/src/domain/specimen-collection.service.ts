import { badUserInput, type Database, type SubgraphResources } from '@clinicflow/platform';
import { publishSpecimenCollected } from '../events/specimen-collected';
import { SpecimenCollection, type SpecimenKind } from './specimen-collection.entity';
import type { SpecimenMinutes } from './specimen-settings';

/** A collection time this far ahead of the clock is a mistake, not clock drift. */
const CLOCK_SKEW_MS = 60_000;

export interface SpecimenCollectionRequest {
  patientId: string;
  queueEntryId?: string | null;
  kind: SpecimenKind;
  collectedAt: Date;
  /** The subject of the staff member's token. */
  recordedBy: string;
}

export class SpecimenCollectionService {
  constructor(
    private readonly database: Database,
    private readonly jobs: SubgraphResources['jobs'],
    private readonly minutesOf: SpecimenMinutes,
  ) {}

  /** Records the collection and, in the same transaction, tells the queue how long it keeps the room. */
  async record(request: SpecimenCollectionRequest): Promise<SpecimenCollection> {
    if (request.collectedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw badUserInput('collectedAt is in the future; record a collection once it is done', {
        argument: 'collectedAt',
      });
    }
    return this.database.dataSource.transaction(async (manager) => {
      const collection = await manager.save(
        manager.create(SpecimenCollection, {
          patientId: request.patientId,
          queueEntryId: request.queueEntryId ?? null,
          kind: request.kind,
          collectedAt: request.collectedAt,
          minutes: this.minutesOf(request.kind),
          recordedBy: request.recordedBy,
        }),
      );
      await publishSpecimenCollected(this.jobs, manager, collection);
      return collection;
    });
  }
}
