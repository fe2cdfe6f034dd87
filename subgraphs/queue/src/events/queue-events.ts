import type { LivePubSub, Logger } from '@clinicflow/platform';
import { type QueueChange, queueUpdatedTopic, TOKEN_CALLS, tokenCalledTopic } from './queue-change';

/**
 * Publishes committed changes as live events, in sequence order. Called only after the transaction
 * has committed (see QueueChanges.run), so a change that rolled back is never announced.
 */
export class QueueEventPublisher {
  constructor(
    private readonly pubSub: LivePubSub,
    private readonly logger: Logger,
  ) {}

  async publish(changes: QueueChange[]): Promise<void> {
    for (const change of changes) {
      try {
        await this.pubSub.publish(queueUpdatedTopic(change.facilityId), change);
        if (TOKEN_CALLS.has(change.reason)) await this.pubSub.publish(tokenCalledTopic(change.facilityId), change);
      } catch (error) {
        // The change has committed and stays; a subscriber that misses this event sees a gap in the
        // sequence and reloads the board, whose sequence tells it where to continue.
        this.logger.error({ err: error, facilityId: change.facilityId, sequence: change.sequence }, 'queue event lost');
      }
    }
  }
}
