import { assertOwnPatient, forbidden, STAFF } from '@clinicflow/platform';
import type { DevicesContext } from '../context';
import type { Device } from '../domain/device.entity';
import type { Facility } from '../domain/facility.ref';
import type { Patient } from '../domain/patient.ref';
import type { Reading } from '../domain/reading.entity';

/** Entities the gateway asks this subgraph to resolve, batched through the request's loaders. */
export const devicesReferenceResolvers = {
  Patient: (reference: { id: string }, { caller }: DevicesContext): Patient => {
    assertOwnPatient(caller, reference.id);
    return { id: reference.id };
  },
  Facility: (reference: { id: string }): Facility => ({ id: reference.id }),
  // Devices are staff equipment; a patient reaches one only through their own readings.
  Device: (reference: { id: string }, { caller, loaders }: DevicesContext): Promise<Device | null> => {
    if (!STAFF.includes(caller.role)) throw forbidden(`The ${caller.role} role may not read devices`);
    return loaders.deviceById.load(reference.id);
  },
  Reading: async (reference: { id: string }, { caller, loaders }: DevicesContext): Promise<Reading | null> => {
    const reading = await loaders.readingById.load(reference.id);
    if (reading) assertOwnPatient(caller, reading.patientId);
    return reading;
  },
};
