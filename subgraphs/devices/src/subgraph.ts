import { defineSubgraph } from '@clinicflow/platform';
import { createDevicesContext } from './context';
import { Device } from './domain/device.entity';
import { Reading } from './domain/reading.entity';
import { CreateDevices1763800000000 } from './migrations/1763800000000-create-devices';
import { DeviceResolver } from './schema/device.resolver';
import { PatientVitalsResolver } from './schema/patient-vitals.resolver';
import { ReadingResolver } from './schema/reading.resolver';
import { devicesReferenceResolvers } from './schema/references';

export const devicesSubgraph = defineSubgraph({
  name: 'devices',
  defaultPort: 4005,
  entities: [Device, Reading],
  migrations: [CreateDevices1763800000000],
  resolvers: [DeviceResolver, ReadingResolver, PatientVitalsResolver],
  referenceResolvers: devicesReferenceResolvers,
  createContext: createDevicesContext,
});
