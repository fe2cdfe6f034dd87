import { defineSubgraph } from '@clinicflow/platform';
import { ApiCredential } from './access/api-credential.entity';
import { CredentialCheckResolver } from './access/credential-check.resolver';
import { CredentialResolver } from './access/credential.resolver';
import { createDevicesContext } from './context';
import { Device } from './domain/device.entity';
import { Reading } from './domain/reading.entity';
import { CreateDevices1763800000000 } from './migrations/1763800000000-create-devices';
import { CreateApiCredentials1764500000000 } from './migrations/1764500000000-create-api-credentials';
import { DeviceResolver } from './schema/device.resolver';
import { PatientVitalsResolver } from './schema/patient-vitals.resolver';
import { ReadingResolver } from './schema/reading.resolver';
import { devicesReferenceResolvers } from './schema/references';

export const devicesSubgraph = defineSubgraph({
  name: 'devices',
  defaultPort: 4005,
  entities: [Device, Reading, ApiCredential],
  migrations: [CreateDevices1763800000000, CreateApiCredentials1764500000000],
  resolvers: [DeviceResolver, ReadingResolver, PatientVitalsResolver, CredentialResolver, CredentialCheckResolver],
  referenceResolvers: devicesReferenceResolvers,
  createContext: createDevicesContext,
});
