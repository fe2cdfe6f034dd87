import {
  badUserInput,
  conflict,
  type Database,
  isUniqueViolation,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
  type SortKey,
} from '@clinicflow/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { scheduleAppointmentReminder } from '../events/notification-requests';
import type { Jobs } from '../events/queue-jobs';
import { appointmentPayload, appointmentStatusName } from '../webhooks/queue-change-events';
import { WebhookEventType } from '../webhooks/webhook-event-type';
import { publishWebhookEvent } from '../webhooks/webhook-payloads';
import { Appointment, AppointmentStatus } from './appointment.entity';
import { Service } from './service.entity';

export interface NewAppointment {
  serviceId: string;
  patientId: string;
  startsAt: Date;
  source: string;
  externalId?: string | null;
}

export interface AppointmentFilter {
  facilityId: string;
  from: Date;
  to: Date;
}

/** A day's appointments in the order they start; the id breaks ties. */
const BY_START: SortKey<Appointment>[] = [
  { column: 'appointment.starts_at', direction: 'ASC', type: 'timestamp', valueOf: (row) => row.startsAt },
  { column: 'appointment.id', direction: 'ASC', type: 'uuid', valueOf: (row) => row.id },
];

/** Booked visits: booking, cancelling and listing them. Checking in by appointment is the queue's (check-in.ts). */
export class AppointmentService {
  private readonly dataSource: DataSource;

  constructor(
    database: Database,
    private readonly jobs: Jobs,
  ) {
    this.dataSource = database.dataSource;
  }

  /** A facility's appointments starting in [from, to). */
  async list(filter: AppointmentFilter, page: PageArgs): Promise<Page<Appointment>> {
    if (filter.from >= filter.to) throw badUserInput('`from` must be before `to`', { argument: 'to' });
    const query = this.dataSource
      .getRepository(Appointment)
      .createQueryBuilder('appointment')
      .where('appointment.facility_id = :facilityId', { facilityId: filter.facilityId })
      .andWhere('appointment.starts_at >= :from AND appointment.starts_at < :to', { from: filter.from, to: filter.to });
    return keysetPage(query, BY_START, page);
  }

  /** Books a slot of the service; its facility and slot length come from the service. */
  async book(input: NewAppointment): Promise<Appointment> {
    const service = await this.dataSource.getRepository(Service).findOneBy({ id: input.serviceId });
    if (!service) throw notFound('Service', input.serviceId);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const appointment = await manager.save(
          manager.create(Appointment, {
            facilityId: service.facilityId,
            serviceId: service.id,
            patientId: input.patientId,
            startsAt: input.startsAt,
            slotMinutes: service.slotMinutes,
            status: AppointmentStatus.BOOKED,
            source: input.source,
            externalId: input.externalId ?? null,
            cancelReason: null,
          }),
        );
        await this.published(manager, WebhookEventType.APPOINTMENT_CREATED, appointment);
        await scheduleAppointmentReminder(this.jobs, manager, appointment);
        return appointment;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(`An appointment from ${input.source} with this externalId already exists`, {
          field: 'externalId',
        });
      }
      throw error;
    }
  }

  /** Cancels a booked appointment, keeping the reason; one already checked in is the queue's to cancel. */
  async cancel(id: string, reason: string): Promise<Appointment> {
    return this.dataSource.transaction(async (manager) => {
      const appointment = await manager.findOne(Appointment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!appointment) throw notFound('Appointment', id);
      if (appointment.status !== AppointmentStatus.BOOKED) {
        const status = appointment.status.toUpperCase();
        throw conflict(`Appointment ${id} is ${status}; only a booked appointment can be cancelled`, { status });
      }
      appointment.status = AppointmentStatus.CANCELLED;
      appointment.cancelReason = reason;
      const saved = await manager.save(appointment);
      await this.published(manager, WebhookEventType.APPOINTMENT_CANCELLED, saved);
      return saved;
    });
  }

  /** Publishes the appointment's event with its change's transaction. */
  private async published(manager: EntityManager, type: WebhookEventType, appointment: Appointment): Promise<void> {
    const payload = appointmentPayload(appointment, appointmentStatusName(appointment.status), null, new Date());
    await publishWebhookEvent(this.jobs, manager, type, payload);
  }
}
