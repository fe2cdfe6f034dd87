import { Connection } from '@clinicflow/platform';
import { ObjectType } from 'type-graphql';
import { Patient } from '../domain/patient.entity';

@ObjectType({ description: 'A page of patients' })
export class PatientConnection extends Connection(Patient) {}
