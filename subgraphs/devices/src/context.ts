import type { BaseContext, Caller, SubgraphResources } from '@clinicflow/platform';
import { CredentialService } from './access/credential.service';
import { DeviceService } from './domain/device.service';
import { ReadingService } from './domain/reading.service';
import { createDevicesLoaders, type DevicesLoaders } from './loaders/devices.loaders';

export interface DevicesContext extends BaseContext {
  loaders: DevicesLoaders;
  devices: DeviceService;
  readings: ReadingService;
  credentials: CredentialService;
}

export function createDevicesContext(caller: Caller, resources: SubgraphResources): DevicesContext {
  return {
    caller,
    loaders: createDevicesLoaders(resources.database),
    devices: new DeviceService(resources.database),
    readings: new ReadingService(resources.database),
    credentials: new CredentialService(resources.database),
  };
}
