import { conflict, type Database, isUniqueViolation, notFound } from '@clinicflow/platform';
import type { DataSource } from 'typeorm';
import { Facility } from './facility.entity';
import { ServicePoint, type ServicePointKind } from './service-point.entity';
import { Service } from './service.entity';

export interface NewService {
  facilityId: string;
  tokenPrefix: string;
  name: string;
  defaultServiceMinutes: number;
  slotMinutes: number;
  /** Fractional minutes are allowed; the grace period is kept to the second. */
  noShowGraceMinutes: number;
}

/** Sets up the clinic: facilities, the services they offer and their rooms and counters. */
export class FacilityService {
  private readonly dataSource: DataSource;

  constructor(database: Database) {
    this.dataSource = database.dataSource;
  }

  async list(onlyFacilityId?: string): Promise<Facility[]> {
    return this.dataSource
      .getRepository(Facility)
      .find({ where: onlyFacilityId ? { id: onlyFacilityId } : {}, order: { name: 'ASC' } });
  }

  async createFacility(input: Pick<Facility, 'code' | 'name' | 'timezone'>): Promise<Facility> {
    return this.saveUnique(Facility, input, 'A facility with this code already exists');
  }

  async createService(input: NewService): Promise<Service> {
    await this.requireFacility(input.facilityId);
    const { noShowGraceMinutes, ...service } = input;
    return this.saveUnique(
      Service,
      { ...service, noShowGraceSeconds: Math.round(noShowGraceMinutes * 60) },
      'This facility already has a service with this token prefix',
    );
  }

  async createServicePoint(input: { facilityId: string; name: string; kind: ServicePointKind }): Promise<ServicePoint> {
    await this.requireFacility(input.facilityId);
    return this.saveUnique(ServicePoint, input, 'This facility already has a room or counter with this name');
  }

  private async requireFacility(id: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Facility).existsBy({ id }))) throw notFound('Facility', id);
  }

  private async saveUnique<T extends object>(entity: new () => T, values: Partial<T>, message: string): Promise<T> {
    const repository = this.dataSource.getRepository(entity);
    try {
      return await repository.save(repository.create(values as T));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(message);
      }
      throw error;
    }
  }
}
