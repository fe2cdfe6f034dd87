import { badUserInput, type Database, keysetPage, notFound, type Page, type PageArgs } from '@clinicflow/platform';
import type { DataSource } from 'typeorm';
import { Facility } from './facility.entity';
import { type CheckInChannel, QueueEntry, QueueStatus } from './queue-entry.entity';
import { Service } from './service.entity';

export interface BoardFilter {
  facilityId: string;
  statuses?: QueueStatus[] | null;
  serviceId?: string | null;
}

export interface CheckInRequest {
  facilityId: string;
  serviceId: string;
  patientId: string;
  priority: number;
  channel: CheckInChannel;
}

/** Formats token number 14 of service prefix A as A-014. */
export const formatToken = (prefix: string, tokenNumber: number) => `${prefix}-${String(tokenNumber).padStart(3, '0')}`;

export class QueueService {
  private readonly dataSource: DataSource;

  constructor(database: Database) {
    this.dataSource = database.dataSource;
  }

  /** A facility's queue in the order patients will be called: priority first, then arrival. */
  async board(filter: BoardFilter, page: PageArgs): Promise<Page<QueueEntry>> {
    const query = this.dataSource
      .getRepository(QueueEntry)
      .createQueryBuilder('entry')
      .where('entry.facility_id = :facilityId', { facilityId: filter.facilityId });
    if (filter.statuses?.length) query.andWhere('entry.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.serviceId) query.andWhere('entry.service_id = :serviceId', { serviceId: filter.serviceId });
    return keysetPage(
      query,
      [
        { column: '(-entry.priority)', direction: 'ASC', type: 'number', valueOf: (entry) => -entry.priority },
        { column: 'entry.arrived_at', direction: 'ASC', type: 'timestamp', valueOf: (entry) => entry.arrivedAt },
        { column: 'entry.id', direction: 'ASC', type: 'uuid', valueOf: (entry) => entry.id },
      ],
      page,
    );
  }

  /**
   * Gives the patient the next token of the service for the facility's current day. The counter row
   * is incremented under its own row lock, so concurrent check-ins never share or reuse a number.
   */
  async checkIn(request: CheckInRequest): Promise<QueueEntry> {
    return this.dataSource.transaction(async (manager) => {
      const service = await manager.findOneBy(Service, { id: request.serviceId });
      if (!service) throw notFound('Service', request.serviceId);
      if (service.facilityId !== request.facilityId) {
        throw badUserInput('The service is not offered at this facility', { argument: 'serviceId' });
      }
      const facility = await manager.findOneByOrFail(Facility, { id: request.facilityId });
      const [{ service_day: serviceDay, last_number: tokenNumber }] = (await manager.query(
        `INSERT INTO queue.token_counter (service_id, service_day, last_number)
         VALUES ($1, (now() AT TIME ZONE $2)::date, 1)
         ON CONFLICT (service_id, service_day) DO UPDATE SET last_number = token_counter.last_number + 1
         RETURNING to_char(service_day, 'YYYY-MM-DD') AS service_day, last_number`,
        [service.id, facility.timezone],
      )) as { service_day: string; last_number: number }[];
      return manager.save(
        manager.create(QueueEntry, {
          facilityId: facility.id,
          serviceId: service.id,
          patientId: request.patientId,
          serviceDay,
          tokenNumber,
          token: formatToken(service.tokenPrefix, tokenNumber),
          priority: request.priority,
          channel: request.channel,
          status: QueueStatus.WAITING,
        }),
      );
    });
  }
}
