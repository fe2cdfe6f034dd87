import { badUserInput, notFound } from '@clinicflow/platform';
import { QueueChangeReason } from '../events/queue-change';
import { serviceDayOf } from './clock';
import { Facility } from './facility.entity';
import type { QueueTransaction } from './queue-changes';
import { QueueEntry, QueueStatus } from './queue-entry.entity';
import { Service } from './service.entity';
import { formatToken, nextTokenNumber } from './tokens';
import { lockEntryFor } from './transitions';

/**
 * Moves a patient to another service's queue of the same facility: the old entry becomes
 * TRANSFERRED, and a new WAITING entry gets a new token of the target service, with the same
 * arrival, place in line and priority, so the patient does not start again at the back. The two are
 * linked both ways. Returns the new entry.
 */
export async function transfer(tx: QueueTransaction, entryId: string, serviceId: string): Promise<QueueEntry> {
  const { manager } = tx;
  const entry = await lockEntryFor(manager, entryId, 'transfer');
  if (entry.serviceId === serviceId) {
    throw badUserInput("The entry is already in this service's queue", { argument: 'serviceId' });
  }
  const target = await manager.findOneBy(Service, { id: serviceId });
  if (!target) throw notFound('Service', serviceId);
  if (target.facilityId !== entry.facilityId) {
    throw badUserInput('An entry moves only to a service of its own facility', { argument: 'serviceId' });
  }
  const facility = await manager.findOneByOrFail(Facility, { id: entry.facilityId });
  const serviceDay = serviceDayOf(tx.now, facility.timezone);
  const tokenNumber = await nextTokenNumber(manager, target.id, serviceDay);
  const moved = await manager.save(
    manager.create(QueueEntry, {
      facilityId: entry.facilityId,
      serviceId: target.id,
      patientId: entry.patientId,
      serviceDay,
      tokenNumber,
      token: formatToken(target.tokenPrefix, tokenNumber),
      status: QueueStatus.WAITING,
      priority: entry.priority,
      channel: entry.channel,
      arrivedAt: entry.arrivedAt,
      queuedAt: entry.queuedAt,
      transferredFromId: entry.id,
    }),
  );
  entry.status = QueueStatus.TRANSFERRED;
  entry.transferredToId = moved.id;
  await manager.save(entry);
  await tx.record(entry.facilityId, QueueChangeReason.TRANSFERRED, entry.id);
  await tx.record(entry.facilityId, QueueChangeReason.TRANSFERRED, moved.id);
  return moved;
}
