import {
  conflict,
  type Database,
  isUniqueViolation,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
} from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import { Device, type DeviceKind } from './device.entity';

export interface DeviceRegistration {
  serial: string;
  kind: DeviceKind;
  facilityId?: string | null;
}

export class DeviceService {
  private readonly devices: Repository<Device>;

  constructor(database: Database) {
    this.devices = database.dataSource.getRepository(Device);
  }

  /** Devices by serial number, optionally only those kept at one facility. */
  async list(facilityId: string | null, page: PageArgs): Promise<Page<Device>> {
    const query = this.devices.createQueryBuilder('device');
    if (facilityId) query.where('device.facility_id = :facilityId', { facilityId });
    return keysetPage(
      query,
      [{ column: 'device.serial', direction: 'ASC', type: 'text', valueOf: (device) => device.serial }],
      page,
    );
  }

  async register(registration: DeviceRegistration): Promise<Device> {
    try {
      return await this.devices.save(this.devices.create(registration));
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('Another device already has this serial number', { field: 'serial' });
      throw error;
    }
  }

  /**
   * Points the device at a patient, or at nobody. The patients subgraph owns patients, so the id
   * is not checked here; the UPDATE waits for any reading being recorded under the device's lock.
   */
  async assign(deviceId: string, patientId: string | null): Promise<Device> {
    const { affected } = await this.devices.update({ id: deviceId }, { patientId });
    if (!affected) throw notFound('Device', deviceId);
    return this.devices.findOneByOrFail({ id: deviceId });
  }
}
