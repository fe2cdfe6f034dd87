import type { EntityManager } from 'typeorm';
import { QueueStatus } from '../domain/queue-entry.entity';
import type { LinePosition } from './webhook-payloads';

/** Places in line past this one are not announced: an event stays small however long the line is. */
export const ANNOUNCED_PLACES = 100;

/**
 * The entries of a service's line (its waiting and held entries, in call order, as
 * `QueueEntry.position` counts them) whose place differs from the one last announced, or that had
 * none: they are recorded as announced in the same statement. Entries that left the line are
 * forgotten. Runs inside a queue change, whose facility lock keeps a service's announcements in order.
 */
export async function announceMovedPositions(manager: EntityManager, serviceId: string): Promise<LinePosition[]> {
  return (await manager.query(
    `WITH line AS (
       SELECT entry.id AS entry_id, entry.token,
              (row_number() OVER (ORDER BY (-entry.priority), entry.queued_at, entry.id))::int AS position
       FROM queue.queue_entry entry
       WHERE entry.service_id = $1 AND entry.status IN ('${QueueStatus.WAITING}', '${QueueStatus.HELD}')
       ORDER BY (-entry.priority), entry.queued_at, entry.id
       LIMIT $2
     ),
     forgotten AS (
       DELETE FROM queue.announced_position announced
       WHERE announced.service_id = $1 AND announced.entry_id NOT IN (SELECT entry_id FROM line)
     ),
     moved AS (
       INSERT INTO queue.announced_position (entry_id, service_id, position)
       SELECT entry_id, $1, position FROM line
       ON CONFLICT (entry_id) DO UPDATE SET position = excluded.position
       WHERE announced_position.position <> excluded.position
       RETURNING entry_id, position
     )
     SELECT moved.entry_id AS "queueEntryId", line.token, moved.position
     FROM moved JOIN line USING (entry_id)
     ORDER BY moved.position`,
    [serviceId, ANNOUNCED_PLACES],
  )) as LinePosition[];
}
