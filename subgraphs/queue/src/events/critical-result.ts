import { CRITICAL_RESULT, defineConsumer, type SubgraphResources } from '@clinicflow/platform';
import { In, LessThan } from 'typeorm';
import { QueueEntry, QueueStatus } from '../domain/queue-entry.entity';
import type { QueueSettings } from '../domain/queue-changes';
import { QueueService } from '../domain/queue.service';

/** The highest priority an entry can have: served before everyone else. */
export const CRITICAL_RESULT_PRIORITY = 10;

/**
 * A critical lab result moves the patient to the front at once: every waiting or held entry of
 * theirs gets the highest priority, through the queue's own priority change (kept in the entry's
 * priority history with this reason, and published to displays). Idempotent: an entry already at
 * the highest priority is left alone, so a delivery run again changes nothing.
 */
export function criticalResultConsumer(resources: SubgraphResources, settings: QueueSettings) {
  const queue = new QueueService(resources, settings);
  const entries = resources.database.dataSource.getRepository(QueueEntry);
  return defineConsumer<unknown>({
    name: 'queue.critical-result',
    events: [CRITICAL_RESULT.name],
    ordered: true,
    pollingIntervalSeconds: 0.5,
    handler: async (delivery) => {
      const data = CRITICAL_RESULT.schema.parse(delivery.data);
      const waiting = await entries.findBy({
        patientId: data.patientId,
        status: In([QueueStatus.WAITING, QueueStatus.HELD]),
        priority: LessThan(CRITICAL_RESULT_PRIORITY),
      });
      for (const entry of waiting) {
        await queue.changePriority({
          entryId: entry.id,
          priority: CRITICAL_RESULT_PRIORITY,
          reason: 'Critical lab result',
          changedBy: 'clinical.critical-result',
        });
      }
    },
  });
}
