import type { EhrAppointmentChanged, Logger } from '@clinicflow/platform';
import { Appointment, AppointmentStatus } from '../domain/appointment.entity';
import { cancel } from '../domain/entry-steps';
import type { QueueChanges, QueueTransaction } from '../domain/queue-changes';
import { QueueEntry, QueueStatus } from '../domain/queue-entry.entity';
import { Service } from '../domain/service.entity';
import { requestAppointmentChangeNotification } from './appointment-change-notifications';
import { EHR_BOOKED, EHR_CANCELLED, EHR_SOURCE } from './ehr-appointment-event';

/** Queue entries a cancellation in the EHR takes out of line (one being served is left to staff). */
const CANCELLABLE = [QueueStatus.WAITING, QueueStatus.CALLED, QueueStatus.HELD];

/**
 * Applies one EHR appointment version to the queue's own appointment (source `ehr`, the EHR's id as
 * `externalId`): booked creates or moves it, cancelled cancels it and, when the patient had already
 * checked in, their queue entry too (the queue's own cancel, so the positions after it close up and
 * displays hear of it). The patient is asked to be told of each booking, move and cancellation, in
 * the same transaction. Applying the same version twice changes nothing, and tells nobody twice.
 */
export async function applyEhrAppointment(
  changes: QueueChanges,
  event: EhrAppointmentChanged,
  logger: Logger,
): Promise<void> {
  await changes.run(async (tx) => {
    const { manager } = tx;
    const existing = await manager.findOne(Appointment, {
      where: { source: EHR_SOURCE, externalId: event.ehrAppointmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (EHR_CANCELLED.has(event.status)) {
      if (existing) await cancelAppointment(tx, existing, event.cancelReason ?? 'Cancelled in the EHR');
      return;
    }
    if (!EHR_BOOKED.has(event.status)) return;
    const startsAt = new Date(event.startsAt);
    if (!existing) {
      const service = await manager.findOneBy(Service, { id: event.serviceId });
      if (!service) {
        logger.warn({ ehrAppointmentId: event.ehrAppointmentId }, 'EHR appointment names no service of ours; skipped');
        return;
      }
      const booked = await manager.save(
        manager.create(Appointment, {
          facilityId: service.facilityId,
          serviceId: service.id,
          patientId: event.patientId,
          startsAt,
          slotMinutes: service.slotMinutes,
          status: AppointmentStatus.BOOKED,
          source: EHR_SOURCE,
          externalId: event.ehrAppointmentId,
          cancelReason: null,
        }),
      );
      await requestAppointmentChangeNotification(tx.jobs, manager, booked, 'booked');
      return;
    }
    if (existing.status === AppointmentStatus.BOOKED || existing.status === AppointmentStatus.CANCELLED) {
      // Rescheduled, or booked again after a cancellation; a version that moved neither tells nobody.
      const change =
        existing.status === AppointmentStatus.CANCELLED
          ? 'booked'
          : existing.startsAt.getTime() !== startsAt.getTime()
            ? 'rescheduled'
            : null;
      existing.startsAt = startsAt;
      existing.status = AppointmentStatus.BOOKED;
      existing.cancelReason = null;
      await manager.save(existing);
      if (change) await requestAppointmentChangeNotification(tx.jobs, manager, existing, change);
    }
  });
}

async function cancelAppointment(tx: QueueTransaction, appointment: Appointment, reason: string): Promise<void> {
  if (appointment.status === AppointmentStatus.CANCELLED) return;
  if (appointment.status === AppointmentStatus.CHECKED_IN) {
    const entry = await tx.manager
      .getRepository(QueueEntry)
      .createQueryBuilder('entry')
      .where('entry.appointment_id = :id', { id: appointment.id })
      .andWhere('entry.status IN (:...open)', { open: CANCELLABLE })
      .getOne();
    if (!entry) return;
    await cancel(tx, entry.id, reason);
  } else if (appointment.status !== AppointmentStatus.BOOKED) {
    return;
  }
  appointment.status = AppointmentStatus.CANCELLED;
  appointment.cancelReason = reason;
  await tx.manager.save(appointment);
  await requestAppointmentChangeNotification(tx.jobs, tx.manager, appointment, 'cancelled');
}
