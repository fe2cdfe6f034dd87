import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { Appointment } from '../domain/appointment.entity';

@ObjectType({ description: 'A page of appointments, in the order they start' })
export class AppointmentConnection extends Connection(Appointment) {}
