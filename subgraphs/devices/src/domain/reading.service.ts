import { badUserInput, conflict, type Database, notFound } from '@clinicflow/platform';
import type { DataSource } from 'typeorm';
import { Device, MEASURES } from './device.entity';
import { Reading } from './reading.entity';
import { VITAL_SIGNS, type VitalSign } from './vital-sign';

export interface ReadingSubmission {
  deviceId: string;
  code: VitalSign;
  value: number;
  recordedAt: Date;
}

export class ReadingService {
  private readonly dataSource: DataSource;

  constructor(database: Database) {
    this.dataSource = database.dataSource;
  }

  /**
   * Records a reading for the patient the device is assigned to now. The device row stays locked
   * until the reading and the device's lastSeenAt commit, so an assignment change cannot slip in
   * between and put the reading on the wrong patient.
   */
  async record(submission: ReadingSubmission): Promise<Reading> {
    return this.dataSource.transaction(async (manager) => {
      const device = await manager.findOne(Device, {
        where: { id: submission.deviceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!device) throw notFound('Device', submission.deviceId);
      if (!MEASURES[device.kind].includes(submission.code)) {
        throw badUserInput(
          `A ${device.kind.replace(/_/g, ' ')} does not measure ${VITAL_SIGNS[submission.code].display}`,
          {
            field: 'code',
          },
        );
      }
      if (!device.patientId) {
        throw conflict('The device is not assigned to a patient, so the reading would belong to nobody', {
          field: 'deviceId',
        });
      }
      const reading = await manager.save(manager.create(Reading, { ...submission, patientId: device.patientId }));
      await manager.update(Device, { id: device.id }, { lastSeenAt: reading.receivedAt });
      return reading;
    });
  }
}
