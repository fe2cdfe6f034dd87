import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { Device } from '../domain/device.entity';

@ObjectType({ description: 'A page of devices, by serial number' })
export class DeviceConnection extends Connection(Device) {}
