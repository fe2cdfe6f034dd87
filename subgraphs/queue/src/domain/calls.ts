import { badUserInput, notFound } from '@clinicflow/platform';
import { QueueChangeReason } from '../events/queue-change';
import { type NoShowCheck, scheduleNoShowCheck } from '../events/queue-jobs';
import { Appointment, AppointmentStatus } from './appointment.entity';
import type { QueueTransaction } from './queue-changes';
import { QueueEntry, QueueStatus } from './queue-entry.entity';
import { ServicePoint } from './service-point.entity';
import { Service } from './service.entity';
import { lockEntryFor } from './transitions';

/** How many waiting patients a skipped patient goes back behind (see skip). */
export const SKIP_PLACES = 3;

/**
 * Calls the next waiting patient to a room or counter: highest priority first, then place in line.
 * `FOR UPDATE SKIP LOCKED` lets concurrent calls pass over an entry another call has just locked,
 * so two staff calling at the same instant get two different patients, and neither waits.
 * A service point serves all of its facility's services unless `serviceId` narrows the call.
 */
export async function callNextPatient(
  tx: QueueTransaction,
  servicePointId: string,
  serviceId?: string | null,
): Promise<QueueEntry | null> {
  const point = await tx.manager.findOneBy(ServicePoint, { id: servicePointId });
  if (!point) throw notFound('ServicePoint', servicePointId);
  if (serviceId) {
    const service = await tx.manager.findOneBy(Service, { id: serviceId });
    if (!service) throw notFound('Service', serviceId);
    if (service.facilityId !== point.facilityId) {
      throw badUserInput('The service is not offered where this room or counter is', { argument: 'serviceId' });
    }
  }
  const next = tx.manager
    .getRepository(QueueEntry)
    .createQueryBuilder('entry')
    .where('entry.facility_id = :facilityId', { facilityId: point.facilityId })
    .andWhere('entry.status = :waiting', { waiting: QueueStatus.WAITING });
  if (serviceId) next.andWhere('entry.service_id = :serviceId', { serviceId });
  const entry = await next
    .orderBy('(-entry.priority)', 'ASC')
    .addOrderBy('entry.queued_at', 'ASC')
    .addOrderBy('entry.id', 'ASC')
    .limit(1)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getOne();
  if (!entry) return null;
  entry.servicePointId = point.id;
  return call(tx, entry, QueueChangeReason.CALLED);
}

/** Calls a called patient again, to the same room; the grace period starts again. */
export async function recall(tx: QueueTransaction, entryId: string): Promise<QueueEntry> {
  return call(tx, await lockEntryFor(tx.manager, entryId, 'recall'), QueueChangeReason.RECALLED);
}

/**
 * A called patient who did not come goes back to waiting, behind the next SKIP_PLACES patients of
 * the same service and priority who were behind them (behind all of them when fewer wait). Their
 * priority stays; only their place in line (queuedAt) moves, to just after the last one passed.
 */
export async function skip(tx: QueueTransaction, entryId: string): Promise<QueueEntry> {
  const entry = await lockEntryFor(tx.manager, entryId, 'skip');
  const [passed] = (await tx.manager.query(
    `SELECT max(behind.queued_at) AS "lastQueuedAt" FROM (
       SELECT queued_at FROM queue.queue_entry
       WHERE service_id = $1 AND status = $2 AND priority = $3 AND (queued_at, id) > ($4, $5)
       ORDER BY queued_at, id
       LIMIT $6
     ) behind`,
    [entry.serviceId, QueueStatus.WAITING, entry.priority, entry.queuedAt, entry.id, SKIP_PLACES],
  )) as { lastQueuedAt: Date | null }[];
  if (passed.lastQueuedAt) entry.queuedAt = new Date(passed.lastQueuedAt.getTime() + 1);
  entry.status = QueueStatus.WAITING;
  const saved = await tx.manager.save(entry);
  await tx.record(entry.facilityId, QueueChangeReason.SKIPPED, entry.id);
  return saved;
}

export async function markNoShow(tx: QueueTransaction, entryId: string): Promise<QueueEntry> {
  return noShow(tx, await lockEntryFor(tx.manager, entryId, 'markNoShow'));
}

/**
 * The automatic no-show, when a call's grace period ends. Idempotent: it does nothing unless the
 * entry is still CALLED by the very call that scheduled it (not recalled, started, or already done).
 */
export async function expireCall(tx: QueueTransaction, check: NoShowCheck): Promise<QueueEntry | null> {
  const entry = await tx.manager.findOne(QueueEntry, {
    where: { id: check.entryId },
    lock: { mode: 'pessimistic_write' },
  });
  if (entry?.status !== QueueStatus.CALLED || entry.callNumber !== check.callNumber) return null;
  return noShow(tx, entry);
}

async function call(tx: QueueTransaction, entry: QueueEntry, reason: QueueChangeReason): Promise<QueueEntry> {
  entry.status = QueueStatus.CALLED;
  entry.calledAt = tx.now;
  entry.callNumber += 1;
  const saved = await tx.manager.save(entry);
  const service = await tx.manager.findOneByOrFail(Service, { id: entry.serviceId });
  await scheduleNoShowCheck(
    tx.jobs,
    tx.manager,
    { entryId: entry.id, callNumber: entry.callNumber },
    service.noShowGraceSeconds,
  );
  await tx.record(entry.facilityId, reason, entry.id);
  return saved;
}

async function noShow(tx: QueueTransaction, entry: QueueEntry): Promise<QueueEntry> {
  entry.status = QueueStatus.NO_SHOW;
  const saved = await tx.manager.save(entry);
  if (entry.appointmentId) {
    await tx.manager.update(Appointment, { id: entry.appointmentId }, { status: AppointmentStatus.NO_SHOW });
  }
  await tx.record(entry.facilityId, QueueChangeReason.NO_SHOW, entry.id);
  return saved;
}
